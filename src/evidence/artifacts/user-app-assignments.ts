import { ARTIFACT_CONTROLS } from '../../frameworks/mapping.js';
import type { AppAssignmentRecord } from '../../store/types.js';
import { defineArtifact, isoDate, type CsvColumn, type SnapshotSource } from '../artifact.js';
import { idRef, namesOf, type IdRef, type NamedEntity } from './lookups.js';

interface AssignmentRow extends AppAssignmentRecord {
  appLabel: string | null;
  appStatus: string | null;
  userLogin: string | null;
  userStatus: string | null;
  viaGroups: IdRef[];
  /** True, false, or null when the data to tell is incomplete. */
  orphaned: boolean | null;
  orphanedReason: string | null;
  unreviewed: boolean;
  unreviewedReason: string | null;
  /** When the review that covers the assignment was attested. */
  reviewedAt: Date | null;
}

const COLUMNS: readonly CsvColumn<AssignmentRow>[] = [
  { header: 'appId', value: (a) => a.appId },
  { header: 'appLabel', value: (a) => a.appLabel },
  { header: 'appStatus', value: (a) => a.appStatus },
  { header: 'userId', value: (a) => a.userId },
  { header: 'userLogin', value: (a) => a.userLogin },
  { header: 'userStatus', value: (a) => a.userStatus },
  { header: 'scope', value: (a) => a.scope },
  { header: 'status', value: (a) => a.status },
  { header: 'viaGroupIds', value: (a) => a.viaGroupIds.join(';') },
  { header: 'viaGroupNames', value: (a) => a.viaGroups.map((group) => group.name ?? '').join(';') },
  { header: 'orphaned', value: (a) => a.orphaned },
  { header: 'orphanedReason', value: (a) => a.orphanedReason },
  { header: 'unreviewed', value: (a) => a.unreviewed },
  { header: 'unreviewedReason', value: (a) => a.unreviewedReason },
  { header: 'reviewedAt', value: (a) => isoDate(a.reviewedAt) },
  { header: 'created', value: (a) => isoDate(a.created) },
  { header: 'lastUpdated', value: (a) => isoDate(a.lastUpdated) },
];

/**
 * Okta removes assignments on deactivation and keeps them during a suspension (docs/verdicts.md, Application Access
 * Review): a deprovisioned user's assignment is orphaned access; a suspended user's is flagged for the reviewer to
 * confirm the suspension is temporary.
 */
const ORPHANED_BY_STATUS: Readonly<Record<string, string>> = {
  DEPROVISIONED: 'the user is deprovisioned; Okta removes assignments on deactivation, so another path left this one',
  SUSPENDED: 'the user is suspended; Okta keeps assignments during a suspension: confirm it is temporary or remove the access',
};

/** The members of every group that grants an app, by group: the only memberships the orphan flag needs. */
async function grantingGroupMembers(source: SnapshotSource): Promise<Map<string, Set<string>>> {
  const members = new Map<string, Set<string>>();
  for await (const grant of source.entities.stream('appGroupAssignments', source.snapshotId)) members.set(grant.groupId, new Set());
  for (const [groupId, users] of members) {
    for await (const membership of source.entities.stream('groupMemberships', source.snapshotId, { parentId: groupId })) users.add(membership.userId);
  }
  return members;
}

interface Coverage {
  attestedAt: Date;
  users: ReadonlySet<string>;
}

/** The newest review of each app attested within the review period, with the users whose assignments it listed. */
async function reviewsInPeriod(source: SnapshotSource): Promise<Map<string, Coverage>> {
  const { since, until } = source.reviewPeriod;
  const byApp = new Map<string, Coverage>();
  for (const review of await source.accessReviews.list(source.org)) {
    if (review.attestedAt < since || review.attestedAt > until) continue;
    const known = byApp.get(review.appId);
    if (known !== undefined && known.attestedAt >= review.attestedAt) continue;
    byApp.set(review.appId, { attestedAt: review.attestedAt, users: new Set(review.assignments.map((assignment) => assignment.userId)) });
  }
  return byApp;
}

function orphanFlag(
  assignment: AppAssignmentRecord,
  user: NamedEntity | undefined,
  members: ReadonlyMap<string, ReadonlySet<string>>,
  membershipsComplete: boolean,
): Pick<AssignmentRow, 'orphaned' | 'orphanedReason'> {
  const byStatus = user === undefined ? undefined : ORPHANED_BY_STATUS[user.status];
  if (byStatus !== undefined) return { orphaned: true, orphanedReason: byStatus };
  // A GROUP-scoped assignment exists only through its groups: a user in none of them should have lost it.
  if (assignment.scope !== 'GROUP' || assignment.viaGroupIds.length === 0) return { orphaned: false, orphanedReason: null };
  if (assignment.viaGroupIds.some((groupId) => members.get(groupId)?.has(assignment.userId) === true)) return { orphaned: false, orphanedReason: null };
  if (!membershipsComplete) return { orphaned: null, orphanedReason: 'cannot tell: the group memberships were not read in full' };
  return { orphaned: true, orphanedReason: 'the user is no longer a member of any group that grants this assignment' };
}

function reviewFlag(assignment: AppAssignmentRecord, coverage: Coverage | undefined, source: SnapshotSource): Pick<AssignmentRow, 'unreviewed' | 'unreviewedReason' | 'reviewedAt'> {
  if (coverage === undefined) {
    const { since, until } = source.reviewPeriod;
    return { unreviewed: true, unreviewedReason: `no access review of the app was attested from ${since.toISOString()} to ${until.toISOString()}`, reviewedAt: null };
  }
  if (!coverage.users.has(assignment.userId)) {
    return { unreviewed: true, unreviewedReason: `not in the assignment list of the review attested ${coverage.attestedAt.toISOString()} (added after it)`, reviewedAt: null };
  }
  return { unreviewed: false, unreviewedReason: null, reviewedAt: coverage.attestedAt };
}

/** Assignments stream in (app, user) order; each row is completed from lookups built first, never held whole. */
async function* assignmentsWithFlags(source: SnapshotSource): AsyncGenerator<AssignmentRow> {
  const apps = await namesOf(source, 'apps');
  const users = await namesOf(source, 'users');
  const groups = await namesOf(source, 'groups');
  const members = await grantingGroupMembers(source);
  const reviews = await reviewsInPeriod(source);
  const membershipsComplete = source.completeDatasets.has('groupMemberships');
  for await (const assignment of source.entities.stream('appAssignments', source.snapshotId)) {
    const app = apps.get(assignment.appId);
    const user = users.get(assignment.userId);
    yield {
      ...assignment,
      appLabel: app?.name ?? null,
      appStatus: app?.status ?? null,
      userLogin: user?.name ?? null,
      userStatus: user?.status ?? null,
      viaGroups: assignment.viaGroupIds.map((id) => idRef(groups, id)),
      ...orphanFlag(assignment, user, members, membershipsComplete),
      ...reviewFlag(assignment, reviews.get(assignment.appId), source),
    };
  }
}

export const userAppAssignmentsArtifact = defineArtifact<AssignmentRow>({
  id: 'user-app-assignments',
  title: 'User application assignments',
  description:
    'Who has access to which application: one row per user and app, with the app label, the user login and status, and whether the access is assigned to the user directly (USER) or only through groups (GROUP, with the group ids and names). orphaned flags an assignment of a deprovisioned or suspended user, or a GROUP assignment of a user no longer in any granting group (null: the memberships were not read in full). unreviewed flags an assignment no access review covers: the app has no review attested in the review period (the audit period, else the test settings\' review period before the export), or the assignment is not in that review\'s list.',
  datasets: ['appAssignments', 'apps', 'users', 'groups', 'groupMemberships'],
  controls: ARTIFACT_CONTROLS['user-app-assignments'],
  formats: ['json', 'csv'],
  records: assignmentsWithFlags,
  toJson: (row) => ({ ...Object.fromEntries(COLUMNS.map((column) => [column.header, column.value(row)])), viaGroupIds: row.viaGroupIds, viaGroups: row.viaGroups }),
  csv: COLUMNS,
});
