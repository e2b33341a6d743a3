import { DEPARTMENTS } from './catalog.js';
import type { GeneratedUsers } from './generate-users.js';
import type { Rng } from './random.js';
import { DAY, type Timeline } from './time.js';
import type { SimGroup } from './types.js';

/** The groups later stages assign apps, policies and roles to. */
export interface GeneratedGroups {
  groups: SimGroup[];
  /** groupId → member user ids, in user order. */
  members: Record<string, string[]>;
  /** groupId → member user indexes, the same lists as `members` for stages that work by index. */
  memberIndexes: Map<string, number[]>;
  everyone: SimGroup;
  /** One per entry of DEPARTMENTS, same index. */
  departments: SimGroup[];
  admins: SimGroup;
  contractors: SimGroup;
  /** Imported from Active Directory (APP_GROUP). */
  directory: SimGroup;
}

const USER_GROUP = ['okta:user_group'];

/**
 * Everyone (BUILT_IN), one OKTA_GROUP per department, Admins, Contractors and an AD-imported APP_GROUP. Okta keeps
 * deactivated users in their groups (okta/okta-sdk-python#245), so memberships ignore status.
 */
export function generateGroups(gen: GeneratedUsers, adminMembers: readonly number[], rng: Rng, time: Timeline): GeneratedGroups {
  const make = (type: SimGroup['type'], name: string, description: string | null, objectClass = USER_GROUP): SimGroup => {
    const created = rng.between(400 * DAY, 1500 * DAY);
    return {
      id: rng.id('00g'),
      created: time.iso(created),
      lastUpdated: time.iso(rng.between(0, created)),
      lastMembershipUpdated: time.iso(rng.between(0, 30 * DAY)),
      objectClass: [...objectClass],
      type,
      profile: { name, description },
    };
  };

  const everyone = make('BUILT_IN', 'Everyone', 'All users in your organization');
  const departments = DEPARTMENTS.map((d) => make('OKTA_GROUP', d.name, `Members of the ${d.name} department`));
  const admins = make('OKTA_GROUP', 'Admins', 'People who administer the Okta org');
  const contractors = make('OKTA_GROUP', 'Contractors', 'External contractors');
  // No `source` link: the AD integration it comes from is left out of the generated org (see generate-apps.ts).
  const directory = make('APP_GROUP', 'Domain Users', 'All domain users', ['okta:windows_security_principal']);
  const groups = [everyone, ...departments, admins, contractors, directory];

  const memberIndexes = new Map<string, number[]>(groups.map((g) => [g.id, []]));
  const add = (group: SimGroup | undefined, i: number): void => {
    if (group) memberIndexes.get(group.id)?.push(i);
  };
  const adminSet = new Set(adminMembers);
  for (let i = 0; i < gen.users.length; i++) {
    add(everyone, i);
    add(departments[gen.department[i] ?? 0], i);
    if (gen.contractor[i] === 1) add(contractors, i);
    if (gen.directory[i] === 1) add(directory, i);
    if (adminSet.has(i)) add(admins, i);
  }

  const members: Record<string, string[]> = {};
  for (const [groupId, indexes] of memberIndexes) members[groupId] = indexes.map((i) => gen.users[i]?.id ?? '');
  return { groups, members, memberIndexes, everyone, departments, admins, contractors, directory };
}
