import type { Migration } from 'kysely';

const INDEX = 'check_entity_results_by_run_id_check_id_status_entity_type_entity_id';

/*
 * A check's entities filtered by status (`GET /api/orgs/{org}/tests/{checkId}/entities?status=fail`, the newly
 * failing and fixed of `tests/changes`) are read in (entity type, entity id) order. The primary key alone makes that
 * a walk over every entity of the check until a page of matches is found: at 50,000 users, a rare status (or a deep
 * page of a common one) read all 50,000 rows. With the status in the index, a page is one range read.
 */
export const checkEntityStatusIndexSchema: Migration = {
  async up(db) {
    await db.schema.createIndex(INDEX).on('check_entity_results').columns(['run_id', 'check_id', 'status', 'entity_type', 'entity_id']).execute();
  },
  async down(db) {
    await db.schema.dropIndex(INDEX).execute();
  },
};
