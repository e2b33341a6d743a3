import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { StoreDb } from '../schema.js';
import { preparedQuery, shapedQuery } from './prepared-query.js';

let open: Kysely<never> | undefined;
afterEach(() => open?.destroy());

/** A Kysely handle over an in-memory table `people` (name, team), counting the queries it compiles. */
function database(): { db: StoreDb; compiled: () => number } {
  const sqlite = new Database(':memory:');
  sqlite.exec("create table people (name text, team text); insert into people values ('ada', 'red'), ('bob', 'red'), ('cy', 'blue'), ('di', 'red')");
  let compiled = 0;
  const kysely = new Kysely<never>({ dialect: new SqliteDialect({ database: sqlite }), log: () => undefined });
  const withCount = kysely.withPlugin({ transformQuery: (args) => ((compiled += 1), args.node), transformResult: (args) => Promise.resolve(args.result) });
  open = kysely;
  return { db: withCount as unknown as StoreDb, compiled: () => compiled };
}

it('builds once and binds each call’s values, beside the query’s own parameters (the limit)', async () => {
  const { db, compiled } = database();
  const loose = db as unknown as Kysely<Record<string, { name: string; team: string }>>;
  const teamMembers = preparedQuery((_db, team: string, after: string) =>
    loose.selectFrom('people').select('name').where('team', '=', team).where('name', '>', after).orderBy('name').limit(2),
  );
  expect(await teamMembers(db, 'red', '')).toEqual([{ name: 'ada' }, { name: 'bob' }]);
  expect(await teamMembers(db, 'red', 'ada')).toEqual([{ name: 'bob' }, { name: 'di' }]);
  expect(await teamMembers(db, 'blue', '')).toEqual([{ name: 'cy' }]);
  expect(compiled()).toBe(1);
});

it('refuses a build that hides a value inside a larger string, which a later call could not rebind', async () => {
  const { db } = database();
  const loose = db as unknown as Kysely<Record<string, { name: string; team: string }>>;
  const search = preparedQuery((_db, term: string) => loose.selectFrom('people').select('name').where('name', 'like', `%${term}%`));
  await expect(search(db, 'a')).rejects.toThrow(/computes with one of its values/);
});

it('refuses a build that drops a value, or changes its case', async () => {
  const { db } = database();
  const loose = db as unknown as Kysely<Record<string, { name: string; team: string }>>;
  const ignoring = preparedQuery((_db, _team: string) => loose.selectFrom('people').select('name'));
  await expect(ignoring(db, 'red')).rejects.toThrow(/does not use each of its values/);
  const lowered = preparedQuery((_db, team: string) => loose.selectFrom('people').select('name').where('team', '=', team.toLowerCase()));
  await expect(lowered(db, 'RED')).rejects.toThrow(/computes with one of its values/);
});

describe('shapedQuery', () => {
  interface Filter {
    teams?: string[];
    after?: string;
    upperCase?: boolean;
    limit: number;
  }
  const membersOf = () =>
    shapedQuery((db: StoreDb, filter: Filter) => {
      let query = (db as unknown as Kysely<Record<string, { name: string; team: string }>>).selectFrom('people').select(filter.upperCase === true ? sql<string>`upper(name)`.as('name') : 'name');
      if (filter.teams !== undefined) query = query.where('team', 'in', filter.teams);
      if (filter.after !== undefined) query = query.where('name', '>', filter.after);
      return query.orderBy('name').limit(filter.limit);
    });

  it('compiles once per shape (which fields are set, array lengths, booleans) and binds each call’s values', async () => {
    const { db, compiled } = database();
    const members = membersOf();
    expect(await members(db, { teams: ['red'], limit: 2 })).toEqual([{ name: 'ada' }, { name: 'bob' }]);
    expect(await members(db, { teams: ['blue'], limit: 5 })).toEqual([{ name: 'cy' }]);
    expect(compiled()).toBe(1);
    expect(await members(db, { teams: ['blue', 'red'], after: 'bob', limit: 5 })).toEqual([{ name: 'cy' }, { name: 'di' }]);
    expect(await members(db, { teams: ['red', 'blue'], after: 'ada', limit: 1 })).toEqual([{ name: 'bob' }]);
    expect(compiled()).toBe(2);
    expect(await members(db, { limit: 1, upperCase: true })).toEqual([{ name: 'ADA' }]);
    expect(await members(db, { limit: 1, upperCase: false })).toEqual([{ name: 'ada' }]);
    expect(compiled()).toBe(4);
  });

  it('passes numbers as numbers, so SQLite compares them as numbers', async () => {
    const { db } = database();
    const loose = db as unknown as Kysely<Record<string, { n: number }>>;
    await sql`create table numbers (n integer)`.execute(db);
    await sql`insert into numbers values (9), (10), (11)`.execute(db);
    // `n + 0` has no column affinity: a number passed as text would compare as text, and every integer sorts below text.
    const above = shapedQuery((_db: StoreDb, args: { min: number }) => loose.selectFrom('numbers').select('n').where(sql`n + 0`, '>', args.min).orderBy('n'));
    expect(await above(db, { min: 9 })).toEqual([{ n: 10 }, { n: 11 }]);
  });

  it('refuses arguments that are not plain data', async () => {
    const { db } = database();
    const members = shapedQuery((_db: StoreDb, args: { since: Date }) => (db as unknown as Kysely<Record<string, { name: string }>>).selectFrom('people').select('name').where('name', '>', args.since as unknown as string));
    await expect(members(db, { since: new Date(0) })).rejects.toThrow(/plain objects, arrays/);
  });
});
