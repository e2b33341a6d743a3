import type { StoreDialect } from './dialect-profile.js';
import type { ChildKind, EntityKey, EntityKind, EntityRecords } from './repositories/entity-tables.js';
import type {
  AccessReviewRecord,
  AccessReviewSummary,
  CheckEntityResultRecord,
  CheckRunRecord,
  CheckRunSummary,
  DatasetId,
  DatasetStatus,
  EvidenceChainHead,
  LogCursor,
  LogEventRecord,
  OrgState,
  SnapshotRecord,
  StoredCheckRun,
  SyncRecord,
  SyncStatus,
  SyncTrigger,
  TimeWindow,
} from './types.js';

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
   * Marks as `failed` (ended `now`) the org's syncs still `running` more than twice their own budget after they
   * started: their process died (killed, crashed) and will never finish them. A sync without a recorded budget is
   * judged by the default one (300 s). Returns how many were marked.
   */
  failAbandoned(org: string, now: Date): Promise<number>;
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
  /** One run's entity results in (check, entity type, entity id) order, read page by page (evidence export). */
  streamEntities(runId: string, options?: StreamOptions): AsyncIterable<CheckEntityResultRecord & { checkId: string }>;
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
}

export interface Store extends StoreRepositories {
  readonly dialect: StoreDialect;
  /** Where the data lives, safe to print: a file path or a URL with its password redacted. */
  readonly location: string;
  /**
   * Runs `work` in one transaction with repositories bound to it (e.g. promote a snapshot and finish its sync
   * together). Use only `tx` inside, and do no network I/O: on SQLite the transaction holds the only connection.
   */
  transaction<T>(work: (tx: StoreRepositories) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
