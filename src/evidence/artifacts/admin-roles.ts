import { ARTIFACT_CONTROLS } from '../../frameworks/mapping.js';
import type { AdminRoleRecord } from '../../store/types.js';
import { defineArtifact, type CsvColumn, type SnapshotSource } from '../artifact.js';
import { namesOf } from './lookups.js';

interface RoleRow extends AdminRoleRecord {
  userLogin: string | null;
  userStatus: string | null;
  groupName: string | null;
}

const COLUMNS: readonly CsvColumn<RoleRow>[] = [
  { header: 'userId', value: (r) => r.userId },
  { header: 'userLogin', value: (r) => r.userLogin },
  { header: 'userStatus', value: (r) => r.userStatus },
  { header: 'roleId', value: (r) => r.id },
  { header: 'roleType', value: (r) => r.type },
  { header: 'roleLabel', value: (r) => r.label },
  { header: 'roleStatus', value: (r) => r.status },
  { header: 'assignmentType', value: (r) => r.assignmentType },
  { header: 'groupId', value: (r) => r.groupId },
  { header: 'groupName', value: (r) => r.groupName },
];

async function* roles(source: SnapshotSource): AsyncGenerator<RoleRow> {
  const users = await namesOf(source, 'users');
  const groups = await namesOf(source, 'groups');
  for await (const role of source.entities.stream('adminRoles', source.snapshotId)) {
    const user = users.get(role.userId);
    yield { ...role, userLogin: user?.name ?? null, userStatus: user?.status ?? null, groupName: role.groupId === null ? null : (groups.get(role.groupId)?.name ?? null) };
  }
}

/** Privileged access (ISO 27001 A.9.2.3 / 8.2, PCI DSS 7.2): who holds an Okta administrator role, and how. */
export const adminRolesArtifact = defineArtifact<RoleRow>({
  id: 'admin-roles',
  title: 'Admin roles',
  description:
    'Every Okta administrator role assignment (GET /api/v1/iam/assignees/users, then each holder\'s roles): one row per user and role, with the role type (SUPER_ADMIN, ORG_ADMIN, READ_ONLY_ADMIN, …), its label and status, and whether the user holds it directly (USER) or through a group (GROUP, with the group id and name). A deprovisioned or suspended user who still holds a role shows here with that status.',
  datasets: ['adminRoles', 'users', 'groups'],
  controls: ARTIFACT_CONTROLS['admin-roles'],
  formats: ['json', 'csv'],
  records: roles,
  toJson: (row) => Object.fromEntries(COLUMNS.map((column) => [column.header, column.value(row)])),
  csv: COLUMNS,
});
