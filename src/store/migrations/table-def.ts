import type { Migration } from 'kysely';
import type { ColumnTypes } from '../dialect-profile.js';

/*
 * Tables declared as data for migrations after the first. 0001 keeps its own private copy of this helper on
 * purpose: an applied migration is frozen and is never edited, not even to share code.
 */

type ColumnKind = keyof ColumnTypes;
/** The schema builder Kysely hands a migration; tables are named by strings here. */
export type MigrationDb = Parameters<Migration['up']>[0];
/** `[name, kind]` is NOT NULL; `[name, kind, 'null']` allows NULL. */
export type ColumnDef = readonly [name: string, kind: ColumnKind, nullable?: 'null'];

export interface TableDef {
  readonly name: string;
  readonly columns: readonly ColumnDef[];
  readonly primaryKey: readonly string[];
  readonly indexes?: readonly (readonly string[])[];
}

export async function createTable(db: MigrationDb, types: ColumnTypes, table: TableDef): Promise<void> {
  let builder = db.schema.createTable(table.name);
  for (const [name, kind, nullable] of table.columns) {
    builder = builder.addColumn(name, types[kind], (column) => (nullable === 'null' ? column : column.notNull()));
  }
  // The builder tracks added column names in its type, which a loop cannot carry; the names are checked by the database.
  builder = builder.addPrimaryKeyConstraint(`${table.name}_pk`, [...table.primaryKey] as never[]);
  await builder.execute();
  for (const columns of table.indexes ?? []) {
    await db.schema
      .createIndex(`${table.name}_by_${columns.join('_')}`)
      .on(table.name)
      .columns([...columns])
      .execute();
  }
}
