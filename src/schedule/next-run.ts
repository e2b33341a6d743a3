import type { Random } from '../config/runtime.js';
import type { RunResult, ScheduledConnection, ScheduleState } from './schedule-state.js';

/**
 * When each connection syncs next, as pure functions of its stored state, what its last run came to, a clock reading
 * and a random number (like `decideRetry`): the embedded scheduler and the pg-boss workers both apply them, and the
 * tests run them on a fake clock.
 */

export const SCHEDULE_POLICY = {
  /** A scheduled sync starts up to this share of the interval late, so connections added together spread out. */
  jitterShare: 0.1,
  /** …and never more than this late. */
  jitterCapMs: 10 * 60_000,
  /** The first retry after a failure; each further failure doubles it. */
  backoffBaseMs: 60_000,
  /** Retries never wait longer than the larger of this and the connection's interval. */
  backoffCapMs: 60 * 60_000,
} as const;

/**
 * Credentials refused by Okta (a 401: revoked, expired or wrong token; a client the authorization server rejects).
 * Retrying cannot help and only fills Okta's System Log with failed logins, so the schedule stops until the
 * credential is updated.
 */
const CREDENTIAL_REFUSED_CODES: ReadonlySet<string> = new Set([
  'OKTA_TOKEN_INVALID',
  'OKTA_OAUTH_TOKEN_FAILED',
  'CONNECTION_ORG_MISMATCH',
  // GitHub refused the token or App key (401), or the App is no longer installed on the organization.
  'GITHUB_CREDENTIAL_INVALID',
  'GITHUB_APP_NOT_INSTALLED',
]);

export function isCredentialRefused(code: string): boolean {
  return CREDENTIAL_REFUSED_CODES.has(code);
}

/**
 * Whether the connection's scheduled sync is due at `nowMs`. A connection never planned (new, or Auto Sync just
 * turned on) is due at once. A connection whose due time passed long ago (the scheduler was down) is due once: the
 * state holds one due time, not a list of missed ones, so downtime brings one catch-up run and never a storm.
 */
export function isDue(connection: ScheduledConnection, nowMs: number): boolean {
  const { autoSync, schedule } = connection;
  if (!autoSync || schedule.pausedReason !== null) return false;
  return schedule.nextRunAt === null || schedule.nextRunAt.getTime() <= nowMs;
}

/** The earliest future due time among `connections` (to sleep until), or undefined when none is planned. */
export function nextWakeAt(connections: readonly ScheduledConnection[], nowMs: number): number | undefined {
  let earliest: number | undefined;
  for (const connection of connections) {
    if (!connection.autoSync || connection.schedule.pausedReason !== null) continue;
    const at = connection.schedule.nextRunAt?.getTime() ?? nowMs;
    if (earliest === undefined || at < earliest) earliest = at;
  }
  return earliest;
}

/** The state after a run: when the next one is due, and the connection's health. */
export function decideAfterRun(connection: ScheduledConnection, result: RunResult, nowMs: number, random: Random): ScheduleState {
  const state = connection.schedule;
  const now = new Date(nowMs);
  switch (result.kind) {
    case 'busy':
      // Another process is syncing this org; what it records decides the schedule. Look again when its lease would lapse.
      return { ...state, nextRunAt: result.retryAt };
    case 'cancelled':
      // Shutdown checkpointed the sync: the next scheduler to run resumes it at once.
      return { ...state, nextRunAt: now };
    case 'not_run':
      return failed(connection, now, result.error.code, result.error.message);
    case 'synced':
      break;
  }
  const synced = { ...state, lastSyncAt: now, lastSyncId: result.syncId };
  // A partial sync's snapshot is current too (a dataset the credential may not read): on schedule, but unhealthy until fixed.
  if (result.status === 'succeeded' || result.status === 'partial') {
    const reason = result.complete ? null : `The last sync is incomplete: ${result.error?.message ?? 'a dataset could not be read'}`;
    return {
      ...synced,
      nextRunAt: new Date(nowMs + intervalWithJitter(connection.syncIntervalMs, random)),
      healthState: reason === null ? 'healthy' : 'unhealthy',
      healthReason: reason,
      consecutiveFailures: 0,
      pausedReason: null,
    };
  }
  if (result.status === 'timed_out' && result.progressed) {
    // A backfill that ran out of its budget but advanced continues at once, budget after budget, until complete.
    return { ...synced, nextRunAt: now, healthState: 'healthy', healthReason: null, consecutiveFailures: 0, pausedReason: null };
  }
  const error = result.error ?? { code: 'SYNC_NO_PROGRESS', message: 'The sync ran out of its budget without reading anything.' };
  return { ...failed(connection, now, error.code, error.message), lastSyncAt: now, lastSyncId: result.syncId };
}

/** Sync Now: a run at once, whatever the schedule says (it also retries a paused connection's credential). */
export function decideSyncNow(state: ScheduleState, nowMs: number): ScheduleState {
  return { ...state, nextRunAt: new Date(nowMs) };
}

/** The credential was updated: a paused connection's schedule restarts with a sync at once. */
export function decideCredentialUpdated(state: ScheduleState, nowMs: number): ScheduleState {
  return { ...state, nextRunAt: new Date(nowMs), pausedReason: null, consecutiveFailures: 0 };
}

/** The delay before the n-th consecutive retry (n ≥ 1): doubling from the base, capped. */
export function backoffMs(consecutiveFailures: number, syncIntervalMs: number): number {
  const cap = Math.max(SCHEDULE_POLICY.backoffCapMs, syncIntervalMs);
  const exponent = Math.min(Math.max(consecutiveFailures - 1, 0), 30);
  return Math.min(SCHEDULE_POLICY.backoffBaseMs * 2 ** exponent, cap);
}

function intervalWithJitter(intervalMs: number, random: Random): number {
  const spread = Math.min(intervalMs * SCHEDULE_POLICY.jitterShare, SCHEDULE_POLICY.jitterCapMs);
  return intervalMs + Math.floor(random() * spread);
}

function failed(connection: ScheduledConnection, now: Date, code: string, message: string): ScheduleState {
  const failures = connection.schedule.consecutiveFailures + 1;
  if (isCredentialRefused(code)) {
    const reason = `${code.startsWith('GITHUB_') ? 'GitHub' : 'Okta'} refused the credential (${code}): ${message} Update the connection's credential to resume its schedule.`;
    return { ...connection.schedule, nextRunAt: null, healthState: 'paused', healthReason: reason, consecutiveFailures: failures, pausedReason: reason };
  }
  return {
    ...connection.schedule,
    nextRunAt: new Date(now.getTime() + backoffMs(failures, connection.syncIntervalMs)),
    healthState: 'unhealthy',
    healthReason: `${message} (${code}; ${failures} failed run${failures === 1 ? '' : 's'} in a row)`,
    consecutiveFailures: failures,
    pausedReason: null,
  };
}
