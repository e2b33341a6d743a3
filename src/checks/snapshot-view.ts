import type { StoreRepositories } from '../store/store.js';
import type {
  AccessReviewSummary,
  AppAssignmentRecord,
  AppRecord,
  CollectionErrorRecord,
  DatasetId,
  DatasetStatus,
  FactorRecord,
  GroupMembershipRecord,
  GroupRecord,
  PolicyRecord,
  PolicyRuleRecord,
  SnapshotRecord,
  UserRecord,
} from '../store/types.js';

/** Datasets read one entity at a time (a user's factors, an app's assignments), with progress per entity. */
export const PER_ENTITY_DATASETS = ['factors', 'appAssignments'] as const;
export type PerEntityDataset = (typeof PER_ENTITY_DATASETS)[number];

/** The fields of a factor the checks read: a 50,000-user org has ~75,000 factors, so the rest stays in the store. */
export type ViewFactor = Pick<FactorRecord, 'userId' | 'id' | 'factorType' | 'status'>;
/** The fields of an assignment the checks read (~175,000 of them in a 50,000-user org). */
export type ViewAssignment = Pick<AppAssignmentRecord, 'appId' | 'userId' | 'scope' | 'status' | 'viaGroupIds'>;

/** One array for every direct assignment: most assignments have no granting group. */
const NO_GROUPS: readonly string[] = Object.freeze([]);

/**
 * What the checks read from one stored snapshot, in memory and indexed, so every check is a pure function over it and
 * evaluating 50,000 users is a few map lookups per user. Built once per evaluation.
 */
export interface SnapshotView {
  readonly org: string;
  readonly snapshotId: string;
  readonly syncId: string | null;
  /** `idx` (Identity Engine) or `v1` (Classic) from the org metadata the sync read; null when it was not read. */
  readonly pipeline: string | null;
  /** Completeness per dataset as the sync recorded it; a dataset with no entry was never read. */
  readonly datasets: ReadonlyMap<DatasetId, DatasetStatus>;
  readonly users: readonly UserRecord[];
  readonly usersById: ReadonlyMap<string, UserRecord>;
  readonly factorsByUser: ReadonlyMap<string, readonly ViewFactor[]>;
  readonly groupsById: ReadonlyMap<string, GroupRecord>;
  /** The groups each user belongs to (group ids), from the group memberships. */
  readonly groupIdsByUser: ReadonlyMap<string, ReadonlySet<string>>;
  readonly policies: readonly PolicyRecord[];
  readonly rulesByPolicy: ReadonlyMap<string, readonly PolicyRuleRecord[]>;
  readonly apps: readonly AppRecord[];
  readonly assignmentsByApp: ReadonlyMap<string, readonly ViewAssignment[]>;
  /** The newest recorded access review of each app (reviews are kept per org, outside snapshots). */
  readonly latestReviewByApp: ReadonlyMap<string, AccessReviewSummary>;
  /** The users whose assignments the newest review of each app attested (absent when the list is not known). */
  readonly reviewedUsersByApp: ReadonlyMap<string, ReadonlySet<string>>;
  /**
   * For a per-entity dataset the sync did not finish: the entities whose read did finish (their data in the snapshot
   * is whole). Absent for a complete dataset, where every entity's data is whole.
   */
  readonly verified: ReadonlyMap<PerEntityDataset, ReadonlySet<string>>;
  /** Records that failed to parse, by dataset and entity id, with the parser's message. */
  readonly collectionErrors: ReadonlyMap<DatasetId, ReadonlyMap<string, string>>;
}

/** The raw material of a view: plain lists, as a store streams them or a test writes them. */
export interface SnapshotViewParts {
  org: string;
  snapshotId: string;
  syncId: string | null;
  pipeline?: string | null;
  datasets: readonly DatasetStatus[];
  users: readonly UserRecord[];
  factors: readonly ViewFactor[];
  /** Optional so builders that do not need them can leave them out. */
  groups?: readonly GroupRecord[];
  groupMemberships?: readonly GroupMembershipRecord[];
  policies: readonly PolicyRecord[];
  policyRules: readonly PolicyRuleRecord[];
  apps: readonly AppRecord[];
  appAssignments: readonly ViewAssignment[];
  reviews: readonly ViewReview[];
  verified: Partial<Record<PerEntityDataset, Iterable<string>>>;
  collectionErrors: readonly CollectionErrorRecord[];
}

/** A review as the view takes it: the summary and, when loaded, the ids of the users whose assignments it attested. */
export type ViewReview = AccessReviewSummary & { reviewedUserIds?: readonly string[] };

/** Indexes the parts. Pure and linear in their size. */
export function buildSnapshotView(parts: SnapshotViewParts): SnapshotView {
  const collectionErrors = new Map<DatasetId, Map<string, string>>();
  for (const error of parts.collectionErrors) {
    let byEntity = collectionErrors.get(error.dataset);
    if (byEntity === undefined) collectionErrors.set(error.dataset, (byEntity = new Map<string, string>()));
    byEntity.set(error.entityId, error.message);
  }
  const verified = new Map<PerEntityDataset, ReadonlySet<string>>();
  for (const dataset of PER_ENTITY_DATASETS) {
    const ids = parts.verified[dataset];
    if (ids !== undefined) verified.set(dataset, new Set(ids));
  }
  const latestReviewByApp = new Map<string, AccessReviewSummary>();
  const reviewedUsersByApp = new Map<string, ReadonlySet<string>>();
  for (const { reviewedUserIds, ...review } of parts.reviews) {
    const known = latestReviewByApp.get(review.appId);
    if (known !== undefined && known.attestedAt >= review.attestedAt) continue;
    latestReviewByApp.set(review.appId, review);
    if (reviewedUserIds === undefined) reviewedUsersByApp.delete(review.appId);
    else reviewedUsersByApp.set(review.appId, new Set(reviewedUserIds));
  }
  return {
    org: parts.org,
    snapshotId: parts.snapshotId,
    syncId: parts.syncId,
    pipeline: parts.pipeline ?? null,
    datasets: new Map(parts.datasets.map((status) => [status.dataset, status])),
    users: parts.users,
    usersById: new Map(parts.users.map((user) => [user.id, user])),
    factorsByUser: groupBy(parts.factors, (factor) => factor.userId),
    groupsById: new Map((parts.groups ?? []).map((group) => [group.id, group])),
    groupIdsByUser: groupIdsByUser(parts.groupMemberships ?? []),
    policies: parts.policies,
    rulesByPolicy: groupBy(parts.policyRules, (rule) => rule.policyId),
    apps: parts.apps,
    assignmentsByApp: groupBy(parts.appAssignments, (assignment) => assignment.appId),
    latestReviewByApp,
    reviewedUsersByApp,
    verified,
    collectionErrors,
  };
}

/** Rows per query while loading: large pages cut round trips; a page of users is a few MB at most. */
const LOAD_BATCH_SIZE = 5_000;

/**
 * Loads everything the checks need from a stored snapshot, once, streaming each table page by page and one table
 * after another (pages of every table in flight at once raised the peak). Factors and assignments keep only the
 * fields the checks read, and their ids and statuses point at one shared string each instead of a copy per row:
 * for 50,000 users that is most of the view's memory (issue 12: `okta-evidence tests` within 400 MB).
 * Progress rows are read only for per-entity datasets the snapshot marks incomplete.
 */
export async function loadSnapshotView(store: StoreRepositories, snapshot: SnapshotRecord): Promise<SnapshotView> {
  const id = snapshot.id;
  const options = { batchSize: LOAD_BATCH_SIZE };
  const incomplete = PER_ENTITY_DATASETS.filter((dataset) => snapshot.datasets.find((status) => status.dataset === dataset)?.state !== 'complete');
  const shared = new StringPool();
  const users = await toArray(store.entities.stream('users', id, options), (user) => {
    shared.add(user.id);
    return user;
  });
  const factors = await toArray(store.entities.stream('factors', id, options), (factor): ViewFactor => ({
    userId: shared.of(factor.userId),
    id: factor.id,
    factorType: shared.of(factor.factorType),
    status: shared.of(factor.status),
  }));
  const groups = await toArray(store.entities.stream('groups', id, options));
  const groupMemberships = await toArray(store.entities.stream('groupMemberships', id, options), (membership) => ({
    groupId: shared.of(membership.groupId),
    userId: shared.of(membership.userId),
  }));
  const policies = await toArray(store.entities.stream('policies', id, options));
  const policyRules = await toArray(store.entities.stream('policyRules', id, options));
  const apps = await toArray(store.entities.stream('apps', id, options), (app) => {
    shared.add(app.id);
    return app;
  });
  const appAssignments = await toArray(store.entities.stream('appAssignments', id, options), (assignment): ViewAssignment => ({
    appId: shared.of(assignment.appId),
    userId: shared.of(assignment.userId),
    scope: shared.of(assignment.scope),
    status: assignment.status === null ? null : shared.of(assignment.status),
    // The passthrough chain names the granting groups (src/checks/downstream/chain-links.ts).
    viaGroupIds: assignment.viaGroupIds.length === 0 ? (NO_GROUPS as string[]) : assignment.viaGroupIds.map((groupId) => shared.of(groupId)),
  }));
  const collectionErrors = await toArray(store.entities.stream('collectionErrors', id, options));
  const reviews = await store.accessReviews.latestPerAppWithAssignments(snapshot.org);
  const verifiedLists: [PerEntityDataset, string[]][] = [];
  for (const dataset of incomplete) verifiedLists.push([dataset, await toArray(store.progress.streamVerified(id, dataset, options))]);
  return buildSnapshotView({
    org: snapshot.org,
    snapshotId: id,
    syncId: snapshot.syncId,
    datasets: snapshot.datasets,
    users,
    factors,
    groups,
    groupMemberships,
    policies,
    policyRules,
    apps,
    appAssignments,
    reviews: reviews.map(({ assignments, ...review }) => ({ ...review, assignmentCount: assignments.length, reviewedUserIds: assignments.map((a) => a.userId) })),
    verified: Object.fromEntries(verifiedLists),
    collectionErrors,
  });
}

/**
 * One string per distinct value: ids read from the database are new strings on every row, so the same user id in
 * three factors and four assignments would otherwise be kept eight times. Values not seen before are kept as they are.
 */
class StringPool {
  readonly #strings = new Map<string, string>();

  add(value: string): void {
    this.#strings.set(value, value);
  }

  of<T extends string>(value: T): T {
    const known = this.#strings.get(value) as T | undefined;
    if (known !== undefined) return known;
    this.#strings.set(value, value);
    return value;
  }
}

function groupIdsByUser(memberships: readonly GroupMembershipRecord[]): Map<string, Set<string>> {
  const byUser = new Map<string, Set<string>>();
  for (const { userId, groupId } of memberships) {
    const groups = byUser.get(userId);
    if (groups === undefined) byUser.set(userId, new Set([groupId]));
    else groups.add(groupId);
  }
  return byUser;
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [item]);
    else group.push(item);
  }
  return groups;
}

async function toArray<T, R = T>(source: AsyncIterable<T>, map: (item: T) => R = (item) => item as unknown as R): Promise<R[]> {
  const items: R[] = [];
  for await (const item of source) items.push(map(item));
  return items;
}
