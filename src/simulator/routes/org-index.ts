import type { SimOrg, SimUser } from '../org/types.js';

/**
 * Reverse lookups the org does not keep (login → user, user → assigned apps, group → apps), built on first use.
 * The org's `revision` (bumped by `applyChanges`) and a cheap fingerprint of the relation sizes trigger a rebuild when
 * the org changes after the server started: a membership removed and another added keep every size the same.
 */
export class OrgIndex {
  private built: { org: SimOrg; fingerprint: string; maps: IndexMaps } | null = null;

  constructor(private readonly currentOrg: () => SimOrg) {}

  /** Okta accepts a login (case-insensitively) or an unambiguous short name, i.e. the login's part before `@`. */
  userByLogin(key: string): SimUser | undefined {
    const { byLogin, byShortName } = this.maps();
    const lowered = key.toLowerCase();
    return byLogin.get(lowered) ?? byShortName.get(lowered) ?? undefined;
  }

  /** Positions in `org.apps` of the apps assigned to the user directly or through a group, in app order. */
  appPositionsForUser(userId: string): readonly number[] {
    return this.maps().appsByUser.get(userId) ?? [];
  }

  /** Ids of the apps a group is assigned to. */
  appIdsForGroup(groupId: string): readonly string[] {
    return this.maps().appsByGroup.get(groupId) ?? [];
  }

  private maps(): IndexMaps {
    const org = this.currentOrg();
    const fingerprint = fingerprintOf(org);
    if (this.built?.org !== org || this.built.fingerprint !== fingerprint) {
      this.built = { org, fingerprint, maps: buildMaps(org) };
    }
    return this.built.maps;
  }
}

interface IndexMaps {
  byLogin: Map<string, SimUser>;
  /** null marks a short name shared by several users, which Okta refuses to resolve. */
  byShortName: Map<string, SimUser | null>;
  appsByUser: Map<string, number[]>;
  appsByGroup: Map<string, string[]>;
}

function sumLengths(map: Map<string, readonly unknown[]>): number {
  let total = 0;
  for (const list of map.values()) total += list.length;
  return total;
}

function fingerprintOf(org: SimOrg): string {
  return [org.revision, org.users.length, org.apps.length, sumLengths(org.appUsers), sumLengths(org.appGroups), sumLengths(org.groupMembers)].join(':');
}

function buildMaps(org: SimOrg): IndexMaps {
  const byLogin = new Map<string, SimUser>();
  const byShortName = new Map<string, SimUser | null>();
  for (const user of org.users) {
    const login = user.profile.login.toLowerCase();
    byLogin.set(login, user);
    const at = login.indexOf('@');
    if (at > 0) {
      const short = login.slice(0, at);
      byShortName.set(short, byShortName.has(short) ? null : user);
    }
  }

  const appsByGroup = new Map<string, string[]>();
  const appsByUser = new Map<string, number[]>();
  const assign = (userId: string, position: number): void => {
    const list = appsByUser.get(userId);
    if (list === undefined) appsByUser.set(userId, [position]);
    // Positions arrive in ascending order, so a duplicate can only be the last entry.
    else if (list.at(-1) !== position) list.push(position);
  };
  org.apps.forEach((app, position) => {
    for (const row of org.appUsers.get(app.id) ?? []) assign(row.id, position);
    for (const appGroup of org.appGroups.get(app.id) ?? []) {
      const apps = appsByGroup.get(appGroup.id);
      if (apps === undefined) appsByGroup.set(appGroup.id, [app.id]);
      else apps.push(app.id);
      for (const userId of org.groupMembers.get(appGroup.id) ?? []) assign(userId, position);
    }
  });
  return { byLogin, byShortName, appsByUser, appsByGroup };
}
