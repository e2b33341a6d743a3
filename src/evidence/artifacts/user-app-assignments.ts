import { ARTIFACT_CONTROLS } from '../../frameworks/mapping.js';
import type { AppAssignmentRecord } from '../../store/types.js';
import { defineArtifact, isoDate, type CsvColumn, type SnapshotSource } from '../artifact.js';

interface AssignmentRow extends AppAssignmentRecord {
  appLabel: string | null;
  appStatus: string | null;
  userLogin: string | null;
  userStatus: string | null;
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
  { header: 'created', value: (a) => isoDate(a.created) },
  { header: 'lastUpdated', value: (a) => isoDate(a.lastUpdated) },
];

interface Named {
  name: string;
  status: string;
}

/**
 * Assignments stream in (app, user) order; each row is completed with the app's label and the user's login and
 * status from two lookups built first. The user lookup is the one structure that grows with the org — about 100 bytes
 * a user (5 MB for 50,000) — far less than the assignments themselves, which are never held. Status strings are
 * shared, not copied per user.
 */
async function lookup(source: SnapshotSource, kind: 'users' | 'apps'): Promise<Map<string, Named>> {
  const statuses = new Map<string, string>();
  const shared = (status: string): string => {
    const known = statuses.get(status);
    if (known !== undefined) return known;
    statuses.set(status, status);
    return status;
  };
  const byId = new Map<string, Named>();
  if (kind === 'users') {
    for await (const user of source.entities.stream('users', source.snapshotId)) byId.set(user.id, { name: user.login, status: shared(user.status) });
  } else {
    for await (const app of source.entities.stream('apps', source.snapshotId)) byId.set(app.id, { name: app.label, status: shared(app.status) });
  }
  return byId;
}

async function* assignmentsWithNames(source: SnapshotSource): AsyncGenerator<AssignmentRow> {
  const apps = await lookup(source, 'apps');
  const users = await lookup(source, 'users');
  for await (const assignment of source.entities.stream('appAssignments', source.snapshotId)) {
    const app = apps.get(assignment.appId);
    const user = users.get(assignment.userId);
    yield { ...assignment, appLabel: app?.name ?? null, appStatus: app?.status ?? null, userLogin: user?.name ?? null, userStatus: user?.status ?? null };
  }
}

export const userAppAssignmentsArtifact = defineArtifact<AssignmentRow>({
  id: 'user-app-assignments',
  title: 'User application assignments',
  description:
    'Who has access to which application: one row per user and app, with the app label, the user login and status, and whether the access is assigned to the user directly (USER) or only through groups (GROUP, with the group ids). A user who can no longer sign in but keeps an assignment shows as orphaned access.',
  datasets: ['appAssignments', 'apps', 'users'],
  controls: ARTIFACT_CONTROLS['user-app-assignments'],
  formats: ['json', 'csv'],
  records: assignmentsWithNames,
  toJson: (row) => ({ ...Object.fromEntries(COLUMNS.map((column) => [column.header, column.value(row)])), viaGroupIds: row.viaGroupIds }),
  csv: COLUMNS,
});
