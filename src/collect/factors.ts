import { z } from 'zod';
import { oktaFactorSchema, type OktaFactor } from '../okta/schemas/factor.js';
import type { FactorRecord } from '../store/types.js';
import type { ChangePlan } from './change-plan.js';
import { changePlan, type ChangeScope } from './change-scope.js';
import { defineCollector, SIGN_IN_STATUSES, type CollectContext, type CollectResult } from './collector.js';
import { DatasetReport, formatCount, plural } from './dataset-report.js';
import { summarizeFactorProfile } from './factor-summary.js';
import { claimedId, isAbort, isNotFound, parseWith, segment } from './read.js';
import { countErrors } from './snapshot-writes.js';
import { isUsable } from './sync-outcome.js';
import { forEachConcurrently } from './worker-pool.js';
import { FACTORS_DATASET } from './datasets.js';

export function toFactorRecord(userId: string, factor: OktaFactor): FactorRecord {
  return {
    userId,
    id: factor.id,
    factorType: factor.factorType,
    provider: factor.provider,
    vendorName: factor.vendorName,
    status: factor.status,
    created: factor.created,
    lastUpdated: factor.lastUpdated,
    profileSummary: summarizeFactorProfile(factor.factorType, factor.profile),
  };
}

/**
 * Factors one user can hold: Okta enrolls a user in at most one factor per type and provider (a few dozen in all). A
 * longer list is refused whole, without parsing each item: a hostile answer of millions of items must not cost
 * millions of parses and error lines.
 */
export const MAX_FACTORS_PER_USER = 1_000;
/** Problems named one by one in a user's collection error; the rest are counted. */
const PROBLEMS_SHOWN = 3;

/** One user's factor list: the factors that parsed, and up to three lines naming what did not (plus a count). */
export function parseFactorList(userId: string, body: unknown): { records: FactorRecord[]; problems: string[] } {
  if (!Array.isArray(body)) return { records: [], problems: ['the factor list is not a JSON array'] };
  if (body.length > MAX_FACTORS_PER_USER) {
    return { records: [], problems: [`the factor list holds ${body.length.toLocaleString('en-US')} items, more than the ${MAX_FACTORS_PER_USER} a user can have; none were kept`] };
  }
  const records: FactorRecord[] = [];
  const problems: string[] = [];
  let unshown = 0;
  body.forEach((raw: unknown, index) => {
    const parsed = parseWith(oktaFactorSchema, raw, (factor) => toFactorRecord(userId, factor));
    if (parsed.ok) records.push(parsed.record);
    else if (problems.length < PROBLEMS_SHOWN) problems.push(`factor ${claimedId(raw) ?? `#${index + 1}`}: ${parsed.message}`);
    else unshown += 1;
  });
  if (unshown > 0) problems.push(`${plural(unshown, 'more factor')} did not parse`);
  return { records, problems };
}

type Outcome = 'verified' | 'unparsed' | 'deleted' | 'aborted' | 'withdrawn';

/**
 * Reads one user's factors into the snapshot. Only a fully parsed list marks the user verified: a user with a factor
 * that did not parse keeps a collection error and stays pending, so the next sync reads them again.
 */
async function readUserFactors(ctx: CollectContext, report: DatasetReport, userId: string, hadStoredErrors: boolean, waitSignal?: AbortSignal): Promise<Outcome> {
  let body: unknown;
  try {
    // Not paginated (SPEC listFactors).
    body = await ctx.client.get(`/api/v1/users/${segment(userId)}/factors`, { signal: ctx.signal, waitSignal });
  } catch (error) {
    if (isAbort(error, ctx.signal)) return 'aborted';
    // Withdrawn unsent (re-verification's share ran out while it waited for a slot): not a read error.
    if (waitSignal !== undefined && isAbort(error, waitSignal)) return 'withdrawn';
    if (!isNotFound(error)) throw error;
    // Deleted in Okta while the sync ran: its record would otherwise read as "a user without MFA".
    await ctx.store.entities.remove('users', ctx.snapshotId, { id: userId });
    return 'deleted';
  }
  const { records, problems } = parseFactorList(userId, body);
  await ctx.store.entities.replaceChildren('factors', ctx.snapshotId, userId, records);
  if (problems.length > 0) {
    report.recordError(userId, problems.join('; '));
    await ctx.store.entities.upsert('collectionErrors', ctx.snapshotId, [{ dataset: 'factors', entityId: userId, message: problems.join('; ') }]);
    return 'unparsed';
  }
  if (hadStoredErrors) await ctx.store.entities.remove('collectionErrors', ctx.snapshotId, { dataset: 'factors', entityId: userId });
  await ctx.store.progress.markVerified(ctx.snapshotId, 'factors', [userId], new Date(ctx.clock()));
  return 'verified';
}

const canSignIn = (status: string): boolean => (SIGN_IN_STATUSES as readonly string[]).includes(status);

/**
 * The users who can sign in, from each page of users as the users collector of this sync stores it, each once and
 * not already verified in this snapshot (a resumed backfill). Ends when the users collector ends; at once when it
 * does not run in this sync (a resume whose user list was read).
 */
async function* fromStoredPages(ctx: CollectContext, started: Set<string>): AsyncGenerator<string> {
  for await (const page of ctx.storedPages('users')) {
    for (const user of page) {
      if (!canSignIn(user.status) || started.has(user.id)) continue;
      if (await ctx.store.progress.isVerified(ctx.snapshotId, 'factors', user.id)) continue;
      started.add(user.id);
      yield user.id;
    }
  }
}

/** The users the store still holds as pending who can sign in, but not those this sync already tried. */
async function* pendingNotStarted(ctx: CollectContext, started: ReadonlySet<string>): AsyncGenerator<string> {
  for await (const userId of ctx.store.progress.streamPendingUsers(ctx.snapshotId, 'factors', { statuses: SIGN_IN_STATUSES })) {
    if (!started.has(userId)) yield userId;
  }
}

/**
 * After the user list is read: how many users can sign in, and the users whose factors this sync read while the list
 * was read but who, by its end, can no longer sign in (deactivated between the list's two passes). Their factors are
 * emptied, as a read of the whole list first would have left them (it reads only users who can sign in).
 */
async function settleEligible(ctx: CollectContext, started: ReadonlySet<string>): Promise<number> {
  let eligible = 0;
  const leavers: string[] = [];
  for await (const user of ctx.store.entities.stream('users', ctx.snapshotId)) {
    if (canSignIn(user.status)) eligible++;
    else if (started.has(user.id)) leavers.push(user.id);
  }
  for (const userId of leavers) await ctx.store.entities.replaceChildren('factors', ctx.snapshotId, userId, []);
  return eligible;
}

async function countPendingUsers(ctx: CollectContext): Promise<number> {
  let pending = 0;
  for await (const _ of ctx.store.progress.streamPendingUsers(ctx.snapshotId, 'factors', { statuses: SIGN_IN_STATUSES })) pending++;
  return pending;
}

/** Waits for the users collector to end; says why factors cannot build on what it read (undefined when they can). */
async function usersUnread(ctx: CollectContext): Promise<string | undefined> {
  const users = await ctx.after('users');
  return users.every((status) => isUsable(status.state)) ? undefined : 'it needs users, which could not be read';
}

/**
 * The per-user factor read is the bottleneck of a large org (one call per user, OKTA-API.md §6.2), so it is built to
 * be cut by the budget and continued, and to start as early as it can:
 *
 * - It starts on each page of users as soon as the users collector has stored it (`startsOnPagesOf`), not after the
 *   whole list: the list of a large org takes minutes under load, and the users bucket's windows would go unused
 *   meanwhile. Then, once the list is read, it reads every user the store still holds as pending (a resumed
 *   backfill's users, a user handed on before it could be read), and empties the factors of a user it read who could
 *   no longer sign in by the list's end.
 * - It reads only the users of the snapshot not yet verified, `perEntityConcurrency` at a time (the client paces
 *   them), and marks each user verified as soon as their factors are stored. When the budget aborts, what is done
 *   stays done and the dataset is `partial` with how far it got; the next sync continues from there. An abort is
 *   therefore not thrown from here: the sync run sees it on its own signal.
 */
async function collectFactors(ctx: CollectContext): Promise<CollectResult> {
  if (ctx.options.changes !== undefined) return collectChangedFactors(ctx, ctx.options.changes);
  const report = new DatasetReport('factors');
  const hadStoredErrors = (await countErrors(ctx.store, ctx.snapshotId, 'factors')) > 0;
  let done = await ctx.store.progress.countVerified(ctx.snapshotId, 'factors');
  let deleted = 0;
  let total: number | undefined;
  const progress = (): void => ctx.progress('factors', total === undefined ? { count: done } : { count: done, total: total - deleted });
  progress();
  const started = new Set<string>();
  const read = (users: AsyncIterable<string>): Promise<void> =>
    forEachConcurrently(
      users,
      ctx.options.perEntityConcurrency,
      async (userId) => {
        started.add(userId);
        const outcome = await readUserFactors(ctx, report, userId, hadStoredErrors);
        if (outcome === 'verified') done++;
        if (outcome === 'deleted') deleted++;
        if (outcome !== 'aborted') progress();
      },
      { stopWhen: () => ctx.signal.aborted },
    );

  await read(fromStoredPages(ctx, started));
  const unread = ctx.signal.aborted ? undefined : await usersUnread(ctx);
  if (!ctx.signal.aborted && unread === undefined) {
    total = await settleEligible(ctx, started);
    progress();
    await read(pendingNotStarted(ctx, started));
  }

  const remaining = await countPendingUsers(ctx);
  if (unread !== undefined) {
    report.incomplete(`not finished: ${unread}; factors read for ${plural(done, 'user')}, the next sync continues`);
  } else if (total === undefined) {
    report.incomplete(`factors read for ${plural(done, 'user')} before the user list was read; the next sync continues`);
  } else if (remaining > 0) {
    const why = ctx.signal.aborted ? 'the next sync continues' : 'the rest did not parse and are read again next sync';
    report.incomplete(`factors read for ${formatCount(total - deleted - remaining)} of ${plural(total - deleted, 'user')}; ${why}`);
  }
  if (deleted > 0) report.note(`${plural(deleted, 'user')} deleted in Okta during the sync ${deleted === 1 ? 'was' : 'were'} removed from the snapshot`);
  const storedErrors = await countErrors(ctx.store, ctx.snapshotId, 'factors');
  const count = await ctx.store.entities.count('factors', ctx.snapshotId);
  return { datasets: [report.toStatus(count, { storedErrors })], errors: report.errors };
}

/**
 * One user's factors in an incremental sync: read when they can sign in; otherwise emptied, as a full read (which
 * reads only users who can sign in) would leave them. Either way the user counts as verified now.
 */
async function refreshUserFactors(
  ctx: CollectContext,
  report: DatasetReport,
  userId: string,
  hadStoredErrors: boolean,
  waitSignal?: AbortSignal,
): Promise<Outcome | 'missing' | 'emptied'> {
  const user = await ctx.store.entities.find('users', ctx.snapshotId, { id: userId });
  if (user === undefined) return 'missing';
  if (canSignIn(user.status)) return readUserFactors(ctx, report, userId, hadStoredErrors, waitSignal);
  await ctx.store.entities.replaceChildren('factors', ctx.snapshotId, userId, []);
  await ctx.store.progress.markVerified(ctx.snapshotId, 'factors', [userId], new Date(ctx.clock()));
  return 'emptied';
}

const conditionsSchema = z.object({ people: z.object({ groups: z.object({ include: z.array(z.string()) }).partial() }).partial() }).partial();

/**
 * Users whose factor list may look different because of an MFA enrollment policy: the factors API only lists the
 * factors the user's enrollment policy allows (OKTA-API.md §6.1), and those policies target groups. Everyone in the
 * groups of an enrollment policy that changed, and everyone who joined or left a group any enrollment policy targets.
 */
async function enrollmentPolicyReach(ctx: CollectContext, changes: ChangeScope, plan: ChangePlan): Promise<Set<string>> {
  const targeted = new Set<string>();
  const ofChanged = new Set<string>();
  for await (const policy of ctx.store.entities.stream('policies', ctx.snapshotId)) {
    if (policy.type !== 'MFA_ENROLL') continue;
    const groups = conditionsSchema.safeParse(policy.conditions ?? {}).data?.people?.groups?.include ?? [];
    for (const groupId of groups) {
      targeted.add(groupId);
      if (plan.policyIds.has(policy.id)) ofChanged.add(groupId);
    }
  }
  const reach = new Set<string>();
  for (const groupId of ofChanged) {
    for await (const member of ctx.store.entities.stream('groupMemberships', ctx.snapshotId, { parentId: groupId })) reach.add(member.userId);
  }
  for (const [groupId, moved] of changes.movedMembers) if (targeted.has(groupId)) for (const userId of moved) reach.add(userId);
  for (const move of plan.membershipMoves) if (targeted.has(move.groupId)) reach.add(move.userId);
  return reach;
}

/**
 * Incremental: the factors of the users a change reached (factor events, lifecycle events, new users and status
 * changes, enrollment-policy reach), then, while the budget allows, the users verified longest ago. Reports how old
 * the oldest verification still is.
 */
async function collectChangedFactors(ctx: CollectContext, changes: ChangeScope): Promise<CollectResult> {
  const report = new DatasetReport('factors');
  // The users collector notes new users and status changes (`changes.changedUsers`): wait for all of it.
  const unread = await usersUnread(ctx);
  if (unread !== undefined) {
    const count = await ctx.store.entities.count('factors', ctx.snapshotId);
    return { datasets: [{ dataset: 'factors', state: 'not_started', count, reason: `not read: ${unread}` }], errors: [] };
  }
  const { plan, complete } = await changePlan(ctx, changes);
  if (!complete) report.incomplete('the System Log was not read to the end of its window: factor changes after where it stopped are read by the next sync');
  const targets = new Set([...plan.userIdsForFactors, ...plan.userIds, ...changes.changedUsers, ...(await enrollmentPolicyReach(ctx, changes, plan))]);
  // New users, and users whose factors did not parse last time.
  for await (const userId of ctx.store.progress.streamPendingUsers(ctx.snapshotId, 'factors', { statuses: SIGN_IN_STATUSES })) targets.add(userId);
  const hadStoredErrors = (await countErrors(ctx.store, ctx.snapshotId, 'factors')) > 0;
  let done = 0;
  const stopWhen = () => ctx.signal.aborted;
  await forEachConcurrently(
    targets,
    ctx.options.perEntityConcurrency,
    async (userId) => {
      await refreshUserFactors(ctx, report, userId, hadStoredErrors);
      ctx.progress('factors', { count: ++done, total: targets.size });
    },
    { stopWhen },
  );
  if (ctx.signal.aborted) report.incomplete(`factors of ${formatCount(done)} of ${plural(targets.size, 'changed user')} read; the next sync reads them again`);
  else await reverifyOldest(ctx, changes, report, targets, hadStoredErrors);
  changes.result.oldestVerifiedAt = (await ctx.store.progress.oldestVerified(ctx.snapshotId, 'factors', 1))[0]?.verifiedAt ?? null;
  const storedErrors = await countErrors(ctx.store, ctx.snapshotId, 'factors');
  const count = await ctx.store.entities.count('factors', ctx.snapshotId);
  return { datasets: [report.toStatus(count, { storedErrors })], errors: report.errors };
}

/** Reads again the factors of the users verified longest ago, up to the limit and while the budget's reserve holds. */
async function reverifyOldest(ctx: CollectContext, changes: ChangeScope, report: DatasetReport, justRead: ReadonlySet<string>, hadStoredErrors: boolean): Promise<void> {
  if (changes.reverify.limit <= 0) return;
  const oldest = await ctx.store.progress.oldestVerified(ctx.snapshotId, 'factors', changes.reverify.limit + justRead.size);
  const queue = oldest.map((entry) => entry.entityId).filter((userId) => !justRead.has(userId)).slice(0, changes.reverify.limit);
  await forEachConcurrently(
    queue,
    ctx.options.perEntityConcurrency,
    async (userId) => {
      const outcome = await refreshUserFactors(ctx, report, userId, hadStoredErrors, changes.reverify.signal);
      if (outcome === 'verified' || outcome === 'emptied') changes.result.reverifiedUsers++;
      if (outcome === 'withdrawn') changes.result.reverifyWithdrawn++;
      // Every outcome but these made one request (an aborted one may have too, but the sync is over by then).
      else if (outcome !== 'emptied' && outcome !== 'missing' && outcome !== 'aborted') changes.result.reverifyRequests.factors++;
    },
    { stopWhen: () => ctx.signal.aborted || !changes.reverify.canContinue() },
  );
}

/** Enrolled factors of every user who can sign in (OKTA-API.md §6), resumable across syncs. */
export const factorsCollector = defineCollector({
  id: 'factors',
  declares: [FACTORS_DATASET],
  // Full: starts on each stored page of users. Incremental: waits for the users collector's changes (`ctx.after`).
  dependsOn: [],
  startsOnPagesOf: ['users'],
  // Incremental: the change plan, who moved between groups, and the enrollment policies as this sync read them.
  waitsFor: ['groups', 'policies', 'system-log'],
  collect: collectFactors,
});
