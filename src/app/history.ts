import type { CheckRunSummary, SyncRecord } from '../store/types.js';
import type { Store } from '../store/store.js';
import { withStore } from './database-url.js';

export interface HistoryInput {
  database: string | Store;
  org: string;
  /** Newest first, at most this many (default 20). */
  limit?: number | undefined;
}

/** The org's syncs, newest first: status, trigger, budget, per-dataset states, requests and errors of each. */
export function readSyncHistory(input: HistoryInput): Promise<SyncRecord[]> {
  return withStore(input.database, (store) => store.syncs.list(input.org, { limit: input.limit ?? 20 }), { mustExist: true });
}

/** The org's latest security-test run, per check (no entity rows), or undefined before the first run. */
export function readLatestResults(input: Omit<HistoryInput, 'limit'>): Promise<CheckRunSummary | undefined> {
  return withStore(input.database, (store) => store.checkResults.latestSummary(input.org), { mustExist: true });
}
