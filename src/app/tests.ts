import { diffRuns, type RunChanges } from '../checks/diff.js';
import { evaluateChecks, type CheckRunResult } from '../checks/engine.js';
import { CheckSettingsError, type CheckSettingsInput } from '../checks/settings.js';
import { loadSnapshotView } from '../checks/snapshot-view.js';
import type { Store } from '../store/store.js';
import type { SnapshotRecord, StoredCheckRun } from '../store/types.js';
import { currentSnapshot } from './current-snapshot.js';
import { withStore } from './database-url.js';
import { InvalidInputError } from './errors.js';

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
  /** The run as stored (its id, with the entity rows). */
  saved: StoredCheckRun;
  snapshot: SnapshotRecord;
  /** What changed since the org's previous stored run; undefined for the first run. */
  changes: RunChanges | undefined;
}

/** Runs the security tests over the org's current snapshot, stores the results, and compares with the previous run. */
export function runTests(input: RunTestsInput): Promise<TestsRun> {
  return withStore(input.database, (store) => testCurrentSnapshot(store, input), { mustExist: true });
}

async function testCurrentSnapshot(store: Store, input: RunTestsInput): Promise<TestsRun> {
  const { snapshot } = await currentSnapshot(store, input.org);
  return testSnapshot(store, snapshot, input.settings ?? {}, input.now);
}

/** The tests over one given snapshot, stored; for the sync pipeline, which knows the snapshot it just promoted. */
export async function testSnapshot(store: Store, snapshot: SnapshotRecord, settings: CheckSettingsInput, now: Date): Promise<TestsRun> {
  const view = await loadSnapshotView(store, snapshot);
  let run: CheckRunResult;
  try {
    run = evaluateChecks(view, settings, { now });
  } catch (error) {
    if (error instanceof CheckSettingsError) throw new InvalidInputError(error.message);
    throw error;
  }
  const saved = await store.checkResults.save(run);
  const previous = await store.checkResults.previous(run.org, saved);
  return { run, saved, snapshot, changes: previous === undefined ? undefined : diffRuns(previous, run) };
}
