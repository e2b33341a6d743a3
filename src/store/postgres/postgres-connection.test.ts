import { Kysely, sql } from 'kysely';
import { expect, it, describe } from 'vitest';
import { preparedQuery } from '../repositories/prepared-query.js';
import type { LooseDb, StoreDb } from '../schema.js';
import { createFreshPostgresDatabase } from '../testing/fresh-postgres.js';
import { POSTGRES_HINT } from '../testing/test-backends.js';
import { openPostgres } from './postgres-connection.js';

const baseUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(baseUrl === undefined)(`PostgreSQL connections${baseUrl === undefined ? ` (skipped: ${POSTGRES_HINT})` : ''}`, () => {
  it('run each shape-cached query as one named statement per connection, and survive its table changing columns', async () => {
    const fresh = await createFreshPostgresDatabase(baseUrl ?? '', 'named');
    const db: StoreDb = new Kysely({ dialect: (await openPostgres(fresh.url, 'the test database')).dialect });
    const probeById = preparedQuery((handle: StoreDb, id: string) => (handle as unknown as LooseDb).selectFrom('probe').selectAll().where('id', '=', id));
    try {
      await db.connection().execute(async (connection) => {
        await sql`create table probe (id text primary key, n integer)`.execute(connection);
        await sql`insert into probe values ('a', 1), ('b', 2)`.execute(connection);
        expect(await probeById(connection, 'a')).toEqual([{ id: 'a', n: 1 }]);
        expect(await probeById(connection, 'b')).toEqual([{ id: 'b', n: 2 }]);
        await sql`select count(*) from probe`.execute(connection);
        // One statement, prepared once for both calls; the ad-hoc query stays unnamed.
        const prepared = await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(connection);
        expect(prepared.rows.map((row) => row.statement)).toEqual(['select * from "probe" where "id" = $1']);

        // As when another process migrates: PostgreSQL refuses the named `select *` once (0A000), and the query runs
        // unnamed on this connection from then on.
        await sql`alter table probe add column label text`.execute(connection);
        expect(await probeById(connection, 'a')).toEqual([{ id: 'a', n: 1, label: null }]);
        expect(await probeById(connection, 'b')).toEqual([{ id: 'b', n: 2, label: null }]);
      });
    } finally {
      await db.destroy();
      await fresh.drop();
    }
  });
});
