import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDatabase } from '../../src/store/database.js';
import { createSoakTables, pgPool, type SoakConnection } from './soak-db.js';

const WORKER = fileURLToPath(new URL('./soak-worker.ts', import.meta.url));

/** The PostgreSQL server the scheduler benches use: BENCH_DATABASE_URL, else TEST_DATABASE_URL. */
export function benchPostgresUrl(): string | undefined {
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  return url === undefined || url === '' ? undefined : url;
}

export interface SoakDatabase {
  storeUrl: string;
  bossSchema: string;
  pool: pg.Pool;
  drop(): Promise<void>;
}

/** A fresh schema for the store and the bench tables, and one for pg-boss; `drop` removes both. */
export async function createSoakDatabase(baseUrl: string, connections: readonly SoakConnection[]): Promise<SoakDatabase> {
  const suffix = randomBytes(5).toString('hex');
  const schema = `bench_soak_${suffix}`;
  const bossSchema = `bench_boss_${suffix}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const storeUrl = url.toString();
  const store = await openDatabase(storeUrl);
  await store.close();
  const pool = pgPool(storeUrl);
  await createSoakTables(pool, connections);
  return {
    storeUrl,
    bossSchema,
    pool,
    async drop() {
      await pool.end();
      const client = new pg.Client({ connectionString: baseUrl });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.query(`drop schema if exists ${bossSchema} cascade`);
      await client.end();
    },
  };
}

export interface SoakWorker {
  child: ChildProcess;
  /** Connections whose sync this worker started, in order (from its `START` lines). */
  started: string[];
  onStart(listener: (connectionId: string) => void): void;
  stop(): Promise<void>;
}

export interface WorkerSettings {
  db: SoakDatabase;
  scale: number;
  realStart: number;
  schedStart: number;
  leaseTtlMs: number;
  concurrency: number;
}

export async function startSoakWorker(settings: WorkerSettings): Promise<SoakWorker> {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      ...process.env,
      SOAK_STORE_URL: settings.db.storeUrl,
      SOAK_BOSS_SCHEMA: settings.db.bossSchema,
      SOAK_SCALE: String(settings.scale),
      SOAK_REAL_START: String(settings.realStart),
      SOAK_SCHED_START: String(settings.schedStart),
      SOAK_LEASE_TTL_MS: String(settings.leaseTtlMs),
      SOAK_CONCURRENCY: String(settings.concurrency),
    },
  });
  const started: string[] = [];
  const listeners: ((id: string) => void)[] = [];
  const lines = createInterface({ input: child.stdout });
  let ready: () => void = () => undefined;
  const isReady = new Promise<void>((resolve) => (ready = resolve));
  lines.on('line', (line) => {
    if (line === 'READY') ready();
    const match = /^START (\S+)$/.exec(line);
    if (match?.[1] !== undefined) {
      started.push(match[1]);
      for (const listener of listeners) listener(match[1]);
    }
  });
  await Promise.race([isReady, once(child, 'exit').then(() => Promise.reject(new Error('a soak worker exited before it was ready')))]);
  return {
    child,
    started,
    onStart: (listener) => listeners.push(listener),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
