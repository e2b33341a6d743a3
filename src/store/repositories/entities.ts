import { StoreError } from '../errors.js';
import type { LooseDb, StoreDb } from '../schema.js';
import type { EntityRepository } from '../store.js';
import { inTransaction, requireBuildingSnapshot, type RepositoryContext } from './context.js';
import {
  ENTITY_TABLES,
  columnName,
  decodeValue,
  encodeValue,
  fieldsOf,
  storedColumnsOf,
  type EntityKind,
  type EntityRecords,
} from './entity-tables.js';
import { inBatches, pageSizeOf, rowValueAfter, rowsPerStatement, streamPages } from './paging.js';
import { readNumber, writeText } from './row-values.js';

type Row = Record<string, unknown>;

/** Ids bound per list in one `memberships` statement: two lists of 500 stay far below every parameter limit. */
const MEMBERSHIP_IDS_PER_STATEMENT = 500;

/**
 * One implementation for every entity kind, driven by the column specs in `entity-tables.ts`. Kysely sees these
 * tables through a loose view (names are strings); the specs are what keeps records and rows in step.
 */
export function createEntityRepository(ctx: RepositoryContext): EntityRepository {
  const loose = (db: StoreDb): LooseDb => db as unknown as LooseDb;

  return {
    async upsert(kind, snapshotId, records) {
      await requireBuildingSnapshot(ctx.db, snapshotId);
      let written = 0;
      for await (const batch of inBatches(records, rowsPerStatement(ctx.profile, storedColumnsOf(kind).length + 1))) {
        const rows = batch.map((record) => toRow(kind, snapshotId, record));
        // Checked again with each batch, in its transaction: a snapshot discarded while its source was still
        // paging (a timed-out sync) takes no further rows.
        written += await inTransaction(ctx.db, async (trx) => {
          await requireBuildingSnapshot(trx, snapshotId);
          return writeRows(loose(trx), kind, rows);
        });
      }
      return written;
    },

    async replaceChildren(kind, snapshotId, parentId, records) {
      const parentField = ENTITY_TABLES[kind].key[0] as string;
      const rows = [...records].map((record) => {
        if (fieldValues(record)[parentField] !== parentId) {
          throw new StoreError('STORE_INVALID_INPUT', `A ${kind} record with another ${parentField} was passed to replace ${parentId}'s.`);
        }
        return toRow(kind, snapshotId, record);
      });
      await inTransaction(ctx.db, async (trx) => {
        await requireBuildingSnapshot(trx, snapshotId);
        await loose(trx)
          .deleteFrom(ENTITY_TABLES[kind].table)
          .where('snapshot_id', '=', snapshotId)
          .where(columnName(parentField), '=', parentId)
          .execute();
        const size = rowsPerStatement(ctx.profile, storedColumnsOf(kind).length + 1);
        for (let start = 0; start < rows.length; start += size) await writeRows(loose(trx), kind, rows.slice(start, start + size));
      });
    },

    async remove(kind, snapshotId, key) {
      const spec = ENTITY_TABLES[kind];
      await inTransaction(ctx.db, async (trx) => {
        await requireBuildingSnapshot(trx, snapshotId);
        let query = loose(trx).deleteFrom(spec.table).where('snapshot_id', '=', snapshotId);
        for (const field of spec.key) query = query.where(columnName(field), '=', keyValue(fieldValues(key)[field]));
        await query.execute();
        if (spec.dependents.length === 0) return;
        const id = keyValue(fieldValues(key)[spec.key[0] as string]);
        for (const dependent of spec.dependents) {
          await loose(trx)
            .deleteFrom(ENTITY_TABLES[dependent.kind].table)
            .where('snapshot_id', '=', snapshotId)
            .where(columnName(dependent.field), '=', id)
            .execute();
        }
        // Okta ids are unique across object types (00u…, 00g…, 0oa…), so the entity id alone names the progress rows.
        await trx.deleteFrom('snapshot_progress').where('snapshot_id', '=', snapshotId).where('entity_id', '=', id as string).execute();
      });
    },

    async find(kind, snapshotId, key) {
      let query = loose(ctx.db).selectFrom(ENTITY_TABLES[kind].table).select(fieldsOf(kind).map((f) => f.column)).where('snapshot_id', '=', snapshotId);
      for (const field of ENTITY_TABLES[kind].key) query = query.where(columnName(field), '=', keyValue(fieldValues(key)[field]));
      const row: Row | undefined = await query.executeTakeFirst();
      return row === undefined ? undefined : fromRow(kind, row);
    },

    stream(kind, snapshotId, options) {
      return streamEntities(loose(ctx.db), kind, snapshotId, pageSizeOf(options), options?.parentId);
    },

    async count(kind, snapshotId, options) {
      let query = loose(ctx.db)
        .selectFrom(ENTITY_TABLES[kind].table)
        .select((eb) => eb.fn.countAll().as('count'))
        .where('snapshot_id', '=', snapshotId);
      if (options?.parentId !== undefined) query = query.where(columnName(ENTITY_TABLES[kind].key[0] as string), '=', options.parentId);
      const row: Row | undefined = await query.executeTakeFirst();
      return readNumber(row?.count ?? 0, 'count');
    },

    async memberships(snapshotId, groupIds, userIds) {
      const found: { groupId: string; userId: string }[] = [];
      if (userIds.length === 0) return found;
      // Both lists as bound parameters: chunked so a statement stays far below either database's limit.
      const users = userIds.map((id) => writeText(id));
      for (let start = 0; start < users.length; start += MEMBERSHIP_IDS_PER_STATEMENT) {
        const someUsers = users.slice(start, start + MEMBERSHIP_IDS_PER_STATEMENT);
        for (let from = 0; from < groupIds.length; from += MEMBERSHIP_IDS_PER_STATEMENT) {
          const someGroups = groupIds.slice(from, from + MEMBERSHIP_IDS_PER_STATEMENT).map((id) => writeText(id));
          const rows: Row[] = await loose(ctx.db)
            .selectFrom('group_memberships')
            .select(['group_id', 'user_id'])
            .where('snapshot_id', '=', snapshotId)
            .where('group_id', 'in', someGroups)
            .where('user_id', 'in', someUsers)
            .execute();
          for (const row of rows) found.push({ groupId: decodeValue(row.group_id, 'text', 'group_id') as string, userId: decodeValue(row.user_id, 'text', 'user_id') as string });
        }
      }
      return found;
    },
  };
}

async function* streamEntities<K extends EntityKind>(
  db: LooseDb,
  kind: K,
  snapshotId: string,
  pageSize: number,
  parentId: string | undefined,
): AsyncGenerator<EntityRecords[K]> {
  const spec = ENTITY_TABLES[kind];
  const keyColumns = spec.key.map((field) => columnName(field));
  const rows = streamPages<Row>(async (after) => {
    let query = db.selectFrom(spec.table).select(fieldsOf(kind).map((f) => f.column)).where('snapshot_id', '=', snapshotId);
    if (parentId !== undefined) query = query.where(keyColumns[0] as string, '=', parentId);
    if (after !== undefined) query = query.where(rowValueAfter(keyColumns, keyColumns.map((column) => after[column])));
    for (const column of keyColumns) query = query.orderBy(column);
    const page: Row[] = await query.limit(pageSize).execute();
    return page;
  }, pageSize);
  for await (const row of rows) yield fromRow(kind, row);
}

/** Multi-row upsert of one batch. Returns the rows written after collapsing duplicate keys. */
async function writeRows(db: LooseDb, kind: EntityKind, rows: Row[]): Promise<number> {
  if (rows.length === 0) return 0;
  const keyColumns = ['snapshot_id', ...ENTITY_TABLES[kind].key.map((field) => columnName(field))];
  const unique = lastPerKey(rows, keyColumns);
  const valueColumns = storedColumnsOf(kind).filter((column) => !keyColumns.includes(column));
  await db
    .insertInto(ENTITY_TABLES[kind].table)
    .values(unique)
    .onConflict((conflict) => {
      const target = conflict.columns(keyColumns);
      return valueColumns.length === 0
        ? target.doNothing()
        : target.doUpdateSet((eb) => Object.fromEntries(valueColumns.map((column) => [column, eb.ref(`excluded.${column}`)])));
    })
    .execute();
  return unique.length;
}

/**
 * PostgreSQL refuses an upsert that touches the same row twice in one statement, and a paginated API can return a
 * record twice when it changes mid-read; the later copy is the newer one.
 */
function lastPerKey(rows: Row[], keyColumns: readonly string[]): Row[] {
  const byKey = new Map<string, Row>();
  for (const row of rows) byKey.set(JSON.stringify(keyColumns.map((column) => row[column])), row);
  return [...byKey.values()];
}

function toRow<K extends EntityKind>(kind: K, snapshotId: string, record: EntityRecords[K]): Row {
  const row: Row = { snapshot_id: snapshotId };
  for (const { field, column, type } of fieldsOf(kind)) row[column] = encodeValue(fieldValues(record)[field], type);
  for (const { column, of } of ENTITY_TABLES[kind].derived ?? []) row[column] = of(record);
  return row;
}

export function fromRow<K extends EntityKind>(kind: K, row: Row): EntityRecords[K] {
  const record: Row = {};
  for (const { field, column, type } of fieldsOf(kind)) record[field] = decodeValue(row[column], type, column);
  // The column spec is derived from EntityRecords[K] field by field, so the decoded object has exactly that shape.
  return record as unknown as EntityRecords[K];
}

/** A record or key read field by field, as the column specs name them. */
function fieldValues(record: object): Row {
  return record as Row;
}

/** A key as stored (text keys with NUL are stored escaped, see `writeText`), so lookups find what was written. */
function keyValue(value: unknown): unknown {
  return typeof value === 'string' ? writeText(value) : value;
}
