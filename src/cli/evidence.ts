import type { KeyObject } from 'node:crypto';
import type { Command } from 'commander';
import {
  PUBLIC_KEY_FILE,
  defaultKeyDirectory,
  exportEvidence,
  isEvidenceError,
  loadOrCreateSigningKey,
  packEvidence,
  readLocalPublicKey,
  readTrustedKey,
  testRunForSnapshot,
  verifyEvidence,
  type VerifyReport,
} from '../evidence/index.js';
import { realClock } from '../okta/deps.js';
import { openDatabase, type DatabaseTarget } from '../store/database.js';
import { NOT_SYNCED_HINT, currentSnapshot } from './current-snapshot.js';
import { databaseExists, resolveDatabaseUrl } from './database-url.js';
import { CommandFailedError, UsageError, type CliIo } from './io.js';

export const KEY_DIR_ENV = 'OKTA_EVIDENCE_KEY_DIR';

interface ExportFlags {
  db?: string;
  org?: string;
  out: string;
  zip?: boolean;
  keyDir?: string;
  tests: boolean;
}

interface VerifyFlags {
  db?: string;
  keyDir?: string;
  trustedKey?: string;
  previous?: string;
  json?: boolean;
}

const KEY_DIR_HELP = `where the Ed25519 signing key lives (default: ${KEY_DIR_ENV}, else keys/ beside the SQLite file, ./data/keys for PostgreSQL)`;

export function registerEvidenceCommand(program: Command, io: CliIo): void {
  const evidence = program.command('evidence').description('Export signed, chained evidence of the current snapshot; verify an export.');
  evidence
    .command('export')
    .description('Write the six evidence artifacts, the security test results and a signed, chained manifest.json for the latest successful sync.')
    .option('--db <X>', 'SQLite file or postgres:// URL (default: DATABASE_URL, else ./data/okta-evidence.sqlite)')
    .option('--org <D>', 'the Okta org to export, when the database holds several')
    .requiredOption('--out <DIR>', 'directory to create for the export (must not exist, or be empty)')
    .option('--zip', 'also pack the export into <DIR>.zip')
    .option('--no-tests', 'leave the security test results out (by default: the stored run over this snapshot, else run with default settings)')
    .option('--key-dir <DIR>', KEY_DIR_HELP)
    .action((flags: ExportFlags) => runExport(flags, io));
  evidence
    .command('verify')
    .description(
      'Check an export against its manifest: signature, signing key, every file’s SHA-256 and size, nothing added. Exit 0 intact, 1 otherwise. The key must be --trusted-key, else this installation’s own key when present.',
    )
    .argument('<path>', 'an export directory or its ZIP')
    .option('--trusted-key <FILE>', 'the public key (PEM or JWK) the manifest must be signed by, e.g. the org’s evidence-ed25519.pub.pem')
    .option('--previous <PATH>', 'the export before this one: check that this manifest chains to it')
    .option('--key-dir <DIR>', KEY_DIR_HELP)
    .option('--db <X>', 'the database whose key directory holds this installation’s key (as for export)')
    .option('--json', 'print the verification report as one JSON line on stdout')
    .action((path: string, flags: VerifyFlags) => runVerify(path, flags, io));
}

function keyDirectory(flags: { keyDir?: string }, target: DatabaseTarget, io: CliIo): string {
  return flags.keyDir ?? nonEmpty(io.env?.[KEY_DIR_ENV]) ?? defaultKeyDirectory(target);
}

async function runExport(flags: ExportFlags, io: CliIo): Promise<void> {
  const { url, target } = resolveDatabaseUrl(flags.db, io.env);
  if (!databaseExists(target)) throw new CommandFailedError(`no database at ${url}: ${NOT_SYNCED_HINT}, or pass --db`);
  const keyDir = keyDirectory(flags, target, io);
  const store = await openDatabase(url);
  try {
    const { org, snapshot } = await currentSnapshot(store, flags.org);
    const key = await loadOrCreateSigningKey(keyDir);
    if (key.created) io.err(`Created the evidence signing key ${key.path} (mode 600; keep it private). Give auditors ${PUBLIC_KEY_FILE} from the same directory.`);
    if (key.warning !== undefined) io.err(`warning: ${key.warning}`);
    const now = () => new Date(realClock());
    const tests = flags.tests ? await testRunForSnapshot(store, snapshot, { now: now(), evaluate: true }) : undefined;
    const result = await exportEvidence({ store, org, outDir: flags.out, signingKey: key, now, tests });
    const { manifest } = result;
    if (manifest.warning !== undefined) io.err(`WARNING: ${manifest.warning}`);
    io.out(`Evidence for ${org} (sync ${manifest.syncId ?? 'unknown'}) written to ${result.directory}: ${manifest.files.length} files and manifest.json`);
    io.out(`  manifest sha256 ${result.manifestSha256}, chain #${manifest.chain.sequence}, signed by ${key.fingerprint}`);
    if (tests !== undefined) {
      const how =
        tests.source === 'stored'
          ? 'the stored run of okta-evidence tests'
          : tests.replacedRun === undefined
            ? 'run now with the default settings'
            : `run again now with the stored run's settings: ${tests.replacedRun.reason}`;
      io.out(`  security tests: ${tests.summary.results.length} checks over this snapshot (${how}, ${tests.summary.evaluatedAt.toISOString()})`);
    }
    if (flags.zip === true) {
      const zipPath = `${result.directory}.zip`;
      await packEvidence(result.directory, zipPath, manifest);
      io.out(`  zip: ${zipPath}`);
    }
    io.out(`Verify with: okta-evidence evidence verify ${result.directory} --trusted-key ${keyDir}/${PUBLIC_KEY_FILE}`);
  } catch (error) {
    if (isEvidenceError(error, 'EVIDENCE_OUT_EXISTS') || isEvidenceError(error, 'EVIDENCE_KEY_INVALID')) throw new UsageError(error.message);
    if (isEvidenceError(error)) throw new CommandFailedError(error.message);
    throw error;
  } finally {
    await store.close();
  }
}

async function runVerify(path: string, flags: VerifyFlags, io: CliIo): Promise<void> {
  let report: VerifyReport;
  try {
    const trustedKey = flags.trustedKey === undefined ? undefined : { publicKey: await readTrustedKey(flags.trustedKey), source: flags.trustedKey };
    const localKey = trustedKey === undefined ? await localPublicKey(flags, io) : undefined;
    report = await verifyEvidence(path, { trustedKey, localKey, previous: flags.previous });
  } catch (error) {
    if (isEvidenceError(error, 'EVIDENCE_NOT_FOUND') || isEvidenceError(error, 'EVIDENCE_KEY_INVALID')) throw new UsageError(error.message);
    if (isEvidenceError(error)) throw new CommandFailedError(error.message);
    throw error;
  }
  if (flags.json === true) io.out(JSON.stringify(reportJson(report)));
  for (const warning of report.warnings) io.err(`warning: ${warning}`);
  for (const problem of report.problems) io.err(`FAIL ${problem.file}: ${problem.reason}`);
  if (!report.ok) {
    throw new CommandFailedError(`${report.location} failed verification: ${report.problems.length} problem${report.problems.length === 1 ? '' : 's'} (listed above)`);
  }
  if (flags.json === true) return;
  const manifest = report.manifest;
  const trust = report.trust;
  if (manifest === undefined || trust === undefined) return;
  const signedBy = trust.kind === 'manifest-key' ? `${trust.fingerprint} (the manifest’s own key; not checked against a trusted key)` : `${trust.fingerprint} (${trust.kind === 'trusted-key' ? 'trusted key' : 'this installation’s key'} ${trust.source})`;
  io.out(`OK ${report.location}: ${manifest.files.length} files match manifest.json for ${manifest.org} (sync ${manifest.syncId ?? 'unknown'}, generated ${manifest.generatedAt})`);
  io.out(`  signature valid, signed by ${signedBy}`);
  io.out(`  chain #${manifest.chain.sequence}, previous manifest ${manifest.chain.previousManifestSha256 ?? 'none (first export)'}${flags.previous === undefined ? '' : ' (checked)'}`);
}

/** This installation's key, when there is one; a damaged key file is reported and verification goes on without it. */
async function localPublicKey(flags: VerifyFlags, io: CliIo): Promise<{ publicKey: KeyObject; source: string } | undefined> {
  const { target } = resolveDatabaseUrl(flags.db, io.env);
  try {
    const local = await readLocalPublicKey(keyDirectory(flags, target, io));
    return local === undefined ? undefined : { publicKey: local.publicKey, source: local.path };
  } catch (error) {
    if (!isEvidenceError(error, 'EVIDENCE_KEY_INVALID')) throw error;
    io.err(`warning: ${error.message}`);
    return undefined;
  }
}

function reportJson(report: VerifyReport): Record<string, unknown> {
  return {
    ok: report.ok,
    location: report.location,
    kind: report.kind,
    problems: report.problems,
    warnings: report.warnings,
    trust: report.trust ?? null,
    manifestSha256: report.manifestSha256 ?? null,
    org: report.manifest?.org ?? null,
    syncId: report.manifest?.syncId ?? null,
    generatedAt: report.manifest?.generatedAt ?? null,
    complete: report.manifest?.complete ?? null,
    chain: report.manifest?.chain ?? null,
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
