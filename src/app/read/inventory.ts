import { FACTOR_STRENGTHS, factorStrength, factorTypesOfStrength } from '../../checks/factor-strength.js';
import type {
  AppAssignmentRecord,
  AppRecord,
  CheckStatus,
  GroupRecord,
  KeysetPage,
  PageRequest,
  PolicyRecord,
  UserPageFilter,
  UserRecord,
} from '../../store/index.js';
import type { ServerStore } from './context.js';
import { currentSnapshotOf, found, ofCurrentSnapshot } from './snapshot.js';
import { DAY_MS } from '../../config/runtime.js';

const MFA_CHECK = 'mfa-enabled-all-users';

export const STRONGEST_FACTOR_FILTERS = ['none', ...FACTOR_STRENGTHS] as const;
export type StrongestFactorFilter = (typeof STRONGEST_FACTOR_FILTERS)[number];
/** A factor's strength as the API names it (`unknown`: a factor type Okta added after this version). */
export const FACTOR_STRENGTH_NAMES = [...FACTOR_STRENGTHS, 'unknown'] as const;

export interface UserFilter {
  statuses?: string[] | undefined;
  search?: string | undefined;
  /** The MFA check's verdict on the user in the latest run. */
  mfa?: CheckStatus | undefined;
  strongestFactor?: StrongestFactorFilter | undefined;
  inactiveDays?: number | undefined;
  deprovisionedWithAccess?: boolean | undefined;
}

/** Users of the org's current snapshot, filtered, one keyset page. */
export async function listUsers(store: ServerStore, org: string, filter: UserFilter, page: PageRequest, now: Date): Promise<KeysetPage<UserRecord>> {
  const pageFilter: UserPageFilter = {};
  if (filter.statuses !== undefined) pageFilter.statuses = filter.statuses;
  if (filter.search !== undefined) pageFilter.search = filter.search;
  if (filter.deprovisionedWithAccess === true) pageFilter.deprovisionedWithAccess = true;
  if (filter.inactiveDays !== undefined) pageFilter.inactiveBefore = new Date(now.getTime() - filter.inactiveDays * DAY_MS);
  if (filter.strongestFactor !== undefined) pageFilter.strongestFactor = strongestFactorFilter(filter.strongestFactor);
  // No run yet: no user has a verdict, so the filter matches nobody (rather than everybody).
  if (filter.mfa !== undefined) pageFilter.verdict = { run: { latestOf: org }, checkId: MFA_CHECK, status: filter.mfa };
  return ofCurrentSnapshot(store, org, await store.pages.users({ currentOf: org }, pageFilter, page));
}

function strongestFactorFilter(strength: StrongestFactorFilter): NonNullable<UserPageFilter['strongestFactor']> {
  const all = FACTOR_STRENGTHS.flatMap((each) => factorTypesOfStrength(each));
  if (strength === 'none') return { types: 'none', strongerTypes: all };
  const rank = FACTOR_STRENGTHS.indexOf(strength);
  return { types: factorTypesOfStrength(strength), strongerTypes: FACTOR_STRENGTHS.slice(rank + 1).flatMap((each) => factorTypesOfStrength(each)) };
}

export interface UserDetail {
  user: UserRecord;
  groups: { id: string; name: string | null }[];
  apps: (AppAssignmentRecord & { appLabel: string | null })[];
  /** Each check's verdict on this user in the latest run. */
  verdicts: { checkId: string; status: CheckStatus; reason: string }[];
}

export async function getUser(store: ServerStore, org: string, userId: string): Promise<UserDetail> {
  const snapshot = await currentSnapshotOf(store, org);
  const user = found(await store.entities.find('users', snapshot.id, { id: userId }), `User ${userId}`);
  const groupIds = await store.pages.userGroups(snapshot.id, userId);
  const groups = await Promise.all(groupIds.map(async (id) => ({ id, name: (await store.entities.find('groups', snapshot.id, { id }))?.name ?? null })));
  const assignments = await store.pages.userApps(snapshot.id, userId);
  const apps = await Promise.all(assignments.map(async (assignment) => ({ ...assignment, appLabel: (await store.entities.find('apps', snapshot.id, { id: assignment.appId }))?.label ?? null })));
  const run = await store.checkResults.latestSummary(org);
  const verdicts = run === undefined ? [] : await store.pages.entityResults(run.id, 'user', userId);
  return { user, groups, apps, verdicts };
}

export async function listFactors(store: ServerStore, org: string, userId: string, page: PageRequest) {
  const snapshot = await currentSnapshotOf(store, org);
  found(await store.entities.find('users', snapshot.id, { id: userId }), `User ${userId}`);
  const factors = await store.pages.factors(snapshot.id, userId, page);
  // The strength the MFA tests judge by (factor-strength.ts), so the user page shows what the verdict rests on.
  return { ...factors, items: factors.items.map((factor) => ({ ...factor, strength: factorStrength(factor.factorType) })) };
}

export async function listGroups(store: ServerStore, org: string, filter: { search?: string | undefined; type?: string | undefined }, page: PageRequest): Promise<KeysetPage<GroupRecord>> {
  return ofCurrentSnapshot(store, org, await store.pages.groups({ currentOf: org }, definedOnly(filter), page));
}

export async function getGroup(store: ServerStore, org: string, groupId: string): Promise<GroupRecord & { memberCount: number }> {
  const snapshot = await currentSnapshotOf(store, org);
  const group = found(await store.entities.find('groups', snapshot.id, { id: groupId }), `Group ${groupId}`);
  return { ...group, memberCount: await store.entities.count('groupMemberships', snapshot.id, { parentId: groupId }) };
}

export async function listGroupMembers(store: ServerStore, org: string, groupId: string, page: PageRequest) {
  const snapshot = await currentSnapshotOf(store, org);
  found(await store.entities.find('groups', snapshot.id, { id: groupId }), `Group ${groupId}`);
  const members = await store.pages.groupMembers(snapshot.id, groupId, page);
  return withUsers(store, snapshot.id, members, (member, user) => ({ userId: member.userId, login: user?.login ?? null, status: user?.status ?? null }));
}

/** A page of rows that name a user, each joined with that user's record (one keyed read per row of the page). */
async function withUsers<T extends { userId: string }, R>(store: ServerStore, snapshotId: string, page: KeysetPage<T>, join: (row: T, user: UserRecord | undefined) => R): Promise<KeysetPage<R>> {
  const users = await Promise.all(page.items.map((row) => store.entities.find('users', snapshotId, { id: row.userId })));
  return { items: page.items.map((row, index) => join(row, users[index])), nextKey: page.nextKey };
}

export async function listApps(store: ServerStore, org: string, filter: { search?: string | undefined; status?: string | undefined }, page: PageRequest): Promise<KeysetPage<AppRecord>> {
  return ofCurrentSnapshot(store, org, await store.pages.apps({ currentOf: org }, definedOnly(filter), page));
}

export interface AppDetail {
  app: AppRecord;
  accessPolicy: PolicyRecord | null;
  assignedUsers: number;
  groups: { groupId: string; name: string | null; priority: number | null }[];
  lastReview: { reviewerEmail: string; attestedAt: Date; assignmentCount: number } | null;
}

export async function getApp(store: ServerStore, org: string, appId: string): Promise<AppDetail> {
  const snapshot = await currentSnapshotOf(store, org);
  const app = found(await store.entities.find('apps', snapshot.id, { id: appId }), `App ${appId}`);
  const accessPolicy = app.accessPolicyId === null ? null : ((await store.entities.find('policies', snapshot.id, { id: app.accessPolicyId })) ?? null);
  const groupAssignments = await store.pages.appGroupAssignments(snapshot.id, appId, { limit: 500 });
  const groups = await Promise.all(
    groupAssignments.items.map(async (assignment) => ({ groupId: assignment.groupId, priority: assignment.priority, name: (await store.entities.find('groups', snapshot.id, { id: assignment.groupId }))?.name ?? null })),
  );
  const review = (await store.accessReviews.list(org, { appId, limit: 1 }))[0];
  return {
    app,
    accessPolicy,
    assignedUsers: await store.entities.count('appAssignments', snapshot.id, { parentId: appId }),
    groups,
    lastReview: review === undefined ? null : { reviewerEmail: review.reviewerEmail, attestedAt: review.attestedAt, assignmentCount: review.assignments.length },
  };
}

/** The app's user assignments: direct (USER) or through which groups (GROUP, `viaGroupIds`), with each user's login and status. */
export async function listAppAssignments(store: ServerStore, org: string, appId: string, page: PageRequest) {
  const snapshot = await currentSnapshotOf(store, org);
  found(await store.entities.find('apps', snapshot.id, { id: appId }), `App ${appId}`);
  const assignments = await store.pages.appAssignments(snapshot.id, appId, page);
  return withUsers(store, snapshot.id, assignments, (assignment, user) => ({ ...assignment, login: user?.login ?? null, userStatus: user?.status ?? null }));
}

export async function listPolicies(store: ServerStore, org: string, filter: { type?: string | undefined }, page: PageRequest): Promise<KeysetPage<PolicyRecord>> {
  return ofCurrentSnapshot(store, org, await store.pages.policies({ currentOf: org }, definedOnly(filter), page));
}

export async function getPolicy(store: ServerStore, org: string, policyId: string) {
  const snapshot = await currentSnapshotOf(store, org);
  const policy = found(await store.entities.find('policies', snapshot.id, { id: policyId }), `Policy ${policyId}`);
  const rules = await store.pages.policyRules(snapshot.id, policyId, { limit: 200 });
  return { policy, rules: rules.items };
}

function definedOnly<T extends object>(filter: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}
