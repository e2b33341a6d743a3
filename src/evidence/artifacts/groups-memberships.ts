import { ARTIFACT_CONTROLS } from '../../frameworks/mapping.js';
import type { GroupRecord } from '../../store/types.js';
import { defineArtifact, isoDate, type CsvColumn, type SnapshotSource } from '../artifact.js';
import { namesOf } from './lookups.js';

interface MembershipRow {
  group: GroupRecord;
  sourceAppLabel: string | null;
  /** Null on the one row of a group without members. */
  userId: string | null;
  userLogin: string | null;
  userStatus: string | null;
}

const COLUMNS: readonly CsvColumn<MembershipRow>[] = [
  { header: 'groupId', value: (r) => r.group.id },
  { header: 'groupName', value: (r) => r.group.name },
  { header: 'groupType', value: (r) => r.group.type },
  { header: 'groupDescription', value: (r) => r.group.description },
  { header: 'sourceAppId', value: (r) => r.group.sourceAppId },
  { header: 'sourceAppLabel', value: (r) => r.sourceAppLabel },
  { header: 'lastMembershipUpdated', value: (r) => isoDate(r.group.lastMembershipUpdated) },
  { header: 'userId', value: (r) => r.userId },
  { header: 'userLogin', value: (r) => r.userLogin },
  { header: 'userStatus', value: (r) => r.userStatus },
];

/** Groups in id order, each group's members by its own indexed query; a group without members still has its row. */
async function* memberships(source: SnapshotSource): AsyncGenerator<MembershipRow> {
  const users = await namesOf(source, 'users');
  const apps = await namesOf(source, 'apps');
  for await (const group of source.entities.stream('groups', source.snapshotId)) {
    const sourceAppLabel = group.sourceAppId === null ? null : (apps.get(group.sourceAppId)?.name ?? null);
    let members = 0;
    for await (const { userId } of source.entities.stream('groupMemberships', source.snapshotId, { parentId: group.id })) {
      const user = users.get(userId);
      members += 1;
      yield { group, sourceAppLabel, userId, userLogin: user?.name ?? null, userStatus: user?.status ?? null };
    }
    if (members === 0) yield { group, sourceAppLabel, userId: null, userLogin: null, userStatus: null };
  }
}

export const groupsMembershipsArtifact = defineArtifact<MembershipRow>({
  id: 'groups-memberships',
  title: 'Groups and memberships',
  description:
    'Every Okta group (OKTA_GROUP, APP_GROUP imported from a directory or app, BUILT_IN such as Everyone) with its members: one row per group and member, with the member\'s login and status. A group without members has one row with no user. Groups decide who gets which app and which policy applies (see user-app-assignments and the policy artifacts).',
  datasets: ['groups', 'groupMemberships', 'users'],
  controls: ARTIFACT_CONTROLS['groups-memberships'],
  formats: ['json', 'csv'],
  records: memberships,
  toJson: (row) => Object.fromEntries(COLUMNS.map((column) => [column.header, column.value(row)])),
  csv: COLUMNS,
});
