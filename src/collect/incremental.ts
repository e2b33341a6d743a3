import type { Store } from '../store/store.js';
import type { OrgState } from '../store/types.js';
import type { Budget, Schedule } from './budget.js';
import type { Clock } from '../config/runtime.js';
import { CHANGE_EVENT_TYPES, planChanges, toChangeEvent, type ChangeEvent, type ChangePlan } from './change-plan.js';
import { SYSTEM_LOG_COLLECTOR, type ChangeScope, type ChangeSummary, type PlanReading, type ReverifyResult } from './change-scope.js';
import { readBackfillCheckpoint } from './sync-checkpoint.js';
import type { Collector } from './collector.js';
import { isFinished } from './sync-outcome.js';
import { SIGN_IN_EVENT_TYPE } from './users.js';
import { PERSISTENCE_DELAY_MS, RETENTION_DAYS } from './system-log.js';
import { DAY_MS } from '../config/runtime.js';

/**
 * Changes are looked for from this long before the current snapshot's reading began: a change made just before then
 * can carry a `lastUpdated` or a System Log `published` a little earlier than when it became visible (events are
 * persisted late, OKTA-API.md §10.2). Re-reading a few minutes twice costs little; missing a change costs evidence.
 */
export const CHANGE_OVERLAP_MS = 5 * PERSISTENCE_DELAY_MS;
/**
 * After this many incremental syncs in a row ran out of budget on changes from the same snapshot, the next sync reads
 * in full instead: a full read is resumable across syncs, while an incremental one starts over each time and would
 * never end if its changes alone do not fit one budget (e.g. an MFA enrollment policy edit reaching every user).
 */
export const INCREMENTAL_TIMEOUTS_BEFORE_FULL = 2;
/** Users whose factors are re-verified per incremental sync at most, oldest verification first. */
export const DEFAULT_REVERIFY_LIMIT = 1000;
/** Re-verification stops while this share of the budget is left, so the sync still finishes and promotes in time. */
const REVERIFY_RESERVE = 0.2;

export type IncrementalBase = { kind: 'incremental'; copyFrom: string; since: Date } | { kind: 'full'; reason: string };

/**
 * Whether this sync can be incremental: the org has a current snapshot whose every dataset is complete, no backfill
 * is under way, the System Log has a cursor and is among the collectors, and the changes to look for are within
 * Okta's 90-day log retention. Otherwise the sync reads everything again, and says why.
 */
export async function incrementalBase(store: Store, state: OrgState, collectors: readonly Collector[], now: number): Promise<IncrementalBase> {
  const full = (reason: string): IncrementalBase => ({ kind: 'full', reason });
  if (state.currentSnapshotId === null) return full('the org has no complete snapshot yet');
  if (state.logCursor === null || !collectors.some((c) => c.id === SYSTEM_LOG_COLLECTOR)) return full('the System Log is not read, so changes cannot be found');
  const current = await store.snapshots.get(state.currentSnapshotId);
  if (current === undefined) return full('the current snapshot is gone');
  const wanted = collectors.flatMap((c) => c.datasets);
  const finished = new Set(current.datasets.filter((d) => isFinished(d.state)).map((d) => d.dataset));
  if (!wanted.every((dataset) => finished.has(dataset))) return full('the current snapshot is not complete');
  // The current snapshot reflects Okta as of when its reading began: the start of the sync that began it.
  const began = current.syncId === null ? undefined : await store.syncs.get(current.syncId);
  const since = new Date((began?.startedAt ?? current.createdAt).getTime() - CHANGE_OVERLAP_MS);
  const retentionStart = now - RETENTION_DAYS * DAY_MS;
  if (since.getTime() < retentionStart || state.logCursor.until.getTime() < retentionStart) {
    return full(`the last sync is older than the System Log's ${RETENTION_DAYS}-day retention, so changes since then cannot all be known`);
  }
  if (await incrementalKeepsRunningOut(store, current.org, current.id)) {
    return full(
      `the last ${INCREMENTAL_TIMEOUTS_BEFORE_FULL} incremental syncs ran out of budget on the same changes; a full read continues across syncs until it ends`,
    );
  }
  return { kind: 'incremental', copyFrom: current.id, since };
}

/** Whether the org's last ended syncs are all incremental syncs from `currentId` that ran out of budget. */
async function incrementalKeepsRunningOut(store: Store, org: string, currentId: string): Promise<boolean> {
  const ended = (await store.syncs.list(org, { limit: INCREMENTAL_TIMEOUTS_BEFORE_FULL + 5 })).filter((sync) => sync.status !== 'running');
  const last = ended.slice(0, INCREMENTAL_TIMEOUTS_BEFORE_FULL);
  if (last.length < INCREMENTAL_TIMEOUTS_BEFORE_FULL) return false;
  for (const sync of last) {
    if (sync.status !== 'timed_out' || sync.snapshotId === null) return false;
    if ((await store.snapshots.get(sync.snapshotId))?.copiedFrom !== currentId) return false;
  }
  return true;
}

/**
 * The System Log types an incremental sync reads: the configured ones, every change type, and sign-ins (they move
 * users' `lastLogin`, which no other incremental read shows). Empty reads all.
 */
export function incrementalLogTypes(configured: readonly string[]): readonly string[] {
  if (configured.length === 0) return configured;
  return [...new Set([...configured, ...CHANGE_EVENT_TYPES, SIGN_IN_EVENT_TYPE])];
}

export interface ChangeScopeInput {
  store: Store;
  org: string;
  snapshotId: string;
  since: Date;
  budget: Budget;
  timeoutMs: number;
  reverifyLimit: number;
  /** The share of the budget re-verification may spend, from when it first asks (`SyncOptions.reverifyShare`). */
  reverifyShare: number;
  clock: Clock;
  /** The timer that ends the share (default: a real one, as the budget's). */
  schedule?: Schedule | undefined;
  /** Told once what the change plan found, before any re-verification (the sync's "changes found" report). */
  onChanges?: ((summary: ChangeSummary) => void) | undefined;
}

/** The scope the collectors of one incremental sync share. The plan is read once, after the System Log collector ran. */
export function createChangeScope(input: ChangeScopeInput): ChangeScope {
  let reading: Promise<PlanReading> | undefined;
  const result: ReverifyResult & { changes?: ChangeSummary } = {
    reverifiedUsers: 0,
    reverifiedApps: 0,
    reverifyRequests: { factors: 0, apps: 0 },
    reverifyWithdrawn: 0,
    oldestVerifiedAt: null,
  };
  return {
    since: input.since,
    plan: () =>
      (reading ??= readPlan(input).then((planned) => {
        result.changes = planned.summary;
        input.onChanges?.(planned.summary);
        return planned;
      })),
    changedUsers: new Set(),
    movedMembers: new Map(),
    reverify: { limit: input.reverifyLimit, ...reverifyAllowance(input) },
    result,
  };
}

/** Timers that never keep the process alive: a sync that ended before its re-verification share did leaves one behind. */
const unrefSchedule: Schedule = (callback, ms) => {
  const timer = setTimeout(callback, ms);
  timer.unref();
  return () => clearTimeout(timer);
};

export type ReverifyAllowanceInput = Pick<ChangeScopeInput, 'budget' | 'timeoutMs' | 'reverifyShare' | 'clock' | 'schedule'>;

/**
 * Re-verification's allowance: from the first time a collector asks (its change-driven reads are done by then), it
 * may go on for `reverifyShare` of the budget, and never into the reserve the sync keeps to finish and promote. A
 * share of 0 re-verifies nothing. When the allowance ends, `signal` aborts, so requests still queued for a rate-limit
 * slot are withdrawn at once instead of waiting (up to a minute) for the next window.
 */
export function reverifyAllowance(input: ReverifyAllowanceInput): { canContinue: () => boolean; signal: AbortSignal } {
  const schedule = input.schedule ?? unrefSchedule;
  const reserveMs = REVERIFY_RESERVE * input.timeoutMs;
  const allowanceMs = input.reverifyShare * input.timeoutMs;
  const ended = new AbortController();
  const end = () => ended.abort(new Error('re-verification used its share of the budget'));
  let startedAt: number | undefined;
  return {
    signal: ended.signal,
    canContinue: () => {
      if (allowanceMs <= 0 || ended.signal.aborted) {
        end();
        return false;
      }
      const now = input.clock();
      if (startedAt === undefined) {
        startedAt = now;
        schedule(end, Math.max(0, Math.min(allowanceMs, input.budget.remainingMs() - reserveMs)));
      }
      const allowed = now - startedAt < allowanceMs && input.budget.remainingMs() > reserveMs;
      if (!allowed) end();
      return allowed;
    },
  };
}

async function readPlan(input: ChangeScopeInput): Promise<PlanReading & { summary: ChangeSummary }> {
  const snapshot = await input.store.snapshots.get(input.snapshotId);
  const log = snapshot?.datasets.find((d) => d.dataset === 'logEvents');
  // Change events are a small share of the log (sign-ins dominate), so the plan's input is held while it is built.
  const events: ChangeEvent[] = [];
  const window = { since: input.since, until: new Date(8.64e15) };
  for await (const record of input.store.logEvents.stream(input.org, window, { eventTypes: CHANGE_EVENT_TYPES })) {
    const event = toChangeEvent(record.raw);
    if (event !== undefined) events.push(event);
  }
  const plan = planChanges(events);
  const complete = log?.state === 'complete';
  // Saved with the System Log collector's progress, before the collectors waiting for it read the plan.
  const state = await input.store.checkpoints.getOrgState(input.org);
  const cutoff = readBackfillCheckpoint(state.checkpoint, input.snapshotId)?.logCursor?.until ?? null;
  return { plan, complete, summary: summarizePlan(plan, cutoff, complete) };
}

/** The plan as counts by kind, for the people waiting on the sync: what changed, and how far the System Log was read. */
export function summarizePlan(plan: ChangePlan, logCutoff: Date | null, complete: boolean): ChangeSummary {
  return {
    users: plan.userIds.size,
    factors: plan.userIdsForFactors.size,
    groupMemberships: plan.groupIds.size,
    apps: plan.appIds.size,
    appAssignments: plan.appUserChanges.length,
    policies: plan.policies ? Math.max(1, plan.policyIds.size) : 0,
    logCutoff,
    logComplete: complete,
  };
}
