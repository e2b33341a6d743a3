import { sql, type Migration } from 'kysely';
import type { ColumnTypes } from '../dialect-profile.js';
import { createTable, type MigrationDb } from './table-def.js';

/** Events read per statement while filling the new table from the events already stored. */
const BACKFILL_PAGE = 2_000;

/*
 * The System Log filtered by a target (`GET /api/orgs/{org}/system-log?target=…`: who touched this app, this user) was
 * a LIKE over each event's target ids, kept as a JSON array: a page of a rare target read every event of the org
 * (104 ms at 300,000 events). Each (event, target) pair is now a row keyed by (org, target, published, uuid), so a
 * page is one range read in time order. The pairs of the events already stored are filled in here.
 */
export function logEventTargetsSchema(types: ColumnTypes): Migration {
  return {
    async up(db) {
      await createTable(db, types, {
        name: 'log_event_targets',
        columns: [['org', 'key'], ['target_id', 'key'], ['published', 'epochMs'], ['uuid', 'key']],
        primaryKey: ['org', 'target_id', 'published', 'uuid'],
      });
      await backfill(db);
    },
    async down(db) {
      await db.schema.dropTable('log_event_targets').execute();
    },
  };
}

interface StoredEvent {
  org: string;
  uuid: string;
  published: number | string;
  target_ids: string;
}

async function backfill(db: MigrationDb): Promise<void> {
  let after: { org: string; uuid: string } | undefined;
  for (;;) {
    let query = db.selectFrom('log_events').select(['org', 'uuid', 'published', sql<string>`cast(target_ids as text)`.as('target_ids')]);
    if (after !== undefined) query = query.where(sql<boolean>`(org, uuid) > (${after.org}, ${after.uuid})`);
    const events = (await query.orderBy('org').orderBy('uuid').limit(BACKFILL_PAGE).execute()) as StoredEvent[];
    const pairs = events.flatMap((event) => targetIdsOf(event.target_ids).map((targetId) => ({ org: event.org, target_id: targetId, published: Number(event.published), uuid: event.uuid })));
    // A few hundred rows per statement stays far below either database's bound-parameter limit.
    for (let start = 0; start < pairs.length; start += 500) {
      await db.insertInto('log_event_targets').values(pairs.slice(start, start + 500)).onConflict((conflict) => conflict.doNothing()).execute();
    }
    const last = events.at(-1);
    if (last === undefined || events.length < BACKFILL_PAGE) return;
    after = { org: last.org, uuid: last.uuid };
  }
}

/** The ids of a stored `target_ids` (a JSON array of strings); anything else has no target to index. */
function targetIdsOf(text: string): string[] {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? [...new Set(parsed.filter((id): id is string => typeof id === 'string'))] : [];
  } catch {
    return [];
  }
}
