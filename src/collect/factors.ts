import { oktaFactorSchema, type OktaFactor } from '../okta/schemas/factor.js';
import type { FactorRecord } from '../store/types.js';
import { defineCollector, SIGN_IN_STATUSES, type CollectContext, type CollectResult } from './collector.js';
import { DatasetReport, formatCount, plural } from './dataset-report.js';
import { summarizeFactorProfile } from './factor-summary.js';
import { claimedId, isAbort, isNotFound, parseWith, segment } from './read.js';
import { countErrors } from './snapshot-writes.js';
import { forEachConcurrently } from './worker-pool.js';

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

/** One user's factor list: the factors that parsed, and a line per factor (or body) that did not. */
export function parseFactorList(userId: string, body: unknown): { records: FactorRecord[]; problems: string[] } {
  if (!Array.isArray(body)) return { records: [], problems: ['the factor list is not a JSON array'] };
  const records: FactorRecord[] = [];
  const problems: string[] = [];
  body.forEach((raw: unknown, index) => {
    const parsed = parseWith(oktaFactorSchema, raw, (factor) => toFactorRecord(userId, factor));
    if (parsed.ok) records.push(parsed.record);
    else problems.push(`factor ${claimedId(raw) ?? `#${index + 1}`}: ${parsed.message}`);
  });
  return { records, problems };
}

type Outcome = 'verified' | 'unparsed' | 'deleted' | 'aborted';

/**
 * Reads one user's factors into the snapshot. Only a fully parsed list marks the user verified: a user with a factor
 * that did not parse keeps a collection error and stays pending, so the next sync reads them again.
 */
async function readUserFactors(ctx: CollectContext, report: DatasetReport, userId: string, hadStoredErrors: boolean): Promise<Outcome> {
  let body: unknown;
  try {
    // Not paginated (SPEC listFactors).
    body = await ctx.client.get(`/api/v1/users/${segment(userId)}/factors`, { signal: ctx.signal });
  } catch (error) {
    if (isAbort(error, ctx.signal)) return 'aborted';
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

async function countEligibleUsers(ctx: CollectContext): Promise<number> {
  let eligible = 0;
  const statuses: readonly string[] = SIGN_IN_STATUSES;
  for await (const user of ctx.store.entities.stream('users', ctx.snapshotId)) if (statuses.includes(user.status)) eligible++;
  return eligible;
}

async function countPendingUsers(ctx: CollectContext): Promise<number> {
  let pending = 0;
  for await (const _ of ctx.store.progress.streamPendingUsers(ctx.snapshotId, 'factors', { statuses: SIGN_IN_STATUSES })) pending++;
  return pending;
}

/**
 * The per-user factor read is the bottleneck of a large org (one call per user, OKTA-API.md §6.2), so it is built to
 * be cut by the budget and continued: it reads only the users of the snapshot not yet verified, `perEntityConcurrency`
 * at a time (the client paces them), and marks each user verified as soon as their factors are stored. When the
 * budget aborts, what is done stays done and the dataset is `partial` with how far it got; the next sync continues
 * from there. An abort is therefore not thrown from here: the sync run sees it on its own signal.
 */
async function collectFactors(ctx: CollectContext): Promise<CollectResult> {
  const report = new DatasetReport('factors');
  const eligible = await countEligibleUsers(ctx);
  const hadStoredErrors = (await countErrors(ctx.store, ctx.snapshotId, 'factors')) > 0;
  let done = eligible - (await countPendingUsers(ctx));
  let deleted = 0;
  ctx.progress('factors', { count: done, total: eligible });

  const pending = ctx.store.progress.streamPendingUsers(ctx.snapshotId, 'factors', { statuses: SIGN_IN_STATUSES });
  await forEachConcurrently(
    pending,
    ctx.options.perEntityConcurrency,
    async (userId) => {
      const outcome = await readUserFactors(ctx, report, userId, hadStoredErrors);
      if (outcome === 'verified') done++;
      if (outcome === 'deleted') deleted++;
      if (outcome !== 'aborted') ctx.progress('factors', { count: done, total: eligible - deleted });
    },
    { stopWhen: () => ctx.signal.aborted },
  );

  const total = eligible - deleted;
  const remaining = await countPendingUsers(ctx);
  if (remaining > 0) {
    const why = ctx.signal.aborted ? 'the next sync continues' : 'the rest did not parse and are read again next sync';
    report.incomplete(`factors read for ${formatCount(total - remaining)} of ${plural(total, 'user')}; ${why}`);
  }
  if (deleted > 0) report.note(`${plural(deleted, 'user')} deleted in Okta during the sync ${deleted === 1 ? 'was' : 'were'} removed from the snapshot`);
  const storedErrors = await countErrors(ctx.store, ctx.snapshotId, 'factors');
  const count = await ctx.store.entities.count('factors', ctx.snapshotId);
  return { datasets: [report.toStatus(count, { storedErrors })], errors: report.errors };
}

/** Enrolled factors of every user who can sign in (OKTA-API.md §6), resumable across syncs. */
export const factorsCollector = defineCollector({
  id: 'factors',
  datasets: ['factors'],
  dependsOn: ['users'],
  collect: collectFactors,
});
