import { ADMIN_ROLES, type AdminRole } from './catalog.js';
import type { GeneratedUsers } from './generate-users.js';
import type { Rng, Weighted } from './random.js';
import { DAY, type Timeline } from './time.js';
import type { SimGroup, SimRoleAssignment } from './types.js';

/** Who administers the org: users with their own role assignments, and the members of the Admins group. */
export interface AdminPick {
  /** User indexes with direct (USER) role assignments. */
  direct: number[];
  /** User indexes in the Admins group, which holds a role every member inherits. */
  groupMembers: number[];
}

const EXTRA_ROLE_WEIGHTS: Weighted<AdminRole> = [
  [ADMIN_ROLES.SUPER_ADMIN, 1],
  [ADMIN_ROLES.ORG_ADMIN, 2],
  [ADMIN_ROLES.APP_ADMIN, 3],
  [ADMIN_ROLES.USER_ADMIN, 2],
  [ADMIN_ROLES.HELP_DESK_ADMIN, 3],
  [ADMIN_ROLES.READ_ONLY_ADMIN, 3],
  [ADMIN_ROLES.REPORT_ADMIN, 1],
];

/** The role the Admins group grants; every member sees it with `assignmentType: "GROUP"`. */
const GROUP_ROLE = ADMIN_ROLES.HELP_DESK_ADMIN;

/**
 * About 0.5 % of users (at least 2) hold a role, mostly active ones. One admin is a suspended or deactivated user
 * when there is one, because a stale admin is exactly what a role review should surface.
 */
export function pickAdmins(gen: GeneratedUsers, rng: Rng): AdminPick {
  const n = gen.users.length;
  const count = Math.min(n, Math.max(2, Math.round(n * 0.005)));
  const active: number[] = [];
  const gone: number[] = [];
  gen.users.forEach((u, i) => {
    if (u.status === 'ACTIVE') active.push(i);
    else if (u.status === 'SUSPENDED' || u.status === 'DEPROVISIONED') gone.push(i);
  });
  const pool = active.length >= count + 2 ? active : gen.users.map((_, i) => i);
  const drawn = rng.sample(pool, count + 2);
  const direct = drawn.slice(0, count);
  if (count >= 3 && gone.length > 0) direct[count - 1] = rng.pick(gone);
  const groupOnly = drawn.slice(count);
  return { direct, groupMembers: [...groupOnly, ...direct.filter((_, k) => k % 2 === 0)] };
}

export function generateRoles(gen: GeneratedUsers, pick: AdminPick, adminsGroup: SimGroup, rng: Rng, time: Timeline): Record<string, SimRoleAssignment[]> {
  const out: Record<string, SimRoleAssignment[]> = {};
  const assign = (userIndex: number, assignment: SimRoleAssignment): void => {
    const user = gen.users[userIndex];
    if (!user) return;
    (out[user.id] ??= []).push(assignment);
  };
  const at = (): { created: string; lastUpdated: string } => {
    const created = rng.between(DAY, 900 * DAY);
    return { created: time.iso(created), lastUpdated: time.iso(rng.between(0, created)) };
  };

  pick.direct.forEach((userIndex, k) => {
    // The first two admins are the org's owners; the rest get a mix, some with a second role.
    const first = k === 0 ? ADMIN_ROLES.SUPER_ADMIN : k === 1 ? ADMIN_ROLES.ORG_ADMIN : rng.weighted(EXTRA_ROLE_WEIGHTS);
    const roles = [first];
    const second = rng.weighted(EXTRA_ROLE_WEIGHTS);
    if (rng.chance(0.2) && second.type !== first.type) roles.push(second);
    for (const role of roles) {
      assign(userIndex, { id: rng.id('ra1'), label: role.label, type: role.type, status: 'ACTIVE', ...at(), assignmentType: 'USER' });
    }
  });

  // One assignment to the group; each member sees the same assignment id.
  const groupAssignment: SimRoleAssignment = {
    id: rng.id('irb'),
    label: GROUP_ROLE.label,
    type: GROUP_ROLE.type,
    status: 'ACTIVE',
    ...at(),
    assignmentType: 'GROUP',
    groupId: adminsGroup.id,
  };
  for (const userIndex of pick.groupMembers) assign(userIndex, { ...groupAssignment });
  return out;
}
