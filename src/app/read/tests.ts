import type { CheckEntityResultRecord, CheckRunSummary, CheckStatus, KeysetPage, PageRequest } from '../../store/index.js';
import { changesSincePreviousRun, type TestChanges } from '../test-changes.js';
import type { ServerStore } from './context.js';
import { NotFoundError } from './errors.js';

async function latestRun(store: ServerStore, org: string): Promise<CheckRunSummary> {
  const run = await store.checkResults.latestSummary(org);
  if (run === undefined) throw new NotFoundError(`No security test results for ${org} yet: they run after each successful sync (or \`okta-evidence tests\`).`);
  return run;
}

/** The latest result of each check (status, counts, controls), with the run it comes from. */
export async function latestTestResults(store: ServerStore, org: string): Promise<CheckRunSummary> {
  return latestRun(store, org);
}

/** One check's entity results in the latest run, filtered, one keyset page. */
export async function listCheckEntities(
  store: ServerStore,
  org: string,
  checkId: string,
  filter: { status?: CheckStatus | undefined; entityType?: string | undefined; search?: string | undefined },
  page: PageRequest,
): Promise<KeysetPage<CheckEntityResultRecord>> {
  const narrowed: { checkId: string; status?: CheckStatus; entityType?: string; search?: string } = { checkId };
  if (filter.status !== undefined) narrowed.status = filter.status;
  if (filter.entityType !== undefined) narrowed.entityType = filter.entityType;
  if (filter.search !== undefined) narrowed.search = filter.search;
  // The latest run is found inside the page's query; only an empty page needs it read apart, to tell "no run" or "no
  // such check" (404) from a filter that matches nothing.
  const entities = await store.pages.checkEntities({ latestOf: org }, narrowed, page);
  if (entities.items.length === 0) {
    const run = await latestRun(store, org);
    if (!run.results.some((result) => result.id === checkId)) throw new NotFoundError(`No check ${checkId} in the latest run.`);
  }
  return entities;
}

export interface CheckHistoryPoint {
  runId: string;
  syncId: string | null;
  evaluatedAt: Date;
  status: CheckStatus;
  counts: Record<CheckStatus, number>;
}

/** One check's status and counts run by run, newest first: the trend over syncs. */
export async function checkHistory(store: ServerStore, org: string, checkId: string, page: PageRequest): Promise<KeysetPage<CheckHistoryPoint>> {
  const runs = await store.pages.runSummaries(org, page);
  const items: CheckHistoryPoint[] = [];
  for (const run of runs.items) {
    const result = run.results.find((each) => each.id === checkId);
    if (result !== undefined) items.push({ runId: run.id, syncId: run.syncId, evaluatedAt: run.evaluatedAt, status: result.status, counts: result.counts });
  }
  return { items, nextKey: runs.nextKey };
}

/** What changed since the previous sync's run: entities newly failing and newly fixed, per check. */
export async function testChanges(store: ServerStore, org: string): Promise<TestChanges> {
  return changesSincePreviousRun(store, await latestRun(store, org));
}
