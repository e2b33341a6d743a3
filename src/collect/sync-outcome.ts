import type { ChangeSummary, ReverifyResult } from './change-scope.js';
import { redactAuthHeaders } from '../okta/redact.js';
import { isOktaClientError, type OktaClientErrorCode } from '../okta/errors.js';
import { isStoreError } from '../store/errors.js';
import type { DatasetId, DatasetState, DatasetStatus, SyncErrorEntry, SyncStatus } from '../store/types.js';
import type { BudgetStop } from './budget.js';

export interface SyncRequests {
  /** Requests sent by this sync, retries included. */
  total: number;
  /** Responses with HTTP 429. */
  throttled: number;
  byBucket: Record<string, number>;
}

/** What a sync did, as a value: the CLI, the scheduler and the server branch on `status`. */
export interface SyncOutcome {
  syncId: string;
  org: string;
  /** The snapshot the sync wrote into: promoted when it succeeded, kept for the next sync to resume otherwise. */
  snapshotId: string | null;
  /** True when the sync continued a snapshot an earlier sync had left unfinished. */
  resumed: boolean;
  status: Exclude<SyncStatus, 'running'>;
  /** True only when the sync succeeded and every dataset is complete or honestly not permitted. */
  complete: boolean;
  datasets: DatasetStatus[];
  /** Rows per dataset in the snapshot (the whole snapshot, also what earlier syncs of a resumed backfill read). */
  counts: Record<DatasetId, number>;
  requests: SyncRequests;
  durationMs: number;
  errors: SyncErrorEntry[];
  /**
   * Set when the sync read only what changed: from when, how many users' factors it re-verified (requests beyond the
   * change-driven ones, one each), and when the least recently verified user's factors were read.
   */
  incremental?: { since: Date; changes?: ChangeSummary } & ReverifyResult;
  /** Why an org with a complete snapshot was read in full rather than incrementally (e.g. repeated timeouts). */
  fullReason?: string;
}

/**
 * Failures that no other dataset can get past: the credentials or the org's address are wrong, or the host cannot be
 * reached. Every other Okta failure belongs to the dataset being read, and the sync goes on with the rest.
 */
const FATAL_OKTA_CODES = new Set<OktaClientErrorCode>([
  'OKTA_DOMAIN_INVALID',
  'OKTA_BASE_URL_INVALID',
  'OKTA_AUTH_CONFIG_INVALID',
  'OKTA_TOKEN_INVALID',
  'OKTA_OAUTH_TOKEN_FAILED',
  'OKTA_DPOP_FAILED',
  'OKTA_NETWORK_ERROR',
]);

/** A 403 says what the credentials may not read: the dataset is reported as not permitted, not as failed. */
const NOT_PERMITTED_CODES = new Set<OktaClientErrorCode>(['OKTA_PERMISSION_DENIED', 'OKTA_SCOPE_MISSING']);

export type ErrorEffect =
  | { kind: 'fatal'; entry: SyncErrorEntry }
  | { kind: 'dataset'; state: Extract<DatasetState, 'failed' | 'not_permitted'>; entry: SyncErrorEntry };

/** The sync-history entry for an error. Okta and store errors are redacted where they are made; others here. */
export function errorEntry(error: unknown): SyncErrorEntry {
  if (isOktaClientError(error) || isStoreError(error)) return { code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'SYNC_INTERNAL_ERROR', message: `Unexpected error: ${redactAuthHeaders(message)}` };
}

/** What an error a collector threw means for the sync (an abort is handled before this, by the budget). */
export function classifyError(error: unknown): ErrorEffect {
  const entry = errorEntry(error);
  if (isOktaClientError(error)) {
    if (FATAL_OKTA_CODES.has(error.code)) return { kind: 'fatal', entry };
    return { kind: 'dataset', state: NOT_PERMITTED_CODES.has(error.code) ? 'not_permitted' : 'failed', entry };
  }
  // A store error (locked, full disk…) or a bug: nothing later can be trusted to work either.
  return { kind: 'fatal', entry };
}

/** Read to the end, or honestly not readable with these credentials. */
export function isFinished(state: DatasetState): boolean {
  return state === 'complete' || state === 'not_permitted';
}

/** Rows a dependent collector can build on (a partial dataset lacks only records that failed to parse). */
export function isUsable(state: DatasetState): boolean {
  return state === 'complete' || state === 'partial';
}

/**
 * A sync succeeds when every collector ran and no dataset failed or was left unread; only then is its snapshot
 * promoted. A `partial` dataset (records that failed to parse, recorded as collection errors) does not stop the
 * promotion, since a record that never parses would otherwise block every sync, but it makes the sync incomplete.
 */
export function decideStatus(input: { fatal: boolean; stopped: BudgetStop | undefined; datasets: readonly DatasetStatus[] }): {
  status: SyncOutcome['status'];
  complete: boolean;
} {
  if (input.fatal || input.stopped === 'cancelled') return { status: 'failed', complete: false };
  const unread = input.datasets.filter((d) => d.state === 'failed' || d.state === 'not_started');
  if (input.stopped === 'timed_out' && input.datasets.some((d) => !isFinished(d.state))) return { status: 'timed_out', complete: false };
  if (unread.length > 0) return { status: 'failed', complete: false };
  return { status: 'succeeded', complete: input.datasets.every((d) => isFinished(d.state)) };
}
