import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import type { StoreDb } from '../schema.js';
import { preparedQuery } from './prepared-query.js';

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
  await expect(search(db, 'a')).rejects.toThrow(/does not use each of its values as a parameter/);
});
