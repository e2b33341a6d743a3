import { evaluateChecks } from '../checks/engine.js';
import { loadSnapshotView } from '../checks/snapshot-view.js';
import type { Store } from '../store/store.js';
import type { CheckRunSummary, SnapshotRecord, StoredCheckRun } from '../store/types.js';

export interface TestRunForExport {
  /** The run without its entity rows: the export streams those from the store. */
  summary: CheckRunSummary;
  /** `stored`: `okta-evidence tests` ran over this snapshot (with its settings); otherwise the export ran them. */
  source: 'stored' | 'evaluated-at-export';
  /** Set when a stored run over this snapshot was too old to ship: its id and why it was run again. */
  replacedRun?: { id: string; reason: string };
}

/**
 * The security-test run to include with an export of `snapshot`. The latest stored run is reused when it is over this
 * very snapshot and no access review was recorded after it (so the settings a user chose with `okta-evidence tests`
 * are kept). A run older than the data it describes is never shipped: after `review attest` the stored run still says
 * no review was recorded, so it is evaluated again with its own settings. Without a stored run, with `evaluate`, a run
 * with the default settings is evaluated now. Either way the new run is stored like any other so the export and the
 * test history agree, and dropped once stored: the export streams its rows back page by page.
 */
export async function testRunForSnapshot(store: Store, snapshot: SnapshotRecord, options: { now: Date; evaluate: boolean }): Promise<TestRunForExport | undefined> {
  const latest = await store.checkResults.latestSummary(snapshot.org);
  const stale = latest?.snapshotId === snapshot.id ? await staleness(store, latest) : undefined;
  if (latest?.snapshotId === snapshot.id && stale === undefined) return { summary: latest, source: 'stored' };
  if (!options.evaluate) return undefined;
  const settings = stale === undefined ? {} : latest?.settings;
  const saved = await store.checkResults.save(evaluateChecks(await loadSnapshotView(store, snapshot), settings ?? {}, { now: options.now }));
  const forExport = runForExport(saved, 'evaluated-at-export');
  return stale === undefined || latest === undefined ? forExport : { ...forExport, replacedRun: { id: latest.id, reason: stale } };
}

/** A stored run as an export includes it: without its entity rows, which the export streams back page by page. */
export function runForExport(saved: StoredCheckRun, source: TestRunForExport['source']): TestRunForExport {
  const { results, ...run } = saved;
  return { summary: { ...run, results: results.map(({ entities: _entities, ...summary }) => summary) }, source };
}

/** Why a stored run no longer describes what the store holds, or undefined when it still does. */
async function staleness(store: Store, run: CheckRunSummary): Promise<string | undefined> {
  const reviews = await store.accessReviews.latestPerApp(run.org);
  const newer = reviews.filter((review) => review.attestedAt.getTime() >= run.evaluatedAt.getTime());
  if (newer.length === 0) return undefined;
  return `${newer.length} access review${newer.length === 1 ? ' was' : 's were'} recorded after it (${run.evaluatedAt.toISOString()})`;
}
