import type {
  SimApp,
  SimAppGroup,
  SimAppUser,
  SimFactor,
  SimGroup,
  SimLogEvent,
  SimLogStore,
  SimOAuthClient,
  SimOrg,
  SimPipeline,
  SimPolicy,
  SimPolicyRule,
  SimRoleAssignment,
  SimUser,
} from './types.js';
import { createRng, hashString } from './random.js';

/** The plain, serialisable parts of an org: what a generator or an org file provides. */
export interface OrgParts {
  name?: string;
  /** Default: derived from the name, so an org file without one still keeps the same id run after run. */
  orgId?: string;
  /** Default: what the policies show (see `inferPipeline`). */
  pipeline?: SimPipeline;
  users?: SimUser[];
  factors?: Record<string, SimFactor[]>;
  groups?: SimGroup[];
  /** groupId → member user ids */
  groupMembers?: Record<string, string[]>;
  apps?: SimApp[];
  appUsers?: Record<string, SimAppUser[]>;
  appGroups?: Record<string, SimAppGroup[]>;
  policies?: SimPolicy[];
  policyRules?: Record<string, SimPolicyRule[]>;
  roles?: Record<string, SimRoleAssignment[]>;
  logs?: SimLogEvent[] | SimLogStore;
  sswsTokens?: string[];
  oauthClients?: SimOAuthClient[];
}

/** A log store over a plain array, kept sorted by `published`. Fine for tests and crafted orgs. */
export class ArrayLogStore implements SimLogStore {
  private readonly events: SimLogEvent[];
  private readonly times: number[];

  constructor(events: SimLogEvent[] = []) {
    this.events = [...events].sort((a, b) => Date.parse(a.published) - Date.parse(b.published));
    this.times = this.events.map((e) => Date.parse(e.published));
  }

  get size(): number {
    return this.events.length;
  }

  publishedAt(index: number): number {
    return this.times[index] ?? Number.NaN;
  }

  event(index: number): SimLogEvent {
    const event = this.events[index];
    if (event === undefined) throw new RangeError(`no log event at ${index}`);
    return event;
  }

  append(event: SimLogEvent): void {
    const at = Date.parse(event.published);
    // Events arrive in time order in practice; keep the array sorted if one does not.
    let i = this.times.length;
    while (i > 0 && (this.times[i - 1] ?? 0) > at) i--;
    this.events.splice(i, 0, event);
    this.times.splice(i, 0, at);
  }
}

function isLogStore(logs: SimLogEvent[] | SimLogStore): logs is SimLogStore {
  return !Array.isArray(logs);
}

/** Builds the indexed in-memory org from its parts. Unknown ids in relations are kept; routes answer what exists. */
export function buildOrg(parts: OrgParts): SimOrg {
  const users = parts.users ?? [];
  const groups = parts.groups ?? [];
  const apps = parts.apps ?? [];
  const groupMembers = new Map(Object.entries(parts.groupMembers ?? {}));
  const userGroups = new Map<string, string[]>();
  for (const [groupId, members] of groupMembers) {
    for (const userId of members) {
      const list = userGroups.get(userId);
      if (list) list.push(groupId);
      else userGroups.set(userId, [groupId]);
    }
  }
  const logs = parts.logs ?? [];
  const name = parts.name ?? 'simulated';
  const policies = parts.policies ?? [];
  return {
    name,
    orgId: parts.orgId ?? createRng(hashString(name), 'org-id').id('00o'),
    pipeline: parts.pipeline ?? inferPipeline(policies),
    users,
    usersById: new Map(users.map((u) => [u.id, u])),
    factorsByUser: new Map(Object.entries(parts.factors ?? {})),
    groups,
    groupsById: new Map(groups.map((g) => [g.id, g])),
    groupMembers,
    userGroups,
    apps,
    appsById: new Map(apps.map((a) => [a.id, a])),
    appUsers: new Map(Object.entries(parts.appUsers ?? {})),
    appGroups: new Map(Object.entries(parts.appGroups ?? {})),
    policies,
    rulesByPolicy: new Map(Object.entries(parts.policyRules ?? {})),
    rolesByUser: new Map(Object.entries(parts.roles ?? {})),
    logs: isLogStore(logs) ? logs : new ArrayLogStore(logs),
    sswsTokens: [...(parts.sswsTokens ?? [])],
    oauthClients: [...(parts.oauthClients ?? [])],
    revision: 0,
  };
}

/**
 * Identity Engine unless the policies say Classic: app sign-in policies (ACCESS_POLICY) and authenticator-based
 * MFA_ENROLL settings exist only in Identity Engine orgs (OKTA-API.md §9, §13.14); an org with neither reads as
 * Classic, as an org file of Classic-shaped policies means it to.
 */
export function inferPipeline(policies: readonly SimPolicy[]): SimPipeline {
  const oie = policies.some((p) => p.type === 'ACCESS_POLICY' || (p.type === 'MFA_ENROLL' && Array.isArray(p.settings?.authenticators)));
  return oie ? 'idx' : 'v1';
}
