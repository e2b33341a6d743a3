import { diffRuns, type EntityChange } from '../checks/diff.js';
import type { Store } from '../store/store.js';
import type { CheckRunRecord, CheckRunSummary, CheckStatus } from '../store/types.js';

/** What changed between a stored run and the run of the previous sync: entities newly failing and newly fixed, per check. */
export interface TestChanges {
  previous: { runId: string; syncId: string | null; evaluatedAt: Date } | null;
  checks: { checkId: string; before: CheckStatus | null; after: CheckStatus | null; newlyFailing: EntityChange[]; newlyFixed: EntityChange[] }[];
}

/**
 * Comparisons already made, by run: stored runs never change, and the API's `tests/changes` asks for the same one on
 * every page view. A few are kept.
 */
const recentChanges = new Map<string, TestChanges>();
const RECENT_CHANGES_KEPT = 8;

/**
 * The one comparison of a stored run with the previous sync's run, for the API (`GET /api/orgs/{org}/tests/changes`)
 * and the webhook notifier alike. Summary first: the runs are found without their entity rows, and then only the
 * rows failing in either run are read (`entitiesFailingInEither`), which is all `diffRuns` looks at — not the two
 * whole runs (~250,000 rows each at 50,000 users).
 */
export async function changesSincePreviousRun(store: Pick<Store, 'checkResults'>, current: CheckRunSummary): Promise<TestChanges> {
  const known = recentChanges.get(current.id);
  if (known !== undefined) return known;
  const previous = await store.checkResults.previousSummary(current.org, current);
  if (previous === undefined) return { previous: null, checks: [] };
  const changes = diffRuns(await failingRowsOf(store, previous, current), await failingRowsOf(store, current, previous));
  const result: TestChanges = {
    previous: { runId: previous.id, syncId: previous.syncId, evaluatedAt: previous.evaluatedAt },
    checks: changes.checks.map((check) => ({ checkId: check.id, before: check.before, after: check.after, newlyFailing: check.newlyFailing, newlyFixed: check.newlyFixed })),
  };
  recentChanges.set(current.id, result);
  if (recentChanges.size > RECENT_CHANGES_KEPT) recentChanges.delete(recentChanges.keys().next().value as string);
  return result;
}

/**
 * `run` with, per check, only its entity rows that fail in it or in `other`: all that `diffRuns` looks at in a run
 * compared with `other`.
 */
export async function failingRowsOf(store: Pick<Store, 'checkResults'>, run: CheckRunSummary, other: CheckRunSummary): Promise<CheckRunRecord> {
  const checkIds = [...new Set([...run.results, ...other.results].map((result) => result.id))];
  const entities = await store.checkResults.entitiesFailingInEither(run.id, other.id, checkIds);
  return { ...run, results: run.results.map((result) => ({ ...result, entities: entities.get(result.id) ?? [] })) };
}
