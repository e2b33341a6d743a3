/**
 * The simulated Okta org, held in memory. Entities keep Okta's wire field names so routes can serve them with
 * little mapping; relations (factors, memberships, assignments, rules, roles) live in maps keyed by the owner id.
 */

export const USER_STATUSES = [
  'STAGED',
  'PROVISIONED',
  'ACTIVE',
  'RECOVERY',
  'LOCKED_OUT',
  'PASSWORD_EXPIRED',
  'SUSPENDED',
  'DEPROVISIONED',
] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export interface SimUserProfile {
  login: string;
  email: string;
  firstName: string;
  lastName: string;
  displayName?: string | null;
  department?: string | null;
  title?: string | null;
  mobilePhone?: string | null;
  secondEmail?: string | null;
  [custom: string]: unknown;
}

export interface SimUser {
  id: string;
  status: UserStatus;
  created: string;
  activated: string | null;
  statusChanged: string | null;
  lastLogin: string | null;
  lastUpdated: string;
  passwordChanged: string | null;
  type: { id: string };
  profile: SimUserProfile;
  credentials: {
    password?: Record<string, never>;
    recovery_question?: { question: string };
    provider: { type: 'OKTA' | 'ACTIVE_DIRECTORY' | 'LDAP' | 'FEDERATION' | 'SOCIAL' | 'IMPORT'; name: string };
  };
}

export interface SimFactor {
  id: string;
  factorType: string;
  provider: string;
  vendorName: string;
  status: string;
  created: string;
  lastUpdated: string;
  profile: Record<string, unknown>;
}

export interface SimGroup {
  id: string;
  created: string;
  lastUpdated: string;
  lastMembershipUpdated: string;
  objectClass: string[];
  type: 'OKTA_GROUP' | 'APP_GROUP' | 'BUILT_IN';
  profile: { name: string; description: string | null };
  /** For APP_GROUP: the app the group was imported from. */
  sourceAppId?: string;
}

export interface SimApp {
  id: string;
  name: string;
  label: string;
  status: 'ACTIVE' | 'INACTIVE';
  /** Null only for directory integrations in crafted orgs: Okta sends null there, SPEC does not allow it. */
  signOnMode: string | null;
  created: string;
  lastUpdated: string;
  /** The ACCESS_POLICY (app sign-in policy) this app uses, exposed as `_links.accessPolicy`. */
  accessPolicyId: string | null;
  features: string[];
  settings: Record<string, unknown>;
}

/** One row of `/apps/{id}/users`: scope USER is a direct assignment, GROUP comes through a group. */
export interface SimAppUser {
  id: string;
  scope: 'USER' | 'GROUP';
  status: string;
  syncState: string;
  externalId: string | null;
  created: string;
  lastUpdated: string;
  statusChanged: string | null;
  credentials: { userName: string };
  profile: Record<string, unknown>;
}

export interface SimAppGroup {
  id: string;
  priority: number;
  lastUpdated: string;
  profile: Record<string, unknown>;
}

export interface SimPolicy {
  id: string;
  type: string;
  name: string;
  description: string | null;
  status: 'ACTIVE' | 'INACTIVE';
  priority: number;
  system: boolean;
  conditions: Record<string, unknown> | null;
  settings: Record<string, unknown> | null;
  created: string;
  lastUpdated: string;
}

export interface SimPolicyRule {
  id: string;
  type: string;
  name: string;
  priority: number;
  status: 'ACTIVE' | 'INACTIVE';
  system: boolean;
  /** Absent is left out of the response; null is sent as null, as Okta does on catch-all rules (crafted orgs only). */
  conditions?: Record<string, unknown> | null;
  actions: Record<string, unknown>;
  created: string;
  lastUpdated: string;
}

export interface SimRoleAssignment {
  id: string;
  label: string;
  type: string;
  status: 'ACTIVE' | 'INACTIVE';
  created: string;
  lastUpdated: string;
  assignmentType: 'USER' | 'GROUP';
  /** For assignmentType GROUP: the group the role is inherited from. */
  groupId?: string;
}

/**
 * A System Log event in Okta's wire shape (LogEvent). Only the fields the simulator filters on are typed. Generated
 * events leave out what Okta sends as null but SPEC types as non-null (`detailEntry`, `outcome.reason`, …); events
 * of crafted org files may carry those nulls, as real ones do.
 */
export interface SimLogEvent {
  uuid: string;
  published: string;
  eventType: string;
  outcome: { result: string; reason?: string | null };
  actor: SimLogRef;
  client: { ipAddress?: string | null; [key: string]: unknown };
  target: SimLogRef[];
  [key: string]: unknown;
}

/** An actor or target of a System Log event (SPEC LogActor, LogTarget). */
export interface SimLogRef {
  id: string;
  type: string;
  alternateId: string;
  displayName: string;
  detailEntry?: Record<string, unknown> | null;
}

/** An OAuth 2.0 service app allowed to mint tokens at `/oauth2/v1/token` with `private_key_jwt`. */
export interface SimOAuthClient {
  clientId: string;
  /** Public keys as JWKs (RSA or EC); `kid` optional. */
  publicKeys: JsonWebKeyLike[];
  scopes: string[];
  requireDpop: boolean;
}

export interface JsonWebKeyLike {
  kty: string;
  kid?: string;
  [key: string]: unknown;
}

/** The log store is an interface so large orgs can keep events compactly and materialise them on demand. */
export interface SimLogStore {
  /** Number of events held. */
  readonly size: number;
  /** Events ordered by `published` ascending; index i is stable once appended. */
  publishedAt(index: number): number;
  event(index: number): SimLogEvent;
  append(event: SimLogEvent): void;
}

/** The org's authentication pipeline, as `/.well-known/okta-organization` names it: Identity Engine or Classic. */
export type SimPipeline = 'idx' | 'v1';

export interface SimOrg {
  /** Org subdomain used in links and actor ids, e.g. `acme` → the simulator still serves on its own base URL. */
  name: string;
  /** The org's id (`00o…`), served by `/.well-known/okta-organization`. */
  orgId: string;
  pipeline: SimPipeline;
  users: SimUser[];
  usersById: Map<string, SimUser>;
  factorsByUser: Map<string, SimFactor[]>;
  groups: SimGroup[];
  groupsById: Map<string, SimGroup>;
  /** groupId → member user ids, in insertion order. */
  groupMembers: Map<string, string[]>;
  /** userId → group ids. */
  userGroups: Map<string, string[]>;
  apps: SimApp[];
  appsById: Map<string, SimApp>;
  appUsers: Map<string, SimAppUser[]>;
  appGroups: Map<string, SimAppGroup[]>;
  policies: SimPolicy[];
  rulesByPolicy: Map<string, SimPolicyRule[]>;
  rolesByUser: Map<string, SimRoleAssignment[]>;
  logs: SimLogStore;
  sswsTokens: string[];
  oauthClients: SimOAuthClient[];
  /** Bumped by every applied change (`applyChanges`), so caches over the org know to rebuild. */
  revision: number;
}
