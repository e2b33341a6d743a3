import type { AuditLogRepository, ConnectionRepository } from './connection-types.js';
import type { DownstreamPassthroughRepository } from './passthrough-types.js';
import type { DownstreamRepository, GithubConnectionRepository } from './downstream-store-types.js';
import type { StoreDialect } from './dialect-profile.js';
import type { ChildKind, EntityKey, EntityKind, EntityRecords } from './repositories/entity-tables.js';
import type {
  AccessReviewRecord,
  AccessReviewSummary,
  AppAssignmentRecord,
  AppGroupAssignmentRecord,
  AppRecord,
  CheckEntityResultRecord,
  CheckRunRecord,
  CheckRunSummary,
  CheckStatus,
  DatasetId,
  DatasetStatus,
  EvidenceChainHead,
  FactorRecord,
  GroupMembershipRecord,
  GroupRecord,
  LogCursor,
  LeaseHolder,
  LogEventRecord,
  OrgState,
  PolicyRecord,
  PolicyRuleRecord,
  SnapshotRecord,
  StoredCheckRun,
  SyncLease,
  SyncRecord,
  SyncStatus,
  SyncTrigger,
  TimeWindow,
  UserRecord,
} from './types.js';
import type { ApiTokenRecord, KeysetPage, ServerUserRecord, SessionRecord } from './server-types.js';
import type { WebhookRepository } from './webhook-types.js';

export type { ChildKind, EntityKey, EntityKind, EntityRecords } from './repositories/entity-tables.js';

/** A source of records: an array, a generator, or an async generator fed by a paginated API. */
export type RecordSource<T> = Iterable<T> | AsyncIterable<T>;

export interface StreamOptions {
  /** Rows fetched per query (default 1,000). Memory stays bounded by one page whatever the dataset size. */
  batchSize?: number;
}

/** Mutable fields of a sync: progress while it runs, the outcome when it ends. The budget is fixed at the start. */
export type SyncUpdate = Partial<Omit<SyncRecord, 'id' | 'org' | 'trigger' | 'startedAt' | 'timeoutMs'>>;

export interface SyncHistoryRepository {
  /**
   * Records a new sync as `running` and returns it with its id (time-sortable). `timeoutMs` is the sync's budget, by
   * which `failAbandoned` judges it; without one it is judged by the default budget.
   */
  start(input: { org: string; trigger: SyncTrigger; startedAt: Date; timeoutMs?: number }): Promise<SyncRecord>;
  update(id: string, changes: SyncUpdate): Promise<SyncRecord>;
  get(id: string): Promise<SyncRecord | undefined>;
  /** Newest first; `before` pages further back by start time. */
  list(org: string, options?: { limit?: number; before?: Date }): Promise<SyncRecord[]>;
  latest(org: string, options?: { status?: SyncStatus }): Promise<SyncRecord | undefined>;
  /**
   * The syncs whose System Log reads reach into `window` (oldest first): each read ends at its `logWindow.until` and
   * starts where the one before it ended. The evidence names their event types.
   */
  logReadsCovering(org: string, window: TimeWindow): Promise<SyncRecord[]>;
  /**
   * Marks as `failed` (ended `now`) the org's syncs still `running` more than twice their own budget after they
   * started: their process died (killed, crashed) and will never finish them. A sync without a recorded budget is
   * judged by the default one (300 s). With `whateverTheirAge` (the caller holds the org's sync lease, so no other
   * sync of it can be alive) every `running` sync is marked. Returns how many were marked.
   */
  failAbandoned(org: string, now: Date, options?: { whateverTheirAge?: boolean }): Promise<number>;
}

export interface SnapshotRepository {
  /**
   * Creates a `building` snapshot for a sync to write into. With `copyFrom`, every row of that snapshot is copied in
   * the database first, so an incremental sync only applies what changed.
   */
  begin(org: string, options?: { syncId?: string; copyFrom?: string }): Promise<SnapshotRecord>;
  /** Records per-dataset completeness while the snapshot is built. */
  setDatasets(snapshotId: string, datasets: DatasetStatus[]): Promise<void>;
  /**
   * Makes a building snapshot the org's current one, in one transaction; the previous current is superseded.
   * `syncId` names the sync that completed it (a backfill may span several syncs): the snapshot then carries that
   * sync, whose System Log window and times are the ones its evidence covers.
   */
  promote(org: string, snapshotId: string, options?: { datasets?: DatasetStatus[]; syncId?: string }): Promise<void>;
  /** Deletes a building snapshot's rows and marks it discarded. The current snapshot cannot be discarded. */
  discard(snapshotId: string): Promise<void>;
  /**
   * Keeps the current snapshot and the `keep - 1` most recent superseded ones; deletes older superseded snapshots,
   * discarded ones and building snapshots whose sync is no longer running. Never touches the current snapshot or the
   * org's backfill snapshot. Returns the ids deleted.
   */
  prune(org: string, keep: number): Promise<string[]>;
  get(snapshotId: string): Promise<SnapshotRecord | undefined>;
  current(org: string): Promise<SnapshotRecord | undefined>;
  /** Newest first. */
  list(org: string): Promise<SnapshotRecord[]>;
  /** The orgs that have a current snapshot, in name order. */
  currentOrgs(): Promise<string[]>;
}

/**
 * Snapshot-scoped inventory. Writes go only into a `building` snapshot (anything else is STORE_INVALID_STATE), so
 * the current snapshot cannot be changed by a sync in progress.
 */
export interface EntityRepository {
  /** Inserts or replaces records by key, in batches sized to the database's parameter limit. Returns rows written. */
  upsert<K extends EntityKind>(kind: K, snapshotId: string, records: RecordSource<EntityRecords[K]>): Promise<number>;
  /**
   * Replaces every child of one parent in one transaction: a user's factors, a group's members, an app's
   * assignments, a policy's rules, a user's roles. Takes a synchronous iterable on purpose: the transaction must not
   * stay open while the caller awaits the network.
   */
  replaceChildren<K extends ChildKind>(kind: K, snapshotId: string, parentId: string, records: Iterable<EntityRecords[K]>): Promise<void>;
  /** Deletes one record and, for a user, group, app or policy, the rows that hang off it. */
  remove<K extends EntityKind>(kind: K, snapshotId: string, key: EntityKey<K>): Promise<void>;
  find<K extends EntityKind>(kind: K, snapshotId: string, key: EntityKey<K>): Promise<EntityRecords[K] | undefined>;
  /** Streams records in key order (byte order of ids); `parentId` narrows a child kind to one parent. */
  stream<K extends EntityKind>(kind: K, snapshotId: string, options?: StreamOptions & { parentId?: string }): AsyncIterable<EntityRecords[K]>;
  count(kind: EntityKind, snapshotId: string, options?: { parentId?: string }): Promise<number>;
  /** The memberships of any of `userIds` in any of `groupIds`: one indexed read, whatever the groups' sizes. */
  memberships(snapshotId: string, groupIds: readonly string[], userIds: readonly string[]): Promise<{ groupId: string; userId: string }[]>;
}

export interface LogEventRepository {
  /** Stores events not seen before (deduplicated by org and uuid). Returns how many were new. */
  insert(org: string, events: RecordSource<LogEventRecord>): Promise<number>;
  /** Events with `since <= published < until`, in (published, uuid) order, read page by page. */
  stream(org: string, window: TimeWindow, options?: StreamOptions & { eventTypes?: readonly string[] }): AsyncIterable<LogEventRecord>;
  count(org: string, window?: TimeWindow): Promise<number>;
  /** Retention: deletes events published before the given instant. Returns how many. */
  pruneOlderThan(org: string, publishedBefore: Date): Promise<number>;
}

/** Per-org resume state kept between syncs. An org without a row reads as all-null. */
export interface CheckpointRepository {
  getOrgState(org: string): Promise<OrgState>;
  setBuildingSnapshot(org: string, snapshotId: string | null): Promise<void>;
  /** Any JSON value the sync engine chooses (cursors…); `null` clears it. */
  saveCheckpoint(org: string, checkpoint: unknown): Promise<void>;
  saveLogCursor(org: string, cursor: LogCursor | null): Promise<void>;
  recordSyncTimes(org: string, times: { lastSyncAt: Date; lastFullSyncAt?: Date }): Promise<void>;
}

/**
 * Which entities of a snapshot have had a per-entity dataset read (e.g. a user's factors) and when. A backfill
 * resumes from the entities without a row; copied with the snapshot, the times say which entities were verified
 * longest ago.
 */
export interface ProgressRepository {
  markVerified(snapshotId: string, dataset: DatasetId, entityIds: Iterable<string>, verifiedAt: Date): Promise<void>;
  isVerified(snapshotId: string, dataset: DatasetId, entityId: string): Promise<boolean>;
  countVerified(snapshotId: string, dataset: DatasetId): Promise<number>;
  /** Ids of the snapshot's users (optionally only those in `statuses`) not yet verified for `dataset`, in id order. */
  streamPendingUsers(
    snapshotId: string,
    dataset: DatasetId,
    options?: StreamOptions & { statuses?: readonly string[] },
  ): AsyncIterable<string>;
  /** Ids of the entities verified for `dataset` in the snapshot, in id order. */
  streamVerified(snapshotId: string, dataset: DatasetId, options?: StreamOptions): AsyncIterable<string>;
  /** The entities verified longest ago, oldest first. */
  oldestVerified(snapshotId: string, dataset: DatasetId, limit: number): Promise<{ entityId: string; verifiedAt: Date }[]>;
  clear(snapshotId: string, dataset?: DatasetId): Promise<void>;
}

/**
 * Security-check runs, one per evaluated snapshot, with every entity's result, so a later run can say what changed
 * since the previous sync.
 */
export interface CheckResultRepository {
  /** Stores a run; an earlier run over the same snapshot (the checks re-run with other settings) is replaced. */
  save(run: CheckRunRecord): Promise<StoredCheckRun>;
  get(runId: string): Promise<StoredCheckRun | undefined>;
  /** The org's most recently evaluated run. */
  latest(org: string): Promise<StoredCheckRun | undefined>;
  /** The newest run over another snapshot evaluated before `current`: "the last sync" a diff compares with. */
  previous(org: string, current: { id: string; snapshotId: string; evaluatedAt: Date }): Promise<StoredCheckRun | undefined>;
  /** The org's most recently evaluated run without its entity rows: per-check summaries only (evidence export). */
  latestSummary(org: string): Promise<CheckRunSummary | undefined>;
  /** One run without its entity rows. */
  summary(runId: string): Promise<CheckRunSummary | undefined>;
  /** `previous` without its entity rows. */
  previousSummary(org: string, current: { id: string; snapshotId: string; evaluatedAt: Date }): Promise<CheckRunSummary | undefined>;
  /**
   * The entity rows of run `runId`, of the checks `checkIds`, whose entity fails in that run or in `otherRunId`, by
   * check in (entity type, entity id) order: all that `diffRuns` of the two runs looks at, without the rest (at
   * 50,000 users a run holds ~250,000 rows, of which a few thousand fail).
   */
  entitiesFailingInEither(runId: string, otherRunId: string, checkIds: readonly string[]): Promise<Map<string, CheckEntityResultRecord[]>>;
  /** One run's entity results (or one check's: `checkId`) in (check, entity type, entity id) order, read page by page (evidence export, tests --format json). */
  streamEntities(runId: string, options?: StreamOptions & { checkId?: string }): AsyncIterable<CheckEntityResultRecord & { checkId: string }>;
  /**
   * Retention: deletes the org's runs over snapshots that no longer exist (pruned), with their entity rows, except
   * the two newest runs (`latest` and the run `previous` compares it with, so "what changed since the last sync"
   * survives keeping a single snapshot). A run over a snapshot that is still stored is always kept. Returns the ids
   * deleted.
   */
  prune(org: string): Promise<string[]>;
}

/** Access-review attestations: who reviewed an app's access, when, and the assignment list they saw. */
export interface AccessReviewRepository {
  record(review: Omit<AccessReviewRecord, 'id'>): Promise<AccessReviewRecord>;
  /** The newest review of each of the org's apps, without the assignment lists. */
  latestPerApp(org: string): Promise<AccessReviewSummary[]>;
  /** The newest review of each of the org's apps with the assignment list the reviewer attested. */
  latestPerAppWithAssignments(org: string): Promise<AccessReviewRecord[]>;
  /** Newest first, with assignment lists; `appId` narrows to one app. */
  list(org: string, options?: { appId?: string; limit?: number }): Promise<AccessReviewRecord[]>;
}

/** Per-org chain of evidence exports: each manifest names the hash of the one before it. */
export interface EvidenceChainRepository {
  head(org: string): Promise<EvidenceChainHead | undefined>;
  /**
   * Makes `manifestSha256` the org's head if the head is still `previousSha256` (null: the org has no export yet).
   * Returns false, changing nothing, when another export moved the head meanwhile.
   */
  append(
    org: string,
    link: { previousSha256: string | null; manifestSha256: string; sequence: number; syncId: string | null; generatedAt: Date },
  ): Promise<boolean>;
}

/** The REST server's users, sessions, API tokens and first-admin setup links (migration 0008). */
export interface ServerAccountRepository {
  countUsers(): Promise<number>;
  /** Emails are unique whatever their case; a second account for one address is STORE_INVALID_INPUT. */
  createUser(input: Omit<ServerUserRecord, 'id' | 'failedLogins' | 'lockedUntil' | 'disabledAt'>): Promise<ServerUserRecord>;
  getUser(id: string): Promise<ServerUserRecord | undefined>;
  findUserByEmail(email: string): Promise<ServerUserRecord | undefined>;
  listUsers(): Promise<ServerUserRecord[]>;
  updateUser(id: string, changes: Partial<Omit<ServerUserRecord, 'id' | 'createdAt'>>): Promise<ServerUserRecord>;
  /** Deletes the account with its sessions and API tokens. */
  deleteUser(id: string): Promise<void>;
  createSession(session: SessionRecord): Promise<void>;
  /** The session with its user, in one read (every cookie-authenticated request makes it). */
  findSessionWithUser(idHash: string): Promise<{ session: SessionRecord; user: ServerUserRecord } | undefined>;
  touchSession(idHash: string, lastSeenAt: Date): Promise<void>;
  deleteSession(idHash: string): Promise<void>;
  deleteUserSessions(userId: string): Promise<void>;
  createToken(input: Omit<ApiTokenRecord, 'id' | 'lastUsedAt' | 'revokedAt'>): Promise<ApiTokenRecord>;
  /** The token with its owner, in one read (every token-authenticated request makes it). */
  findTokenWithOwner(tokenHash: string): Promise<{ token: ApiTokenRecord; user: ServerUserRecord } | undefined>;
  /** Every token (or one user's), oldest first. */
  listTokens(userId?: string): Promise<ApiTokenRecord[]>;
  /** False when the token does not exist or was already revoked. */
  revokeToken(id: string, at: Date): Promise<boolean>;
  touchToken(id: string, at: Date): Promise<void>;
  createSetupToken(tokenHash: string, createdAt: Date, expiresAt: Date): Promise<void>;
  /** Marks the link used if it exists, is unused and has not expired; false otherwise. Atomic. */
  consumeSetupToken(tokenHash: string, now: Date): Promise<boolean>;
}

/** A page request: `after` is the previous page's last key (as `nextKey` gave it). */
export interface PageRequest {
  after?: readonly string[];
  limit: number;
}

export interface UserPageFilter {
  statuses?: readonly string[];
  /** Matches login, email, display name or "first last", ignoring case. */
  search?: string;
  /** Users whose last sign-in (or, never signed in, creation) is before this instant. */
  inactiveBefore?: Date;
  /** DEPROVISIONED users that still hold an app assignment. */
  deprovisionedWithAccess?: boolean;
  /** Users whose result in a stored check run has this status. */
  verdict?: { run: CheckRunRef; checkId: string; status: CheckStatus };
  /** Users whose strongest active factor is one of `types` (or who have none), and none of `strongerTypes`. */
  strongestFactor?: { types: readonly string[] | 'none'; strongerTypes: readonly string[] };
}

export interface LogEventFilter {
  eventType?: string;
  /** An actor id or alternate id (login). */
  actor?: string;
  /** An id among the event's targets. */
  target?: string;
  since?: Date;
  until?: Date;
}

/** Keyset-paginated, filtered reads of one snapshot (and of System Log events and check results) for the API. */
/**
 * The snapshot a page reads: one by id, or an org's current snapshot (`currentOf`), found inside the page's own query
 * so an API request makes one round trip to the database fewer. An org without a current snapshot reads as empty.
 */
export type SnapshotRef = string | { currentOf: string };

/** The check run a page reads: one by id, or an org's latest (`latestOf`), found inside the page's own query. */
export type CheckRunRef = string | { latestOf: string };

export interface SnapshotPageRepository {
  users(snapshot: SnapshotRef, filter: UserPageFilter, page: PageRequest): Promise<KeysetPage<UserRecord>>;
  groups(snapshot: SnapshotRef, filter: { search?: string; type?: string }, page: PageRequest): Promise<KeysetPage<GroupRecord>>;
  apps(snapshot: SnapshotRef, filter: { search?: string; status?: string }, page: PageRequest): Promise<KeysetPage<AppRecord>>;
  policies(snapshot: SnapshotRef, filter: { type?: string }, page: PageRequest): Promise<KeysetPage<PolicyRecord>>;
  policyRules(snapshotId: string, policyId: string, page: PageRequest): Promise<KeysetPage<PolicyRuleRecord>>;
  factors(snapshotId: string, userId: string, page: PageRequest): Promise<KeysetPage<FactorRecord>>;
  appAssignments(snapshotId: string, appId: string, page: PageRequest): Promise<KeysetPage<AppAssignmentRecord>>;
  appGroupAssignments(snapshotId: string, appId: string, page: PageRequest): Promise<KeysetPage<AppGroupAssignmentRecord>>;
  groupMembers(snapshotId: string, groupId: string, page: PageRequest): Promise<KeysetPage<GroupMembershipRecord>>;
  userGroups(snapshotId: string, userId: string): Promise<string[]>;
  userApps(snapshotId: string, userId: string): Promise<AppAssignmentRecord[]>;
  /** Newest first. */
  logEvents(org: string, filter: LogEventFilter, page: PageRequest): Promise<KeysetPage<LogEventRecord>>;
  checkEntities(
    run: CheckRunRef,
    filter: { checkId: string; status?: CheckStatus; entityType?: string; search?: string },
    page: PageRequest,
  ): Promise<KeysetPage<CheckEntityResultRecord>>;
  /** Sync history, newest first. */
  syncs(org: string, page: PageRequest): Promise<KeysetPage<SyncRecord>>;
  /** The org's check runs without entity rows, newest first (history and trend per check). */
  runSummaries(org: string, page: PageRequest): Promise<KeysetPage<CheckRunSummary>>;
  /** Every check's result about one entity in one run. */
  entityResults(runId: string, entityType: string, entityId: string): Promise<{ checkId: string; status: CheckStatus; reason: string }[]>;
}

/**
 * At most one sync per org at a time across every process: a lease row with the holder and a heartbeat. Times come
 * from the caller's clock; processes on several machines need clocks in step to well within the lease's time to live.
 */
export interface SyncLeaseRepository {
  /**
   * Takes the org's lease when it is free, lapsed (`expiresAt <= now`), already `holder`'s, or held by `takeOverFrom`
   * (a holder the caller found dead: its pid is gone on this host). Otherwise returns the lease that stands.
   */
  acquire(input: {
    org: string;
    holder: LeaseHolder;
    now: Date;
    ttlMs: number;
    takeOverFrom?: string | undefined;
  }): Promise<{ acquired: true; lease: SyncLease } | { acquired: false; lease: SyncLease | undefined }>;
  /** Extends the holder's lease to `now + ttlMs`; false when it is no longer the holder (it lapsed and was taken). */
  renew(org: string, holderId: string, now: Date, ttlMs: number): Promise<boolean>;
  /** Ends the holder's lease; false when it was not (or no longer) the holder. */
  release(org: string, holderId: string): Promise<boolean>;
  /** Removes the org's lease whoever holds it (`sync --force-unlock`); returns what it removed. */
  forceRelease(org: string): Promise<SyncLease | undefined>;
  get(org: string): Promise<SyncLease | undefined>;
  /** Every lease, by org. */
  list(): Promise<SyncLease[]>;
}

export interface StoreRepositories {
  readonly syncs: SyncHistoryRepository;
  readonly snapshots: SnapshotRepository;
  readonly entities: EntityRepository;
  readonly logEvents: LogEventRepository;
  readonly checkpoints: CheckpointRepository;
  readonly progress: ProgressRepository;
  readonly checkResults: CheckResultRepository;
  readonly accessReviews: AccessReviewRepository;
  readonly evidenceChain: EvidenceChainRepository;
  readonly connections: ConnectionRepository;
  readonly auditLog: AuditLogRepository;
  readonly leases: SyncLeaseRepository;
  readonly serverAccounts: ServerAccountRepository;
  readonly pages: SnapshotPageRepository;
  /** Outbound webhooks and their delivery log (migration 0010). */
  readonly webhooks: WebhookRepository;
  /** Attestations and evaluations of the cross-IdP MFA passthrough (migration 0012). */
  readonly passthrough: DownstreamPassthroughRepository;
  /** Downstream services and their snapshots (migration 0011). */
  readonly downstream: DownstreamRepository;
  /** Stored GitHub connections (migration 0011). */
  readonly githubConnections: GithubConnectionRepository;
}

/** Messages between the processes of one installation (PostgreSQL's NOTIFY): sent at once, never stored. */
export interface MessageChannel {
  /** Sends `message` (at most MAX_MESSAGE_BYTES in UTF-8) to every process listening now. */
  publish(message: string): Promise<void>;
  /**
   * Calls `onMessage` with each message sent from now on, this process's own included, until the returned function
   * is called. Messages sent while the listening connection is down are lost (it listens again by itself).
   */
  listen(onMessage: (message: string) => void): () => void;
}

export interface Store extends StoreRepositories {
  readonly dialect: StoreDialect;
  /** Where the data lives, safe to print: a file path or a URL with its password redacted. */
  readonly location: string;
  /**
   * PostgreSQL only: syncs' progress, for the processes sharing the database (`worker`s run syncs, `serve` streams
   * them). On SQLite one process both runs the syncs and serves.
   */
  readonly syncProgressChannel?: MessageChannel;
  /**
   * Runs `work` in one transaction with repositories bound to it (e.g. promote a snapshot and finish its sync
   * together). Use only `tx` inside, and do no network I/O: on SQLite the transaction holds the only connection.
   */
  transaction<T>(work: (tx: StoreRepositories) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
