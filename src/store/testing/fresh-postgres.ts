import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * A database of its own on `baseUrl`'s server (named after `baseUrl`'s and `label`), for processes that use fixed
 * schemas, like `okta-evidence worker`'s pg-boss queue; `drop` removes it, closing any connection left to it.
 */
export async function createFreshPostgresDatabase(baseUrl: string, label: string): Promise<{ url: string; drop(): Promise<void> }> {
  const base = new URL(baseUrl);
  const name = `${base.pathname.slice(1) || 'postgres'}_${label}_${randomBytes(4).toString('hex')}`;
  await adminQuery(baseUrl, `create database ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => adminQuery(baseUrl, `drop database if exists ${name} with (force)`) };
}

async function adminQuery(baseUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
