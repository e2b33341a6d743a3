import { rename, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { exportEvidence, loadOrCreateSigningKey, testRunForSnapshot, verifyEvidence, type EvidenceExport, type TestRunForExport } from '../evidence/index.js';
import { signingKeyDirectory } from '../evidence/key-location.js';
import { PUBLIC_KEY_FILE } from '../evidence/signing-key.js';
import { openDatabase } from '../store/database.js';
import type { CheckRunSummary } from '../store/types.js';
import { CommandFailedError, type CliIo } from './io.js';

export interface DemoEvidenceInput {
  org: string;
  /** The SQLite file (or postgres:// URL) the demo synced into. */
  databasePath: string;
  /** Where the export goes, e.g. `./evidence/latest`; an earlier export there is moved aside, never overwritten. */
  outDir: string;
  now: () => Date;
}

/**
 * The demo's second half: the security tests over the snapshot the sync just made, then a signed evidence export
 * that is verified straight away — the same services `okta-evidence tests` and `evidence export` use.
 */
export async function runDemoTestsAndEvidence(io: CliIo, input: DemoEvidenceInput): Promise<void> {
  const store = await openDatabase(input.databasePath);
  try {
    const snapshot = await store.snapshots.current(input.org);
    if (snapshot === undefined) throw new CommandFailedError(`the demo sync of ${input.org} left no current snapshot`);
    const tests = await testRunForSnapshot(store, snapshot, { now: input.now(), evaluate: true });
    if (tests !== undefined) for (const line of testSummaryLines(tests.summary)) io.out(line);

    const keyDirectory = signingKeyDirectory({ databaseUrl: input.databasePath, env: io.env ?? {} });
    const signingKey = await loadOrCreateSigningKey(keyDirectory);
    await moveAsideEarlierExport(input.outDir, input.now());
    const exported = await exportEvidence({ store, org: input.org, outDir: input.outDir, signingKey, now: input.now, tests });
    const report = await verifyEvidence(exported.directory, { trustedKey: { publicKey: signingKey.publicKey, source: signingKey.path } });
    if (!report.ok) throw new CommandFailedError(`the demo's evidence export did not verify: ${report.problems[0]?.reason ?? 'unknown problem'}`);
    for (const line of evidenceLines(exported, tests, join(keyDirectory, PUBLIC_KEY_FILE))) io.out(line);
  } finally {
    await store.close();
  }
}

export function testSummaryLines(run: CheckRunSummary): string[] {
  const lines = ['', 'Security tests:'];
  for (const result of run.results) {
    const { pass, fail, error, not_applicable: notApplicable } = result.counts;
    lines.push(`  ${result.status.toUpperCase().padEnd(14)} ${result.title} (${result.severity}): ${pass} pass · ${fail} fail · ${error} error · ${notApplicable} n/a`);
  }
  lines.push('  Failing entities and reasons: npx okta-evidence tests');
  return lines;
}

function evidenceLines(exported: EvidenceExport, tests: TestRunForExport | undefined, publicKeyPath: string): string[] {
  const { manifest } = exported;
  return [
    '',
    `Evidence: ${manifest.files.length} files and a signed manifest in ${exported.directory} (chain #${manifest.chain.sequence}, verified)${tests === undefined ? '' : ', security test results included'}.`,
    `  Auditors verify it with: npx okta-evidence evidence verify ${exported.directory} --trusted-key ${publicKeyPath}`,
  ];
}

/** Keeps every earlier export: `latest` is renamed after its own generation time before the new one is written. */
async function moveAsideEarlierExport(outDir: string, now: Date): Promise<void> {
  const existing = await stat(outDir).catch(() => undefined);
  if (existing === undefined) return;
  const stamp = (existing.mtime.getTime() > 0 ? existing.mtime : now).toISOString().replace(/[:.]/g, '-');
  await rename(outDir, join(dirname(outDir), `export-${stamp}`));
}
