import type { Updateable } from 'kysely';
import type { StoreError } from '../errors.js';
import type { StoreDatabase, StoreDb } from '../schema.js';
import type { ConnectionTable } from './connection-state-rows.js';
import { inTransaction, type RepositoryContext } from './context.js';
import { writeDate } from './row-values.js';

/*
 * How the Okta and the GitHub connection repositories read a connection back as a record (migrations 0005 and 0011):
 * public columns only, by id or by name, an error naming the id when no row has it, and every write read back in its
 * own transaction. One implementation parameterised by table; each repository brings the select of its public
 * columns and its row → record mapping.
 */

/** Names are unique whatever their case: `Acme` and `acme` would be one connection (or service) to a person. */
export function foldName(name: string): string {
  return name.trim().toLowerCase();
}

/**
 * The slice of Kysely's select builder the lookups use. Kysely cannot type a select of table-specific columns over a
 * table chosen by a parameter, so each repository builds the select and this names what the lookups do with it.
 */
export interface PublicSelect<Row> {
  where(column: 'id' | 'name_folded', operator: '=', value: string): PublicSelect<Row>;
  orderBy(column: 'name_folded'): PublicSelect<Row>;
  executeTakeFirst(): Promise<Row | undefined>;
  execute(): Promise<Row[]>;
}

export interface ConnectionLookupSpec<T extends ConnectionTable, Row, R> {
  table: T;
  /** The table's public columns (never the sealed secret), selected through `db`: the root handle or a transaction. */
  selectPublic: (db: StoreDb) => PublicSelect<Row>;
  toRecord: (row: Row) => R;
  /** The error for an id that names no row. */
  gone: (id: string) => StoreError;
}

/** The reads are properties, not methods, so a repository can hand them on as they are (`get: lookup.get`). */
export interface ConnectionLookup<T extends ConnectionTable, R> {
  readonly get: (id: string) => Promise<R | undefined>;
  /** By name, whatever its case. */
  readonly findByName: (name: string) => Promise<R | undefined>;
  /** All, by name. */
  readonly list: () => Promise<R[]>;
  /** The record, read through `trx` (the root handle by default); `gone` when no row has the id. */
  mustGet(id: string, trx?: StoreDb): Promise<R>;
  /** Sets the columns and `updated_at`, then reads the record back, in one transaction (`trx`'s when given); `gone` when no row has the id. */
  setColumns(id: string, values: Updateable<StoreDatabase[T]>, trx?: StoreDb): Promise<R>;
}

export function connectionLookup<T extends ConnectionTable, Row, R>(ctx: RepositoryContext, spec: ConnectionLookupSpec<T, Row, R>): ConnectionLookup<T, R> {
  const { selectPublic, toRecord, gone } = spec;
  // Kysely types an update over either table loosely; the signature of setColumns holds `values` to the caller's table.
  const table: ConnectionTable = spec.table;

  async function find(column: 'id' | 'name_folded', value: string, db: StoreDb = ctx.db): Promise<R | undefined> {
    const row = await selectPublic(db).where(column, '=', value).executeTakeFirst();
    return row === undefined ? undefined : toRecord(row);
  }

  async function mustGet(id: string, trx: StoreDb = ctx.db): Promise<R> {
    const record = await find('id', id, trx);
    if (record === undefined) throw gone(id);
    return record;
  }

  return {
    get: (id) => find('id', id),
    findByName: (name) => find('name_folded', foldName(name)),
    list: async () => (await selectPublic(ctx.db).orderBy('name_folded').execute()).map(toRecord),
    mustGet,
    setColumns(id, values, trx = ctx.db) {
      return inTransaction(trx, async (inner) => {
        const result = await inner.updateTable(table).set({ ...values, updated_at: writeDate(ctx.now()) }).where('id', '=', id).executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) throw gone(id);
        return mustGet(id, inner);
      });
    },
  };
}
