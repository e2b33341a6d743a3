import { CHECK_CONTROLS } from '../frameworks/mapping.js';
import type { AccessReviewSummary, AppRecord } from '../store/types.js';
import { defineCheck, type CheckContext, type CheckEntityResult } from './check.js';
import { datasetErrorResult, datasetGap, entityGap, sentence } from './data-coverage.js';
import type { SnapshotView } from './snapshot-view.js';
import { daysBetween, isoDay } from './users.js';

/**
 * Okta removes a user's app assignments when the user is deactivated, and keeps them on purpose while a user is
 * suspended (suspension is temporary: https://help.okta.com/en-us/content/topics/users-groups-profiles/usgp-suspend.htm,
 * https://help.okta.com/en-us/content/topics/users-groups-profiles/usgp-deactivate-user-account.htm). So a
 * deactivated user who still holds an assignment (left by some other path, e.g. an app-side import) is orphaned
 * access and fails; a suspended user's assignments are reported for the reviewer, not failed.
 */
const ORPHANED_STATUS = 'DEPROVISIONED';
const SUSPENDED_STATUS = 'SUSPENDED';
/** Users named in a reason; the full lists are in the result's fields. */
const LISTED_IN_REASON = 10;

/**
 * Each active app's access is reviewed: no deactivated user keeps an assignment, and a review is recorded within the
 * review period (PCI DSS 7.2.4). A review covers the assignments it saw: those added later are listed as unreviewed. Until review campaigns exist a review is recorded with
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

  const notes: string[] = [];
  const gap = entityGap(view, 'appAssignments', app.id, 'app');
  const review = view.latestReviewByApp.get(app.id);
  const reviewed = view.reviewedUsersByApp.get(app.id);
  if (gap === undefined) {
    const assignments = view.assignmentsByApp.get(app.id) ?? [];
    const orphaned: AssignedUser[] = [];
    const suspended: AssignedUser[] = [];
    const unreviewed: AssignedUser[] = [];
    const unknownUsers: string[] = [];
    for (const assignment of assignments) {
      const user = view.usersById.get(assignment.userId);
      if (user === undefined) {
        unknownUsers.push(assignment.userId);
        continue;
      }
      const named = { userId: user.id, login: user.login, status: user.status };
      if (user.status === ORPHANED_STATUS) orphaned.push(named);
      else if (user.status === SUSPENDED_STATUS) suspended.push(named);
      if (reviewed !== undefined && !reviewed.has(user.id)) unreviewed.push(named);
    }
    Object.assign(fields, {
      assignedUsers: assignments.length,
      orphanedUsers: orphaned,
      suspendedUsers: suspended,
      unreviewedUsers: reviewed === undefined ? null : unreviewed,
      unknownUserIds: unknownUsers,
    });
    if (orphaned.length > 0) {
      failures.push(
        `${countOf(orphaned.length, 'deactivated user')} still ${orphaned.length === 1 ? 'holds an assignment' : 'hold assignments'} (orphaned access; Okta removes assignments on deactivation, so another path left ${orphaned.length === 1 ? 'it' : 'them'}): ${listUsers(orphaned)}; remove ${orphaned.length === 1 ? 'it' : 'them'}`,
      );
    }
    if (suspended.length > 0) {
      notes.push(`${countOf(suspended.length, 'suspended user')} ${suspended.length === 1 ? 'keeps an assignment' : 'keep their assignments'}, as Okta does while a user is suspended: ${listUsers(suspended)}; confirm in the review that each suspension is temporary`);
    }
    if (review !== undefined && unreviewed.length > 0) {
      notes.push(`${countOf(unreviewed.length, 'assignment')} ${unreviewed.length === 1 ? 'was' : 'were'} added after the last review and ${unreviewed.length === 1 ? 'is' : 'are'} unreviewed: ${listUsers(unreviewed)}`);
    }
    if (unknownUsers.length > 0) {
      const why = datasetGap(view, 'users') ?? 'they may have been created after the user inventory was read';
      unknowns.push(`${countOf(unknownUsers.length, 'assigned user')} ${unknownUsers.length === 1 ? 'is' : 'are'} not in the user inventory (${why})`);
    }
  } else {
    unknowns.push(gap);
  }

  const judged = judgeReview(review, app.id, settings.reviewPeriodDays, now);
  Object.assign(fields, judged.fields);
  if (!judged.ok) failures.push(judged.text);

  if (failures.length > 0) return { ...base, status: 'fail', reason: sentences([...failures, ...unknowns, ...notes]), fields };
  if (unknowns.length > 0) return { ...base, status: 'error', reason: sentences([...unknowns, ...notes]), fields };
  return { ...base, status: 'pass', reason: sentences([judged.text, 'no deactivated user holds an assignment', ...notes]), fields };
}

interface AssignedUser {
  userId: string;
  login: string;
  status: string;
}

function listUsers(users: readonly AssignedUser[]): string {
  const listed = users.slice(0, LISTED_IN_REASON).map((user) => user.login);
  const more = users.length > LISTED_IN_REASON ? ` and ${users.length - LISTED_IN_REASON} more` : '';
  return `${listed.join(', ')}${more}`;
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
