import type { Selectable } from 'kysely';
import type { AccessReviewsTable } from '../schema.js';
import type { AccessReviewRepository } from '../store.js';
import type { AccessReviewRecord, AccessReviewSummary, ReviewedAssignment } from '../types.js';
import type { RepositoryContext } from './context.js';
import { readDate, readJson, readNumber, writeDate, writeJson } from './row-values.js';

const DEFAULT_LIST_LIMIT = 50;
const SUMMARY_COLUMNS = ['id', 'org', 'app_id', 'app_label', 'reviewer_email', 'attested_at', 'note', 'snapshot_id', 'assignment_count'] as const;

type SummaryRow = Pick<Selectable<AccessReviewsTable>, (typeof SUMMARY_COLUMNS)[number]>;

/** Attestations are append-only: a new review of an app adds a row, so the history of who reviewed what stays. */
export function createAccessReviewRepository(ctx: RepositoryContext): AccessReviewRepository {
  async function latestPerApp(org: string): Promise<AccessReviewSummary[]> {
    const rows = await ctx.db
      .selectFrom('access_reviews')
      .select([...SUMMARY_COLUMNS])
      .where('org', '=', org)
      .orderBy('app_id')
      .orderBy('attested_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    const latest = new Map<string, AccessReviewSummary>();
    for (const row of rows) if (!latest.has(row.app_id)) latest.set(row.app_id, toSummary(row));
    return [...latest.values()];
  }

  return {
    async record(review) {
      const id = ctx.newId(review.attestedAt);
      await ctx.db
        .insertInto('access_reviews')
        .values({
          id,
          org: review.org,
          app_id: review.appId,
          app_label: review.appLabel,
          reviewer_email: review.reviewerEmail,
          attested_at: writeDate(review.attestedAt),
          note: review.note,
          snapshot_id: review.snapshotId,
          assignment_count: review.assignments.length,
          assignments: writeJson(review.assignments),
        })
        .execute();
      return { id, ...review };
    },

    latestPerApp,

    async latestPerAppWithAssignments(org) {
      // The summaries pick each app's newest review; only those rows' assignment lists are read.
      const ids = (await latestPerApp(org)).map((review) => review.id);
      if (ids.length === 0) return [];
      const rows = await ctx.db.selectFrom('access_reviews').selectAll().where('id', 'in', ids).orderBy('app_id').execute();
      return rows.map(toRecord);
    },

    async list(org, options = {}) {
      let query = ctx.db.selectFrom('access_reviews').selectAll().where('org', '=', org);
      if (options.appId !== undefined) query = query.where('app_id', '=', options.appId);
      const rows = await query
        .orderBy('attested_at', 'desc')
        .orderBy('id', 'desc')
        .limit(options.limit ?? DEFAULT_LIST_LIMIT)
        .execute();
      return rows.map(toRecord);
    },
  };
}

function toSummary(row: SummaryRow): AccessReviewSummary {
  return {
    id: row.id,
    org: row.org,
    appId: row.app_id,
    appLabel: row.app_label,
    reviewerEmail: row.reviewer_email,
    attestedAt: readDate(row.attested_at, 'access_reviews.attested_at'),
    note: row.note,
    snapshotId: row.snapshot_id,
    assignmentCount: readNumber(row.assignment_count, 'access_reviews.assignment_count'),
  };
}

function toRecord(row: Selectable<AccessReviewsTable>): AccessReviewRecord {
  const { assignmentCount: _count, ...summary } = toSummary(row);
  return { ...summary, assignments: readJson(row.assignments, 'access_reviews.assignments') as ReviewedAssignment[] };
}
