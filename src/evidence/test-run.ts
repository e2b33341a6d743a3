import { evaluateChecks } from '../checks/engine.js';
import { loadSnapshotView } from '../checks/snapshot-view.js';
import type { Store } from '../store/store.js';
import type { CheckRunSummary, SnapshotRecord, StoredCheckRun } from '../store/types.js';

export interface TestRunForExport {
  /** The run without its entity rows: the export streams those from the store. */
  summary: CheckRunSummary;
  /** `stored`: `okta-evidence tests` ran over this snapshot (with its settings); otherwise the export ran them. */
  source: 'stored' | 'evaluated-at-export';
}

/**
 * The security-test run to include with an export of `snapshot`: the latest stored run when it is over this very
 * snapshot (so the settings a user chose with `okta-evidence tests` are kept); else, with `evaluate`, a run with the
 * default settings, evaluated now and stored like any other so the export and the test history agree. The run is
 * dropped once stored: the export streams its rows back page by page, so their size does not add to the export's.
 */
export async function testRunForSnapshot(store: Store, snapshot: SnapshotRecord, options: { now: Date; evaluate: boolean }): Promise<TestRunForExport | undefined> {
  const latest = await store.checkResults.latestSummary(snapshot.org);
  if (latest?.snapshotId === snapshot.id) return { summary: latest, source: 'stored' };
  if (!options.evaluate) return undefined;
  return runForExport(await store.checkResults.save(evaluateChecks(await loadSnapshotView(store, snapshot), {}, { now: options.now })), 'evaluated-at-export');
}

/** A stored run as an export includes it: without its entity rows, which the export streams back page by page. */
export function runForExport(saved: StoredCheckRun, source: TestRunForExport['source']): TestRunForExport {
  const { results, ...run } = saved;
  return { summary: { ...run, results: results.map(({ entities: _entities, ...summary }) => summary) }, source };
}
