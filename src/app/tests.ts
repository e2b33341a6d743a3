import { diffRuns, type RunChanges } from '../checks/diff.js';
import { evaluateChecks, type CheckResult, type CheckRunResult } from '../checks/engine.js';
import { CheckSettingsError, type CheckSettingsInput } from '../checks/settings.js';
import { loadSnapshotView } from '../checks/snapshot-view.js';
import { isStoreError } from '../store/errors.js';
import type { Store } from '../store/store.js';
import type { CheckEntityResultRecord, SnapshotRecord, StoredCheckRun } from '../store/types.js';
import { currentSnapshot } from './current-snapshot.js';
import { withStore } from './database-url.js';
import { InvalidInputError } from './errors.js';
import { failingRowsOf } from './test-changes.js';

export interface RunTestsInput {
  /** An open store, or a database URL opened (it must exist) and closed around the run. */
  database: string | Store;
  /** The org to test; omitted, the only org the database holds. */
  org?: string | undefined;
  settings?: CheckSettingsInput | undefined;
  now: Date;
}

export interface TestsRun {
  run: CheckRunResult;
  /** The run as stored (its id, with the entity rows); undefined when the database could not be written (read-only). */
  saved: StoredCheckRun | undefined;
  snapshot: SnapshotRecord;
  /** What changed since the org's previous stored run; undefined for the first run. */
  changes: RunChanges | undefined;
}

/** Runs the security tests over the org's current snapshot, stores the results, and compares with the previous run. */
export function runTests(input: RunTestsInput): Promise<TestsRun> {
  return withStore(input.database, (store) => testCurrentSnapshot(store, input), { mustExist: true });
}

/** A run's per-check summaries, with each check's entity results read back one page at a time. */
export interface StreamedTestsRun {
  run: Omit<CheckRunResult, 'results'> & { results: Omit<CheckResult, 'entities'>[] };
  /** False when the database could not be written (read-only): the entities then come from memory. */
  stored: boolean;
  snapshot: SnapshotRecord;
  changes: RunChanges | undefined;
  /** One check's entity results in (entity type, entity id) order. */
  entitiesOf(checkId: string): AsyncIterable<CheckEntityResultRecord> | Iterable<CheckEntityResultRecord>;
}

/**
 * `runTests` for a reader that writes every entity (`tests --format json`): the run is stored, its entity results
 * are let go, and `use` reads them back from the store check by check while the store is open. Over 50,000 users
 * the evaluated run and a report built in memory from it cost ~200 MB beside the table's peak.
 */
export function runTestsStreamed<T>(input: RunTestsInput, use: (tests: StreamedTestsRun) => Promise<T>): Promise<T> {
  return withStore(input.database, async (store) => use(await testAndRelease(store, input)), { mustExist: true });
}

/** Its own frame, so nothing but the summaries outlives it when the run was stored. */
async function testAndRelease(store: Store, input: RunTestsInput): Promise<StreamedTestsRun> {
  const { run, saved, snapshot, changes } = await testCurrentSnapshot(store, input);
  const summary = { ...run, results: run.results.map(({ entities: _entities, ...result }) => result) };
  if (saved !== undefined) {
    const runId = saved.id;
    return { run: summary, stored: true, snapshot, changes, entitiesOf: (checkId) => withoutCheckId(store.checkResults.streamEntities(runId, { checkId })) };
  }
  const byCheck = new Map<string, readonly CheckEntityResultRecord[]>(run.results.map((result) => [result.id, result.entities]));
  return { run: summary, stored: false, snapshot, changes, entitiesOf: (checkId) => byCheck.get(checkId) ?? [] };
}

async function* withoutCheckId(rows: AsyncIterable<CheckEntityResultRecord & { checkId: string }>): AsyncGenerator<CheckEntityResultRecord> {
  for await (const { checkId: _checkId, ...entity } of rows) yield entity;
}

async function testCurrentSnapshot(store: Store, input: RunTestsInput): Promise<TestsRun> {
  const { snapshot } = await currentSnapshot(store, input.org);
  const run = await evaluateSnapshot(store, snapshot, input.settings ?? {}, input.now);
  try {
    return await storeAndCompare(store, snapshot, run);
  } catch (error) {
    // A read-only database (a replica, a file shared for reading) still answers "how do we stand": the results are
    // printed unstored and compared with the last stored run, the one a stored run would have been compared with.
    if (!isStoreError(error, 'STORE_READ_ONLY')) throw error;
    const previous = await lastStoredRunBefore(store, snapshot, run.org);
    return { run, saved: undefined, snapshot, changes: previous === undefined ? undefined : diffRuns(previous, run) };
  }
}

/** The run a new one over `snapshot` is compared with: the latest, unless it covers this snapshot (it would be replaced). */
async function lastStoredRunBefore(store: Store, snapshot: SnapshotRecord, org: string): Promise<StoredCheckRun | undefined> {
  const latest = await store.checkResults.latest(org);
  if (latest === undefined || latest.snapshotId !== snapshot.id) return latest;
  return store.checkResults.previous(org, latest);
}

/** The tests over one given snapshot, stored; for the sync pipeline, which knows the snapshot it just promoted. */
export async function testSnapshot(store: Store, snapshot: SnapshotRecord, settings: CheckSettingsInput, now: Date): Promise<TestsRun & { saved: StoredCheckRun }> {
  return storeAndCompare(store, snapshot, await evaluateSnapshot(store, snapshot, settings, now));
}

/**
 * Loads the snapshot's view and runs the checks, in a frame of its own: the view (~80 MB over 50,000 users) is
 * unreachable once the run is returned, before the run is stored.
 */
async function evaluateSnapshot(store: Store, snapshot: SnapshotRecord, settings: CheckSettingsInput, now: Date): Promise<CheckRunResult> {
  return evaluate(await loadSnapshotView(store, snapshot), settings, now);
}

function evaluate(view: Awaited<ReturnType<typeof loadSnapshotView>>, settings: CheckSettingsInput, now: Date): CheckRunResult {
  try {
    return evaluateChecks(view, settings, { now });
  } catch (error) {
    if (error instanceof CheckSettingsError) throw new InvalidInputError(error.message);
    throw error;
  }
}

/**
 * Stores the run and compares it with the previous one, read by its summary and only the entity rows failing in
 * either run (`failingRowsOf`), not whole: the previous run of a 50,000-user org is ~250,000 rows, about 60 MB.
 */
async function storeAndCompare(store: Store, snapshot: SnapshotRecord, run: CheckRunResult): Promise<TestsRun & { saved: StoredCheckRun }> {
  const saved = await store.checkResults.save(run);
  const previous = await store.checkResults.previousSummary(run.org, saved);
  return { run, saved, snapshot, changes: previous === undefined ? undefined : diffRuns(await failingRowsOf(store, previous, saved), run) };
}
