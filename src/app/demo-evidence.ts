import { rename, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { exportEvidence, loadOrCreateSigningKey, testRunForSnapshot, verifyEvidence, type EvidenceExport, type TestRunForExport } from '../evidence/index.js';
import { signingKeyDirectory } from '../evidence/key-location.js';
import { PUBLIC_KEY_FILE } from '../evidence/signing-key.js';
import { withStore } from './database-url.js';
import { OperationFailedError } from './errors.js';

/** The demo's own database: its signing key is created in keys/ beside it, apart from a real installation's. */
export const DEMO_DATABASE_PATH = join('data', 'demo', 'okta-evidence.sqlite');

export interface DemoEvidenceInput {
  org: string;
  /** The demo's own SQLite file (or postgres:// URL) the demo synced into. */
  databasePath: string;
  /** Where the export goes, e.g. `./evidence/latest`; an earlier export there is moved aside, never overwritten. */
  outDir: string;
  now: () => Date;
}

export interface DemoEvidence {
  tests: TestRunForExport | undefined;
  exported: EvidenceExport;
  /** The public key auditors verify with: the demo's own, beside the demo's database. */
  publicKeyPath: string;
}

/**
 * The demo's second half: the security tests over the snapshot the sync just made, then a signed evidence export
 * that is verified straight away — the same services `okta-evidence tests` and `evidence export` use. The signing key
 * is the one beside the demo's database (keys/), never an installation's real key.
 */
export function runDemoTestsAndEvidence(input: DemoEvidenceInput): Promise<DemoEvidence> {
  return withStore(input.databasePath, async (store) => {
    const snapshot = await store.snapshots.current(input.org);
    if (snapshot === undefined) throw new OperationFailedError(`the demo sync of ${input.org} left no current snapshot`);
    const tests = await testRunForSnapshot(store, snapshot, { now: input.now(), evaluate: true });
    // No environment: OKTA_EVIDENCE_KEY_DIR or OKTA_EVIDENCE_HOME name the real installation's key, never the demo's.
    const keyDirectory = signingKeyDirectory({ databaseUrl: input.databasePath, env: {} });
    const signingKey = await loadOrCreateSigningKey(keyDirectory);
    await moveAsideEarlierExport(input.outDir, input.now());
    const exported = await exportEvidence({ store, org: input.org, outDir: input.outDir, signingKey, now: input.now, tests });
    const report = await verifyEvidence(exported.directory, { trustedKey: { publicKey: signingKey.publicKey, source: signingKey.path } });
    if (!report.ok) throw new OperationFailedError(`the demo's evidence export did not verify: ${report.problems[0]?.reason ?? 'unknown problem'}`);
    return { tests, exported, publicKeyPath: join(keyDirectory, PUBLIC_KEY_FILE) };
  });
}

/** Keeps every earlier export: `latest` is renamed after its own generation time before the new one is written. */
async function moveAsideEarlierExport(outDir: string, now: Date): Promise<void> {
  const existing = await stat(outDir).catch(() => undefined);
  if (existing === undefined) return;
  const stamp = (existing.mtime.getTime() > 0 ? existing.mtime : now).toISOString().replace(/[:.]/g, '-');
  await rename(outDir, join(dirname(outDir), `export-${stamp}`));
}
