import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { sqliteStoreError } from './sqlite-errors.js';

const scratch = mkdtempSync(join(tmpdir(), 'okta-evidence-sqlite-errors-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs `action` against a real SQLite database and returns what better-sqlite3 threw. */
function thrownBy(action: (db: Database.Database) => void, options?: Database.Options): unknown {
  const path = join(scratch, `${Math.random().toString(36).slice(2)}.sqlite`);
  new Database(path).exec('create table t (v text)').close();
  const db = new Database(path, options);
  try {
    action(db);
  } catch (error) {
    return error;
  } finally {
    db.close();
  }
  throw new Error('expected the action to throw');
}

describe('sqliteStoreError', () => {
  it('maps a full database (SQLITE_FULL) to STORE_DISK_FULL', () => {
    const error = thrownBy((db) => {
      // A page cap makes SQLite report "database or disk is full" exactly as it does when the disk fills.
      db.pragma('max_page_count = 2');
      const insert = db.prepare('insert into t values (?)');
      for (let i = 0; i < 1_000; i += 1) insert.run('x'.repeat(1_000));
    });
    const mapped = sqliteStoreError(error, '/data/evidence.sqlite');
    expect(mapped.code).toBe('STORE_DISK_FULL');
    expect(mapped.message).toMatch(/No space left for the database \/data\/evidence.sqlite\. Free disk space/);
    expect(mapped.cause).toBe(error);
  });

  it('maps a write to a read-only database (SQLITE_READONLY) to STORE_READ_ONLY', () => {
    const error = thrownBy((db) => db.exec("insert into t values ('x')"), { readonly: true });
    expect(sqliteStoreError(error, 'x.sqlite').code).toBe('STORE_READ_ONLY');
  });

  it('maps file-system errors by errno', () => {
    const withCode = (code: string) => Object.assign(new Error(code), { code });
    expect(sqliteStoreError(withCode('ENOSPC'), 'x').code).toBe('STORE_DISK_FULL');
    expect(sqliteStoreError(withCode('EACCES'), 'x').code).toBe('STORE_READ_ONLY');
    expect(sqliteStoreError(withCode('EROFS'), 'x').code).toBe('STORE_READ_ONLY');
    expect(sqliteStoreError(withCode('SQLITE_BUSY_SNAPSHOT'), 'x').code).toBe('STORE_LOCKED');
    expect(sqliteStoreError(withCode('SQLITE_IOERR_WRITE'), 'x').code).toBe('STORE_UNAVAILABLE');
    expect(sqliteStoreError(withCode('SQLITE_CONSTRAINT_PRIMARYKEY'), 'x').code).toBe('STORE_QUERY_FAILED');
    expect(sqliteStoreError('not even an Error', 'x').code).toBe('STORE_QUERY_FAILED');
  });
});
