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
  /** True only when every dataset is complete: the status is then `succeeded`, and `partial` otherwise. */
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
 * A sync's snapshot is promoted when every collector ran and no dataset failed or was left unread. It `succeeded`
 * only when every dataset is complete. A `partial` dataset (records that failed to parse) or a `not_permitted` one
 * (the credentials may not read what a check or an artifact needs) does not stop the promotion, since a record that
 * never parses would otherwise block every sync, but the sync is then `partial`, never `succeeded`. A dataset the
 * user chose not to collect (`notCollected`) is not incomplete.
 */
export function decideStatus(input: {
  fatal: boolean;
  stopped: BudgetStop | undefined;
  datasets: readonly DatasetStatus[];
  notCollected?: ReadonlySet<DatasetId>;
}): {
  status: SyncOutcome['status'];
  complete: boolean;
} {
  if (input.fatal || input.stopped === 'cancelled') return { status: 'failed', complete: false };
  const unread = input.datasets.filter((d) => d.state === 'failed' || d.state === 'not_started');
  if (input.stopped === 'timed_out' && input.datasets.some((d) => !isFinished(d.state))) return { status: 'timed_out', complete: false };
  if (unread.length > 0) return { status: 'failed', complete: false };
  const complete = input.datasets.every((d) => d.state === 'complete' || input.notCollected?.has(d.dataset) === true);
  return { status: complete ? 'succeeded' : 'partial', complete };
}

/** Whether a sync's snapshot was promoted (it may still be incomplete: `partial`). */
export function isPromoted(status: SyncOutcome['status']): boolean {
  return status === 'succeeded' || status === 'partial';
}

/**
 * One line per incomplete dataset, for stderr: what is missing and what to do, naming the OAuth scope or admin role
 * to add when the credentials may not read it.
 */
export function incompleteDatasetLines(datasets: readonly DatasetStatus[], notCollected: ReadonlySet<DatasetId> = new Set()): string[] {
  return datasets
    .filter((d) => d.state !== 'complete' && !notCollected.has(d.dataset))
    .map((d) => {
      const why = d.reason === undefined ? '' : ` (${d.reason})`;
      if (d.state === 'not_permitted') {
        return `incomplete: ${d.dataset} not permitted${why}: grant ${d.permissionNeeded ?? 'read access to it'} to the API credentials (OAuth scope, or a read-only admin role for an API token) and sync again`;
      }
      return `incomplete: ${d.dataset} ${d.state.replace('_', ' ')}${why}: sync again to complete it`;
    });
}
