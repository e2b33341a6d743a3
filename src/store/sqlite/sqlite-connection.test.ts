import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { withStatementCache } from './sqlite-connection.js';

let open: Database.Database | undefined;
afterEach(() => open?.close());

function database(): Database.Database {
  open = new Database(':memory:');
  open.exec('create table t (n integer); insert into t values (1), (2), (3)');
  return open;
}

it('prepares a statement once per SQL text and reuses it', () => {
  const cached = withStatementCache(database());
  const first = cached.prepare('select n from t order by n');
  expect(cached.prepare('select n from t order by n')).toBe(first);
  expect(cached.prepare('select n from t order by n desc')).not.toBe(first);
  expect(first.all()).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
});

it('gives a fresh statement while the cached one is still being iterated', () => {
  const cached = withStatementCache(database());
  const sql = 'select n from t order by n';
  const outer = cached.prepare(sql);
  const seen: number[] = [];
  for (const row of outer.iterate() as IterableIterator<{ n: number }>) {
    const inner = cached.prepare(sql);
    expect(inner).not.toBe(outer);
    seen.push(row.n, (inner.all() as { n: number }[]).length);
  }
  expect(seen).toEqual([1, 3, 2, 3, 3, 3]);
  expect(cached.prepare(sql)).toBe(outer);
});

it('keeps at most 256 statements, dropping the least recently used', () => {
  const cached = withStatementCache(database());
  const kept = cached.prepare('select 0');
  const one = cached.prepare('select 1');
  for (let n = 2; n <= 300; n += 1) {
    cached.prepare(`select ${n}`);
    // Used again and again: stays while the others come and go.
    expect(cached.prepare('select 0')).toBe(kept);
  }
  expect(cached.prepare('select 1')).not.toBe(one);
  expect(cached.prepare('select 300')).toBe(cached.prepare('select 300'));
});

it('returns rows as plain objects built from arrays, a repeated column keeping its last value, writes unchanged', () => {
  const cached = withStatementCache(database());
  const rows = cached.prepare('select n, n * 10 as tens, null as missing, n as n from t where n > ? order by n').all(1) as Record<string, unknown>[];
  expect(rows).toEqual([
    { n: 2, tens: 20, missing: null },
    { n: 3, tens: 30, missing: null },
  ]);
  expect(Object.getPrototypeOf(rows[0])).toBe(Object.prototype);
  expect([...(cached.prepare('select n from t order by n desc').iterate())]).toEqual([{ n: 3 }, { n: 2 }, { n: 1 }]);
  expect(cached.prepare('insert into t values (?)').run(4)).toMatchObject({ changes: 1 });
  expect(cached.prepare('insert into t values (?) returning n').all(5)).toEqual([{ n: 5 }]);
});
