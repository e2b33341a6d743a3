import { CHECK_CONTROLS } from '../frameworks/mapping.js';
import type { AccessReviewSummary, AppRecord } from '../store/types.js';
import { defineCheck, type CheckContext, type CheckEntityResult } from './check.js';
import { datasetErrorResult, datasetGap, entityGap, sentence } from './data-coverage.js';
import type { SnapshotView } from './snapshot-view.js';
import { daysBetween, isoDay } from './users.js';

/** Users in these states cannot sign in, so an app assignment they still hold is orphaned access. */
const ORPHANED_STATUSES: ReadonlySet<string> = new Set(['DEPROVISIONED', 'SUSPENDED']);
/** Orphaned users named in a reason; the full list is in the result's fields. */
const LISTED_IN_REASON = 10;

/**
 * Each active app's access is reviewed: nobody who can no longer sign in keeps an assignment, and a review is
 * recorded within the review period (PCI DSS 7.2.4). Until review campaigns exist a review is recorded with
 * `okta-evidence review attest`. Every active app needs one, even an app with no assigned users: recording "nobody
 * has access" is the review.
 */
export const applicationAccessReview = defineCheck({
  id: 'application-access-review',
  title: 'Application Access Review',
  severity: 'medium',
  appliesTo: 'each active application',
  controls: CHECK_CONTROLS['application-access-review'],
  evaluate(view, context) {
    const results = view.apps.map((app) => judgeApp(view, app, context));
    const missingApps = datasetErrorResult(view, 'apps', 'Apps missing from the snapshot have not been tested.');
    return missingApps === undefined ? results : [missingApps, ...results];
  },
});

function judgeApp(view: SnapshotView, app: AppRecord, { settings, now }: CheckContext): CheckEntityResult {
  const base = { entityType: 'app', entityId: app.id, entityName: app.label } as const;
  if (app.status !== 'ACTIVE') {
    return { ...base, status: 'not_applicable', reason: `The app is ${app.status}; nobody can sign in to it.`, fields: { status: app.status } };
  }
  const failures: string[] = [];
  const unknowns: string[] = [];
  const fields: Record<string, unknown> = { status: app.status, reviewPeriodDays: settings.reviewPeriodDays };

  const gap = entityGap(view, 'appAssignments', app.id, 'app');
  if (gap === undefined) {
    const assignments = view.assignmentsByApp.get(app.id) ?? [];
    const orphaned: { userId: string; login: string; status: string }[] = [];
    const unknownUsers: string[] = [];
    for (const assignment of assignments) {
      const user = view.usersById.get(assignment.userId);
      if (user === undefined) unknownUsers.push(assignment.userId);
      else if (ORPHANED_STATUSES.has(user.status)) orphaned.push({ userId: user.id, login: user.login, status: user.status });
    }
    Object.assign(fields, { assignedUsers: assignments.length, orphanedUsers: orphaned, unknownUserIds: unknownUsers });
    if (orphaned.length > 0) {
      const listed = orphaned.slice(0, LISTED_IN_REASON).map((user) => `${user.login} (${user.status})`);
      const more = orphaned.length > LISTED_IN_REASON ? ` and ${orphaned.length - LISTED_IN_REASON} more` : '';
      failures.push(`${countOf(orphaned.length, 'assigned user')} can no longer sign in (orphaned access): ${listed.join(', ')}${more}; remove their assignments`);
    }
    if (unknownUsers.length > 0) {
      const why = datasetGap(view, 'users') ?? 'they may have been created after the user inventory was read';
      unknowns.push(`${countOf(unknownUsers.length, 'assigned user')} ${unknownUsers.length === 1 ? 'is' : 'are'} not in the user inventory (${why})`);
    }
  } else {
    unknowns.push(gap);
  }

  const review = judgeReview(view.latestReviewByApp.get(app.id), app.id, settings.reviewPeriodDays, now);
  Object.assign(fields, review.fields);
  if (!review.ok) failures.push(review.text);

  if (failures.length > 0) return { ...base, status: 'fail', reason: sentences([...failures, ...unknowns]), fields };
  if (unknowns.length > 0) return { ...base, status: 'error', reason: sentences(unknowns), fields };
  return { ...base, status: 'pass', reason: sentences([review.text, 'no assigned user is deprovisioned or suspended']), fields };
}

function judgeReview(review: AccessReviewSummary | undefined, appId: string, periodDays: number, now: Date): { ok: boolean; text: string; fields: Record<string, unknown> } {
  const attest = `record one with \`okta-evidence review attest --app ${appId} --reviewer EMAIL\``;
  if (review === undefined) {
    return { ok: false, text: `no access review has been recorded; review who is assigned and ${attest}`, fields: { lastReviewAt: null, lastReviewer: null, lastReviewAgeDays: null } };
  }
  const age = daysBetween(review.attestedAt, now);
  const fields = { lastReviewAt: review.attestedAt.toISOString(), lastReviewer: review.reviewerEmail, lastReviewAgeDays: age };
  const last = `${age} day${age === 1 ? '' : 's'} ago (${isoDay(review.attestedAt)}) by ${review.reviewerEmail}`;
  if (age > periodDays) {
    return { ok: false, text: `the last access review was ${last}, over the ${periodDays}-day review period; review again and ${attest}`, fields };
  }
  return { ok: true, text: `access reviewed ${last}`, fields };
}

function countOf(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function sentences(clauses: readonly string[]): string {
  return clauses.map(sentence).join(' ');
}
