import type { KeyObject } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import {
  PUBLIC_KEY_FILE,
  exportEvidence,
  isEvidenceError,
  loadOrCreateSigningKey,
  readLocalPublicKey,
  readTrustedKey,
  testRunForSnapshot,
  verifyEvidence,
  type VerifyReport,
} from '../evidence/index.js';
import { realClock } from '../okta/deps.js';
import { KEY_DIR_ENV, signingKeyDirectory } from '../evidence/key-location.js';
import { openDatabase } from '../store/database.js';
import { NOT_SYNCED_HINT, currentSnapshot } from './current-snapshot.js';
import { databaseExists, resolveDatabaseUrl } from './database-url.js';
import { CommandFailedError, UsageError, type CliIo } from './io.js';

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
  full?: boolean;
}

const KEY_DIR_HELP = `where the Ed25519 signing key lives (default: ${KEY_DIR_ENV}, else keys/ in the installation folder: beside the SQLite file, or OKTA_EVIDENCE_HOME, or ~/.config/okta-evidence for PostgreSQL)`;

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
      'Check an export against its manifest: signature, signing key, every file’s SHA-256 and size, nothing added. Exit 0 only when intact and signed by a trusted key (--trusted-key, else this installation’s own key); 1 otherwise.',
    )
    .argument('<path>', 'an export directory or its ZIP')
    .option('--trusted-key <FILE>', 'the public key (PEM or JWK) the manifest must be signed by, e.g. the org’s evidence-ed25519.pub.pem')
    .option('--previous <PATH>', 'the export before this one: check that this manifest chains to it')
    .option('--key-dir <DIR>', KEY_DIR_HELP)
    .option('--db <X>', 'the database whose key directory holds this installation’s key (as for export)')
    .option('--json', 'print the verification report as one JSON line on stdout')
    .option('--full', 'check everything and list every problem (default: stop at the first)')
    .action((path: string, flags: VerifyFlags) => runVerify(path, flags, io));
  evidence
    .command('key')
    .description('Print this installation’s evidence signing key: its fingerprint (for auditors to pin) and where its public key is. Creates the key on first use.')
    .option('--db <X>', 'the database whose installation folder holds the key (as for export)')
    .option('--key-dir <DIR>', KEY_DIR_HELP)
    .action((flags: { db?: string; keyDir?: string }) => runKey(flags, io));
}

function keyDirectory(flags: { keyDir?: string }, url: string, io: CliIo): string {
  return signingKeyDirectory({ keyDir: flags.keyDir, databaseUrl: url, env: io.env ?? {} });
}

async function runExport(flags: ExportFlags, io: CliIo): Promise<void> {
  const { url, target } = resolveDatabaseUrl(flags.db, io.env);
  if (!databaseExists(target)) throw new CommandFailedError(`no database at ${url}: ${NOT_SYNCED_HINT}, or pass --db`);
  const keyDir = keyDirectory(flags, url, io);
  const store = await openDatabase(url);
  try {
    const { org, snapshot } = await currentSnapshot(store, flags.org);
    const key = await loadOrCreateSigningKey(keyDir);
    if (key.created) io.err(`Created the evidence signing key ${key.path} (mode 600; keep it private). Give auditors ${PUBLIC_KEY_FILE} from the same directory.`);
    if (key.warning !== undefined) io.err(`warning: ${key.warning}`);
    const now = () => new Date(realClock());
    const tests = flags.tests ? await testRunForSnapshot(store, snapshot, { now: now(), evaluate: true }) : undefined;
    const zip = flags.zip === true ? `${resolve(flags.out)}.zip` : undefined;
    const result = await exportEvidence({ store, org, outDir: flags.out, zip, signingKey: key, now, tests });
    const { manifest } = result;
    if (manifest.warning !== undefined) io.err(`WARNING: ${manifest.warning}`);
    io.out(`Evidence for ${org} (sync ${manifest.syncId ?? 'unknown'}) written to ${result.directory}: ${manifest.files.length} files and manifest.json`);
    io.out(`  manifest sha256 ${result.manifestSha256}, chain #${manifest.chain.sequence}`);
    io.out(`  signing key fingerprint ${key.fingerprint} (publish it so auditors can pin it; npx okta-evidence evidence key prints it again)`);
    if (tests !== undefined) {
      const how = tests.source === 'stored' ? 'the stored run of okta-evidence tests' : 'run now with the default settings';
      io.out(`  security tests: ${tests.summary.results.length} checks over this snapshot (${how}, ${tests.summary.evaluatedAt.toISOString()})`);
    }
    if (result.zip !== undefined) io.out(`  zip: ${result.zip}`);
    io.out(`Verify with: npx okta-evidence evidence verify ${result.directory} --trusted-key ${join(keyDir, PUBLIC_KEY_FILE)}`);
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
    report = await verifyEvidence(path, { trustedKey, localKey, previous: flags.previous, full: flags.full === true });
  } catch (error) {
    if (isEvidenceError(error, 'EVIDENCE_NOT_FOUND') || isEvidenceError(error, 'EVIDENCE_KEY_INVALID')) throw new UsageError(error.message);
    if (isEvidenceError(error)) throw new CommandFailedError(error.message);
    throw error;
  }
  if (flags.json === true) io.out(JSON.stringify(reportJson(report)));
  for (const warning of report.warnings) io.err(`warning: ${warning}`);
  for (const problem of report.problems) io.err(`FAIL ${problem.file}: ${problem.reason}`);
  const trust = report.trust;
  if (report.problems.length > 0) {
    const more = report.stoppedEarly ? ' (stopped at the first; --full lists them all)' : ' (listed above)';
    throw new CommandFailedError(`${report.location} failed verification: ${report.problems.length} problem${report.problems.length === 1 ? '' : 's'}${more}`);
  }
  if (trust?.kind === 'untrusted') {
    throw new CommandFailedError(`${report.location}: files intact but signer not trusted: signed by key ${trust.fingerprint}, and ${trust.reason}`);
  }
  if (flags.json === true) return;
  const manifest = report.manifest;
  if (manifest === undefined || trust === undefined) return;
  const signedBy = `${trust.fingerprint} (${trust.kind === 'trusted-key' ? 'trusted key' : 'this installation’s key'} ${trust.source})`;
  io.out(`OK ${report.location}: ${manifest.files.length} files match manifest.json for ${manifest.org} (sync ${manifest.syncId ?? 'unknown'}, generated ${manifest.generatedAt})`);
  io.out(`  signature valid, signed by ${signedBy}`);
  io.out(`  chain #${manifest.chain.sequence}, previous manifest ${manifest.chain.previousManifestSha256 ?? 'none (first export)'}${flags.previous === undefined ? '' : ' (checked)'}`);
}

/** This installation's key, when there is one; a damaged key file is reported and verification goes on without it. */
async function localPublicKey(flags: VerifyFlags, io: CliIo): Promise<{ publicKey: KeyObject; source: string } | undefined> {
  const { url } = resolveDatabaseUrl(flags.db, io.env);
  try {
    const local = await readLocalPublicKey(keyDirectory(flags, url, io));
    return local === undefined ? undefined : { publicKey: local.publicKey, source: local.path };
  } catch (error) {
    if (!isEvidenceError(error, 'EVIDENCE_KEY_INVALID')) throw error;
    io.err(`warning: ${error.message}`);
    return undefined;
  }
}

async function runKey(flags: { db?: string; keyDir?: string }, io: CliIo): Promise<void> {
  const { url } = resolveDatabaseUrl(flags.db, io.env);
  try {
    const key = await loadOrCreateSigningKey(keyDirectory(flags, url, io));
    if (key.created) io.err(`Created the evidence signing key ${key.path} (mode 600; keep it private).`);
    if (key.warning !== undefined) io.err(`warning: ${key.warning}`);
    io.out(key.fingerprint);
    io.out(`  public key: ${join(dirname(key.path), PUBLIC_KEY_FILE)} (give it to auditors: evidence verify DIR --trusted-key FILE)`);
  } catch (error) {
    if (isEvidenceError(error, 'EVIDENCE_KEY_INVALID')) throw new UsageError(error.message);
    throw error;
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
    stoppedEarly: report.stoppedEarly,
  };
}
