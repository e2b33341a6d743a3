import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { EVIDENCE_RETENTION, checkInteger } from '../config/settings.js';
import type { CheckSettingsInput } from '../checks/settings.js';
import { exportEvidence, loadOrCreateSigningKey, runForExport, type EvidenceExport } from '../evidence/index.js';
import type { Store } from '../store/store.js';
import type { CheckRunSummary } from '../store/types.js';
import { isPromoted } from '../collect/sync-outcome.js';
import type { SyncOutcome } from '../collect/sync-run.js';
import { withStore } from './database-url.js';
import { runSyncSession, type SyncSessionInput } from './sync-session.js';
import { testSnapshot } from './tests.js';

export interface EvidenceTarget {
  /** The folder this connection's exports are kept in, one sub-folder per successful sync (created when missing). */
  folder: string;
  /** The signing key's directory (see `resolveKeyDirectory`). */
  keyDir: string;
  /** Exports kept in `folder`, the newest first; older ones are deleted after a new one is written. */
  keep?: number | undefined;
}

export interface SyncPipelineInput extends SyncSessionInput {
  evidence: EvidenceTarget;
  /** Settings of the security tests (password profile, inactivity…); default: the engine's. */
  checkSettings?: CheckSettingsInput | undefined;
  /** When the tests ran and the export was generated; default: now. */
  now?: (() => Date) | undefined;
}

/** One pass of the product's loop, as a value: what the scheduler records and the server reports. */
export interface SyncPipelineOutcome {
  sync: SyncOutcome;
  /** The database the sync wrote to (redacted location). */
  location: string;
  /** The security tests over the snapshot the sync promoted; absent when the sync did not succeed. */
  tests?: CheckRunSummary;
  /** The export written; absent when the sync did not succeed (the last good export stays the newest). */
  evidence?: { directory: string; manifestSha256: string; sequence: number; files: number };
  /** Older exports deleted by the retention count. */
  prunedExports: string[];
  /** Why tests and evidence were not produced (the sync did not succeed). */
  skipped?: string;
}

/**
 * Sync, then — only when the sync succeeded — run the security tests over the snapshot it promoted and write the
 * signed evidence export into `evidence.folder/<time>-<syncId>`, keeping the newest `evidence.keep` exports there. A
 * failed or timed-out sync returns its outcome with nothing else: the newest export in the folder stays the last good
 * one. An export is written to a staging folder and renamed into place, so a crash never leaves a half export. A
 * failure of the tests or of the export after a good sync rejects (the sync itself stays recorded as succeeded).
 */
export async function runSyncPipeline(input: SyncPipelineInput): Promise<SyncPipelineOutcome> {
  const keep = checkInteger(EVIDENCE_RETENTION, input.evidence.keep ?? EVIDENCE_RETENTION.default, 'evidence retention');
  const now = input.now ?? (() => new Date());
  return withStore(input.database, async (store) => {
    const { outcome, location } = await runSyncSession({ ...input, database: store });
    if (!isPromoted(outcome.status) || outcome.snapshotId === null) {
      return { sync: outcome, location, prunedExports: [], skipped: `the sync ${outcome.status.replace('_', ' ')}: tests and evidence wait for a successful sync` };
    }
    const { tests, exported } = await testAndExport(store, outcome, input, now);
    const prunedExports = await pruneExports(input.evidence.folder, keep);
    return {
      sync: outcome,
      location,
      tests,
      evidence: { directory: exported.directory, manifestSha256: exported.manifestSha256, sequence: exported.manifest.chain.sequence, files: exported.manifest.files.length },
      prunedExports,
    };
  });
}

async function testAndExport(store: Store, outcome: SyncOutcome, input: SyncPipelineInput, now: () => Date): Promise<{ tests: CheckRunSummary; exported: EvidenceExport }> {
  const snapshot = await store.snapshots.current(outcome.org);
  if (snapshot?.id !== outcome.snapshotId) {
    throw new Error(`the snapshot ${outcome.snapshotId ?? '-'} of ${outcome.org} is no longer current; another sync promoted one meanwhile`);
  }
  const { saved } = await testSnapshot(store, snapshot, input.checkSettings ?? {}, now());
  // The run just stored is the one the export includes.
  const tests = runForExport(saved, 'stored');
  await mkdir(input.evidence.folder, { recursive: true });
  const signingKey = await loadOrCreateSigningKey(input.evidence.keyDir);
  const outDir = join(input.evidence.folder, exportFolderName(now(), outcome.syncId));
  const exported = await exportEvidence({ store, org: outcome.org, outDir, signingKey, now, tests });
  return { tests: tests.summary, exported };
}

/** Sorts by time as text: `2026-12-02T07-30-00-000Z-<syncId>`. */
export function exportFolderName(at: Date, syncId: string): string {
  return `${at.toISOString().replace(/[:.]/g, '-')}-${syncId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

const EXPORT_FOLDER = /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z-/;

/** Deletes all but the newest `keep` exports (folders named by `exportFolderName`); anything else in the folder is left alone. */
export async function pruneExports(folder: string, keep: number): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const exports = entries.filter((entry) => entry.isDirectory() && EXPORT_FOLDER.test(entry.name)).map((entry) => entry.name);
  exports.sort().reverse();
  const old = exports.slice(keep).map((name) => join(folder, name));
  for (const path of old) await rm(path, { recursive: true, force: true });
  return old;
}
