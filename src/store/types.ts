/**
 * Our own record types, the shape the checks and the evidence read. They are not Okta's payloads: the collectors
 * parse each payload at the boundary and map it to one of these. No type here has a place for a credential.
 */

/** The datasets a sync reports completeness for. */
export const DATASET_IDS = [
  'users',
  'factors',
  'groups',
  'groupMemberships',
  'apps',
  'appAssignments',
  'policies',
  'adminRoles',
  'logEvents',
] as const;
export type DatasetId = (typeof DATASET_IDS)[number];

export const DATASET_STATES = ['complete', 'partial', 'not_permitted', 'failed', 'not_started'] as const;
export type DatasetState = (typeof DATASET_STATES)[number];

export interface DatasetStatus {
  dataset: DatasetId;
  state: DatasetState;
  count: number;
  reason?: string;
  /** For `not_permitted`: the Okta admin role or OAuth scope that would allow reading the dataset. */
  permissionNeeded?: string;
}

export interface UserRecord {
  id: string;
  login: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  displayName: string | null;
  department: string | null;
  title: string | null;
  status: string;
  created: Date | null;
  activated: Date | null;
  statusChanged: Date | null;
  lastLogin: Date | null;
  lastUpdated: Date | null;
  passwordChanged: Date | null;
  /**
   * Where the user authenticates (`credentials.provider.type`): OKTA, ACTIVE_DIRECTORY, LDAP, FEDERATION, SOCIAL or
   * IMPORT. FEDERATION and SOCIAL users sign in at another identity provider and have no Okta factors by design.
   * Null when Okta sent no credentials (search results may leave them out) or for rows stored before migration 0007.
   */
  providerType: string | null;
  /** The provider's name, e.g. `OKTA`, an AD domain or an identity provider's name. */
  providerName: string | null;
}

export interface FactorRecord {
  userId: string;
  id: string;
  /** Kept as Okta reports it, including types we do not know yet (e.g. `signed_nonce`). */
  factorType: string;
  provider: string | null;
  vendorName: string | null;
  status: string;
  created: Date | null;
  lastUpdated: Date | null;
  /** Already masked by the collector, e.g. `phone ***37` or a device name; never a secret or a full number. */
  profileSummary: string | null;
}

export interface GroupRecord {
  id: string;
  name: string;
  description: string | null;
  /** OKTA_GROUP, APP_GROUP or BUILT_IN. */
  type: string;
  created: Date | null;
  lastUpdated: Date | null;
  lastMembershipUpdated: Date | null;
  /** For APP_GROUP: the app (directory) the group is imported from. */
  sourceAppId: string | null;
}

export interface GroupMembershipRecord {
  groupId: string;
  userId: string;
}

export interface AppRecord {
  id: string;
  name: string;
  label: string;
  status: string;
  signOnMode: string | null;
  created: Date | null;
  lastUpdated: Date | null;
  /** The authentication (access) policy the app uses, when the org has one. */
  accessPolicyId: string | null;
}

export const ASSIGNMENT_SCOPES = ['USER', 'GROUP'] as const;
export type AssignmentScope = (typeof ASSIGNMENT_SCOPES)[number];

export interface AppAssignmentRecord {
  appId: string;
  userId: string;
  /** USER: assigned directly; GROUP: the assignment exists only through group assignments. */
  scope: AssignmentScope;
  status: string | null;
  created: Date | null;
  lastUpdated: Date | null;
  /** Groups through which the user is assigned; empty for a direct assignment. */
  viaGroupIds: string[];
}

export interface AppGroupAssignmentRecord {
  appId: string;
  groupId: string;
  priority: number | null;
}

export interface PolicyRecord {
  id: string;
  type: string;
  name: string;
  status: string;
  priority: number | null;
  system: boolean;
  /** JSON as Okta shaped it; checks parse what they use. */
  conditions: unknown;
  settings: unknown;
  created: Date | null;
  lastUpdated: Date | null;
}

export interface PolicyRuleRecord {
  policyId: string;
  id: string;
  type: string;
  name: string;
  status: string;
  priority: number | null;
  system: boolean;
  conditions: unknown;
  actions: unknown;
}

export interface AdminRoleRecord {
  userId: string;
  id: string;
  type: string;
  label: string | null;
  status: string | null;
  /** USER or GROUP: whether the role is held directly or through a group. */
  assignmentType: string;
  groupId: string | null;
}

export interface LogEventRecord {
  uuid: string;
  published: Date;
  eventType: string;
  outcomeResult: string | null;
  actorId: string | null;
  actorAlternateId: string | null;
  targetIds: string[];
  raw: unknown;
}

/** A record that failed to parse: kept with its id so evidence can say what is missing. */
export interface CollectionErrorRecord {
  dataset: DatasetId;
  entityId: string;
  message: string;
}

export const SYNC_TRIGGERS = ['manual', 'schedule', 'cli', 'demo'] as const;
export type SyncTrigger = (typeof SYNC_TRIGGERS)[number];

/**
 * `partial`: the sync finished and its snapshot is promoted, but a dataset a check or an artifact needs is incomplete
 * (records that did not parse, a refused page, a dataset the credentials may not read). Only `succeeded` means a
 * complete snapshot.
 */
export const SYNC_STATUSES = ['running', 'succeeded', 'partial', 'failed', 'timed_out'] as const;
export type SyncStatus = (typeof SYNC_STATUSES)[number];

export interface SyncErrorEntry {
  code: string;
  message: string;
}

export interface TimeWindow {
  since: Date;
  until: Date;
}

export interface SyncRecord {
  id: string;
  /** The Okta org domain, e.g. `acme.okta.com`. */
  org: string;
  trigger: SyncTrigger;
  startedAt: Date;
  endedAt: Date | null;
  status: SyncStatus;
  /** True only when every dataset is complete (status `succeeded`). */
  complete: boolean;
  datasets: DatasetStatus[];
  requestsByBucket: Record<string, number>;
  requestsTotal: number;
  /** Responses with HTTP 429. */
  throttled: number;
  errors: SyncErrorEntry[];
  logWindow: TimeWindow | null;
  snapshotId: string | null;
  /**
   * The sync's own time budget in ms, fixed when it starts: a later sync judges by it whether this one was abandoned.
   * Null for syncs recorded before budgets were (migration 0004), or started without one.
   */
  timeoutMs: number | null;
  /** Which org the sync read and with whose credential, read at its start; null for syncs before migration 0009. */
  orgIdentity: SyncOrgIdentity | null;
  /**
   * The System Log event types the sync asked Okta for in `logWindow` (empty: every type). Null when it read no
   * System Log, and for syncs recorded before migration 0013.
   */
  logEventTypes: string[] | null;
}

/**
 * Who and what a sync read, for the evidence (issue 12): from `/.well-known/okta-organization` and the credential.
 * A value that could not be read is null and `unknown` says why: reading them never fails the sync.
 */
export interface SyncOrgIdentity {
  /** The org id (`00o…`). */
  orgId: string | null;
  /** The Okta domain the sync was configured with. */
  domain: string;
  /** `idx` Identity Engine, `v1` Classic Engine. */
  pipeline: 'idx' | 'v1' | null;
  credential: {
    /** `ssws` (an API token) or `oauth` (a service app's private key). */
    type: string | null;
    /** The API token's admin (login, with the user id) or the OAuth client id. */
    principal: string | null;
  };
  /** True when the org is the built-in simulator, never a real org. */
  simulated: boolean;
  /** One sentence per value that could not be read, naming what to check. */
  unknown: string[];
}

export const SNAPSHOT_STATES = ['building', 'current', 'superseded', 'discarded'] as const;
export type SnapshotState = (typeof SNAPSHOT_STATES)[number];

export interface SnapshotRecord {
  id: string;
  org: string;
  syncId: string | null;
  createdAt: Date;
  state: SnapshotState;
  /** The snapshot this one started as a copy of (incremental sync), if any. */
  copiedFrom: string | null;
  datasets: DatasetStatus[];
}

/** Where the System Log read stopped: the next read starts at `until` and skips `lastUuids` (same instant). */
export interface LogCursor {
  until: Date;
  lastUuids: string[];
}

export interface OrgState {
  org: string;
  currentSnapshotId: string | null;
  /** A snapshot assembled across several syncs by a large-org backfill. */
  buildingSnapshotId: string | null;
  /** The sync's own resume state (cursors); the sync engine defines and validates its shape. */
  checkpoint: unknown;
  logCursor: LogCursor | null;
  lastFullSyncAt: Date | null;
  lastSyncAt: Date | null;
}

/** What a security check concluded about one entity. Stored here because check results are kept per sync. */
export const CHECK_STATUSES = ['pass', 'fail', 'not_applicable', 'error'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

export interface CheckEntityResultRecord {
  /** `user`, `policy`, `app`, `organization`, or `dataset` for a result about missing data. */
  entityType: string;
  entityId: string;
  entityName: string;
  status: CheckStatus;
  /** A sentence a person can act on. */
  reason: string;
  /** The record fields the check read to decide, as JSON. */
  fields: Record<string, unknown>;
}

export interface CheckResultRecord {
  id: string;
  title: string;
  severity: string;
  status: CheckStatus;
  controls: readonly string[];
  counts: Record<CheckStatus, number>;
  /**
   * Counts a check keeps apart from the status counts, e.g. users whose MFA happens at another identity provider
   * (inside `not_applicable`) or passes on a weak factor only (inside `pass`). Absent when the check keeps none.
   */
  breakdown?: Record<string, number>;
  entities: CheckEntityResultRecord[];
}

/** One evaluation of every check over one snapshot. */
export interface CheckRunRecord {
  org: string;
  snapshotId: string;
  syncId: string | null;
  evaluatedAt: Date;
  /** The validated settings the checks ran with (profile, thresholds). */
  settings: unknown;
  results: CheckResultRecord[];
}

export interface StoredCheckRun extends CheckRunRecord {
  id: string;
}

/** One user's assignment as the reviewer saw it when attesting. */
export interface ReviewedAssignment {
  userId: string;
  login: string | null;
  userStatus: string | null;
  scope: string;
  assignmentStatus: string | null;
}

/** A reviewer's attestation that an app's access was reviewed (until review campaigns exist). */
export interface AccessReviewRecord {
  id: string;
  org: string;
  appId: string;
  appLabel: string;
  reviewerEmail: string;
  attestedAt: Date;
  note: string | null;
  /** The snapshot whose assignment list the reviewer saw. */
  snapshotId: string;
  assignments: ReviewedAssignment[];
}

/** A review without its assignment list, for checks that only need who attested and when. */
export type AccessReviewSummary = Omit<AccessReviewRecord, 'assignments'> & { assignmentCount: number };

/** A stored run without its entity rows. */
export interface CheckRunSummary extends Omit<StoredCheckRun, 'results'> {
  results: Omit<CheckResultRecord, 'entities'>[];
}

/** The last evidence export of an org: the next export's manifest names this hash as its predecessor. */
export interface EvidenceChainHead {
  org: string;
  /** 1 for the org's first export, then one more per export. */
  sequence: number;
  /** SHA-256 (hex) of the exported manifest.json bytes. */
  manifestSha256: string;
  syncId: string | null;
  generatedAt: Date;
}

/** The process holding a sync lease: an id unique to one acquisition, and where it runs. */
export interface LeaseHolder {
  id: string;
  host: string;
  pid: number;
}

/** An org's sync lease: held by one process while it syncs the org, kept alive by its heartbeat until `expiresAt`. */
export interface SyncLease {
  org: string;
  holder: LeaseHolder;
  acquiredAt: Date;
  heartbeatAt: Date;
  expiresAt: Date;
}
