import { ARTIFACT_CONTROLS } from '../../frameworks/mapping.js';
import type { AppRecord } from '../../store/types.js';
import { defineArtifact, isoDate, type CsvColumn, type SnapshotSource } from '../artifact.js';
import { namesOf } from './lookups.js';

interface AppRow extends AppRecord {
  accessPolicyName: string | null;
  assignedUsers: number;
  assignedGroups: number;
}

const COLUMNS: readonly CsvColumn<AppRow>[] = [
  { header: 'id', value: (a) => a.id },
  { header: 'name', value: (a) => a.name },
  { header: 'label', value: (a) => a.label },
  { header: 'status', value: (a) => a.status },
  { header: 'signOnMode', value: (a) => a.signOnMode },
  { header: 'accessPolicyId', value: (a) => a.accessPolicyId },
  { header: 'accessPolicyName', value: (a) => a.accessPolicyName },
  { header: 'assignedUsers', value: (a) => a.assignedUsers },
  { header: 'assignedGroups', value: (a) => a.assignedGroups },
  { header: 'created', value: (a) => isoDate(a.created) },
  { header: 'lastUpdated', value: (a) => isoDate(a.lastUpdated) },
];

/** Two counts per app: apps number in the hundreds, so this is a few hundred indexed queries, not a join in memory. */
async function* appsWithCounts(source: SnapshotSource): AsyncGenerator<AppRow> {
  const policies = await namesOf(source, 'policies');
  for await (const app of source.entities.stream('apps', source.snapshotId)) {
    const assignedUsers = await source.entities.count('appAssignments', source.snapshotId, { parentId: app.id });
    const assignedGroups = await source.entities.count('appGroupAssignments', source.snapshotId, { parentId: app.id });
    const accessPolicyName = app.accessPolicyId === null ? null : (policies.get(app.accessPolicyId)?.name ?? null);
    yield { ...app, accessPolicyName, assignedUsers, assignedGroups };
  }
}

export const applicationsInventoryArtifact = defineArtifact<AppRow>({
  id: 'applications-inventory',
  title: 'Application inventory',
  description:
    'Every application integrated with Okta (active and inactive), its sign-on mode, the authentication policy it uses (id and name), and how many users (directly or through groups) and groups are assigned to it.',
  datasets: ['apps', 'appAssignments', 'policies'],
  controls: ARTIFACT_CONTROLS['applications-inventory'],
  formats: ['json', 'csv'],
  records: appsWithCounts,
  toJson: (app) => Object.fromEntries(COLUMNS.map((column) => [column.header, column.value(app)])),
  csv: COLUMNS,
});
