import { ARTIFACT_CONTROLS } from '../../frameworks/mapping.js';
import type { AppRecord } from '../../store/types.js';
import { defineArtifact, isoDate, type CsvColumn, type SnapshotSource } from '../artifact.js';

interface AppRow extends AppRecord {
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
  { header: 'assignedUsers', value: (a) => a.assignedUsers },
  { header: 'assignedGroups', value: (a) => a.assignedGroups },
  { header: 'created', value: (a) => isoDate(a.created) },
  { header: 'lastUpdated', value: (a) => isoDate(a.lastUpdated) },
];

/** Two counts per app: apps number in the hundreds, so this is a few hundred indexed queries, not a join in memory. */
async function* appsWithCounts(source: SnapshotSource): AsyncGenerator<AppRow> {
  for await (const app of source.entities.stream('apps', source.snapshotId)) {
    const assignedUsers = await source.entities.count('appAssignments', source.snapshotId, { parentId: app.id });
    const assignedGroups = await source.entities.count('appGroupAssignments', source.snapshotId, { parentId: app.id });
    yield { ...app, assignedUsers, assignedGroups };
  }
}

export const applicationsInventoryArtifact = defineArtifact<AppRow>({
  id: 'applications-inventory',
  title: 'Application inventory',
  description:
    'Every application integrated with Okta (active and inactive), its sign-on mode, the authentication policy it uses, and how many users (directly or through groups) and groups are assigned to it.',
  datasets: ['apps', 'appAssignments'],
  controls: ARTIFACT_CONTROLS['applications-inventory'],
  formats: ['json', 'csv'],
  records: appsWithCounts,
  toJson: (app) => Object.fromEntries(COLUMNS.map((column) => [column.header, column.value(app)])),
  csv: COLUMNS,
});
