import { ARTIFACT_CONTROLS } from '../../frameworks/mapping.js';
import type { UserRecord } from '../../store/types.js';
import { defineArtifact, isoDate, type CsvColumn } from '../artifact.js';

const COLUMNS: readonly CsvColumn<UserRecord>[] = [
  { header: 'id', value: (u) => u.id },
  { header: 'login', value: (u) => u.login },
  { header: 'email', value: (u) => u.email },
  { header: 'firstName', value: (u) => u.firstName },
  { header: 'lastName', value: (u) => u.lastName },
  { header: 'displayName', value: (u) => u.displayName },
  { header: 'department', value: (u) => u.department },
  { header: 'title', value: (u) => u.title },
  { header: 'status', value: (u) => u.status },
  { header: 'created', value: (u) => isoDate(u.created) },
  { header: 'activated', value: (u) => isoDate(u.activated) },
  { header: 'statusChanged', value: (u) => isoDate(u.statusChanged) },
  { header: 'lastLogin', value: (u) => isoDate(u.lastLogin) },
  { header: 'lastUpdated', value: (u) => isoDate(u.lastUpdated) },
  { header: 'passwordChanged', value: (u) => isoDate(u.passwordChanged) },
];

/** Every user of the snapshot, deprovisioned ones included, with status and last sign-in. */
export const oktaUsersArtifact = defineArtifact<UserRecord>({
  id: 'okta-users',
  title: 'Okta user inventory',
  description:
    'Every user account in the Okta org at the time of the sync, in every status (deprovisioned and suspended included), with when it was created, activated, last changed status and last signed in. lastLogin is empty for a user who never signed in.',
  datasets: ['users'],
  controls: ARTIFACT_CONTROLS['okta-users'],
  formats: ['json', 'csv'],
  records: (source) => source.entities.stream('users', source.snapshotId),
  // Same fields and order as the CSV, dates as ISO strings.
  toJson: (user) => Object.fromEntries(COLUMNS.map((column) => [column.header, column.value(user)])),
  csv: COLUMNS,
});
