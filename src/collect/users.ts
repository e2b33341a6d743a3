import { oktaUserSchema, type OktaUser } from '../okta/schemas/user.js';
import type { UserRecord } from '../store/types.js';
import { defineCollector, type CollectContext } from './collector.js';
import { DatasetReport } from './dataset-report.js';
import { changePlan, type ChangeScope } from './change-scope.js';
import { isNotFound, listItems, parseRecords, parseWith, segment, type ListRequest } from './read.js';
import { removeUnseen, replaceCollectionErrors } from './snapshot-writes.js';
import { USERS_DATASET } from './datasets.js';

/** `/api/v1/users` pages at 200 at most (OKTA-API.md §3). */
const PAGE_LIMIT = 200;

/**
 * Two passes make "every status" (OKTA-API.md §5.1, §13 pitfall 1): a plain list omits DEPROVISIONED users, so a
 * second pass asks for exactly those with `filter`. `filter` is answered from the primary store; `search` (the
 * single-pass alternative, `search=status pr`) comes from an eventually consistent index that can lag recent changes,
 * so it is not used. A user who changes status between the two passes can be missed by both (the window is one
 * read's length); the next sync reads them again.
 */
export const USER_LIST_PASSES: readonly ListRequest[] = [
  { label: 'the user list', path: '/api/v1/users', query: { limit: PAGE_LIMIT } },
  { label: 'the DEPROVISIONED user list', path: '/api/v1/users', query: { limit: PAGE_LIMIT, filter: 'status eq "DEPROVISIONED"' } },
];

/** Okta's user, minus everything we do not keep: of the credentials only the provider; no custom attributes. */
export function toUserRecord(user: OktaUser): UserRecord {
  const { profile } = user;
  return {
    id: user.id,
    login: profile.login,
    email: profile.email,
    firstName: profile.firstName,
    lastName: profile.lastName,
    displayName: profile.displayName,
    department: profile.department,
    title: profile.title,
    status: user.status,
    created: user.created,
    activated: user.activated,
    statusChanged: user.statusChanged,
    lastLogin: user.lastLogin,
    lastUpdated: user.lastUpdated,
    passwordChanged: user.passwordChanged,
    providerType: user.credentials?.provider?.type ?? null,
    providerName: user.credentials?.provider?.name ?? null,
  };
}

async function collectUsers(ctx: CollectContext) {
  if (ctx.options.changes !== undefined) return collectChangedUsers(ctx, ctx.options.changes);
  const report = new DatasetReport('users');
  // Ids only (a few MB for 50,000 users): to count without double-counting users seen by both passes, and to remove
  // users the snapshot still holds but Okta no longer has.
  const seen = new Set<string>();
  for (const pass of USER_LIST_PASSES) {
    const records = parseRecords(listItems(ctx, pass, report), { schema: oktaUserSchema, map: toUserRecord, report, onRecord: (user) => seen.add(user.id) });
    // Stored a page at a time and handed on at once: the factors collector starts on each page (`startsOnPagesOf`).
    let page: UserRecord[] = [];
    const storePage = async (): Promise<void> => {
      if (page.length === 0) return;
      await ctx.store.entities.upsert('users', ctx.snapshotId, page);
      ctx.pageStored(page.map(({ id, status }) => ({ id, status })));
      ctx.progress('users', { count: seen.size });
      page = [];
    };
    for await (const user of records) {
      page.push(user);
      if (page.length >= PAGE_LIMIT) await storePage();
    }
    await storePage();
  }
  if (report.readToEnd) {
    const removed = await removeUnseen(ctx.store, ctx.snapshotId, 'users', seen);
    if (removed > 0) ctx.logger.info({ dataset: 'users', removed }, 'removed users Okta no longer lists from the snapshot');
  }
  await replaceCollectionErrors(ctx.store, ctx.snapshotId, report);
  const count = await ctx.store.entities.count('users', ctx.snapshotId);
  ctx.progress('users', { count, total: count });
  return { datasets: [report.toStatus(count)], errors: report.errors };
}

/**
 * Incremental: the users whose `lastUpdated` is after the change window's start (a status change or profile edit
 * bumps it; `filter` includes DEPROVISIONED users, OKTA-API.md §5.1), then any user a lifecycle event names that the
 * filter did not return, read one by one (a 404 is a deleted user, removed from the snapshot). New users and users
 * whose status changed are noted for the factors collector.
 */
async function collectChangedUsers(ctx: CollectContext, changes: ChangeScope) {
  const report = new DatasetReport('users');
  const seen = new Set<string>();
  const request = { label: 'the users changed since the last sync', path: '/api/v1/users', query: { limit: PAGE_LIMIT, filter: `lastUpdated gt "${changes.since.toISOString()}"` } };
  let batch: UserRecord[] = [];
  const flush = async (): Promise<void> => {
    for (const user of batch) {
      const before = await ctx.store.entities.find('users', ctx.snapshotId, { id: user.id });
      if (before?.status !== user.status) changes.changedUsers.add(user.id);
    }
    await ctx.store.entities.upsert('users', ctx.snapshotId, batch);
    batch = [];
  };
  for await (const user of parseRecords(listItems(ctx, request, report), { schema: oktaUserSchema, map: toUserRecord, report })) {
    seen.add(user.id);
    batch.push(user);
    if (batch.length >= PAGE_LIMIT) await flush();
  }
  for (const userId of (await changePlan(ctx, changes)).plan.userIds) {
    if (seen.has(userId)) continue;
    try {
      const parsed = parseWith(oktaUserSchema, await ctx.client.get(`/api/v1/users/${segment(userId)}`, { signal: ctx.signal }), toUserRecord);
      if (parsed.ok) batch.push(parsed.record);
      else report.recordError(userId, parsed.message);
    } catch (error) {
      if (!isNotFound(error)) throw error;
      await ctx.store.entities.remove('users', ctx.snapshotId, { id: userId });
    }
  }
  await flush();
  await refreshLastLogins(ctx, changes);
  const count = await ctx.store.entities.count('users', ctx.snapshotId);
  ctx.progress('users', { count, total: count });
  return { datasets: [report.toStatus(count)], errors: report.errors };
}

/** The System Log event of a sign-in to Okta, whose actor is the user who signed in. */
export const SIGN_IN_EVENT_TYPE = 'user.session.start';

/**
 * Okta does not bump `lastUpdated` on a sign-in (OKTA-API.md §5.1), so the filter above misses users who only signed
 * in, and their stored `lastLogin` would go stale until a full read: the inactivity check would then flag people who
 * sign in every day. So each user's `lastLogin` is moved forward to their latest successful sign-in the System Log
 * shows since the change window's start (never back: a stored later value wins).
 */
async function refreshLastLogins(ctx: CollectContext, changes: ChangeScope): Promise<void> {
  const latest = new Map<string, number>();
  const window = { since: changes.since, until: new Date(8.64e15) };
  for await (const event of ctx.store.logEvents.stream(ctx.org, window, { eventTypes: [SIGN_IN_EVENT_TYPE] })) {
    if (event.outcomeResult !== 'SUCCESS' || event.actorId === null) continue;
    const at = event.published.getTime();
    if (at > (latest.get(event.actorId) ?? 0)) latest.set(event.actorId, at);
  }
  let batch: UserRecord[] = [];
  for (const [userId, at] of latest) {
    const user = await ctx.store.entities.find('users', ctx.snapshotId, { id: userId });
    if (user === undefined || (user.lastLogin !== null && user.lastLogin.getTime() >= at)) continue;
    batch.push({ ...user, lastLogin: new Date(at) });
    if (batch.length >= PAGE_LIMIT) {
      await ctx.store.entities.upsert('users', ctx.snapshotId, batch);
      batch = [];
    }
  }
  await ctx.store.entities.upsert('users', ctx.snapshotId, batch);
}

/** Users in every status (OKTA-API.md §5), mapped to `UserRecord`. */
export const usersCollector = defineCollector({
  id: 'users',
  declares: [USERS_DATASET],
  dependsOn: [],
  // Incremental: reads the change plan (`changePlan`) built from this sync's System Log read.
  waitsFor: ['system-log'],
  collect: collectUsers,
});
