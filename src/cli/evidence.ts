import type { Command } from 'commander';
import { ENV } from '../config/env.js';
import { dirname, join } from 'node:path';
import { PUBLIC_KEY_FILE, type VerifyReport } from '../evidence/index.js';
import { realClock } from '../config/runtime.js';
import { resolveDatabaseUrl } from '../app/database-url.js';
import { exportCurrentEvidence, installationSigningKey, resolveKeyDirectory, verifyEvidenceExport } from '../app/evidence.js';
import { CommandFailedError, type CliIo } from './io.js';

export const KEY_DIR_ENV = ENV.keyDir;

interface ExportFlags {
  db?: string;
  org?: string;
  out: string;
  zip?: boolean;
  keyDir?: string;
  from?: string;
  to?: string;
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
    .description('Write the evidence artifacts, the security test results and a signed, chained manifest.json for the latest successful sync, optionally for an audit period (--from/--to).')
    .option('--db <X>', 'SQLite file or postgres:// URL (default: DATABASE_URL, else ./data/okta-evidence.sqlite)')
    .option('--org <D>', 'the Okta org to export, when the database holds several')
    .requiredOption('--out <DIR>', 'directory to create for the export (must not exist, or be empty)')
    .option('--zip', 'also pack the export into <DIR>.zip')
    .option('--from <DATE>', 'start of the audit period: a UTC date (2026-07-01) or an ISO 8601 instant with its zone (default: the oldest System Log data kept)')
    .option('--to <DATE>', 'end of the audit period: a UTC date, taken whole, or an ISO 8601 instant (default: the end of the last sync’s System Log window)')
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

async function runExport(flags: ExportFlags, io: CliIo): Promise<void> {
  const { url } = resolveDatabaseUrl(flags.db, io.env);
  const keyDir = resolveKeyDirectory(flags.keyDir, io.env ?? {}, url);
  const now = () => new Date(realClock());
  const { org, exported, key, tests, zipPath } = await exportCurrentEvidence({
    database: url,
    org: flags.org,
    outDir: flags.out,
    keyDir,
    tests: flags.tests,
    zip: flags.zip,
    from: flags.from,
    to: flags.to,
    now,
  });
  if (key.created) io.err(`Created the evidence signing key ${key.path} (mode 600; keep it private). Give auditors ${PUBLIC_KEY_FILE} from the same directory.`);
  if (key.warning !== undefined) io.err(`warning: ${key.warning}`);
  const { manifest } = exported;
  if (manifest.warning !== undefined) io.err(`WARNING: ${manifest.warning}`);
  io.out(`Evidence for ${org} (sync ${manifest.syncId ?? 'unknown'}) written to ${exported.directory}: ${manifest.files.length} files and manifest.json`);
  io.out(`  manifest sha256 ${exported.manifestSha256}, chain #${manifest.chain.sequence}`);
  const period = manifest.collectionWindow.auditPeriod;
  if (period !== null) io.out(`  audit period ${period.since} to ${period.until} (System Log events and access reviews of the period)`);
  io.out(`  signing key fingerprint ${key.fingerprint} (publish it so auditors can pin it; npx okta-evidence evidence key prints it again)`);
  if (tests !== undefined) {
    const how =
      tests.source === 'stored'
        ? 'the stored run of okta-evidence tests'
        : tests.replacedRun === undefined
          ? 'run now with the default settings'
          : `run again now with the stored run's settings: ${tests.replacedRun.reason}`;
    io.out(`  security tests: ${tests.summary.results.length} checks over this snapshot (${how}, ${tests.summary.evaluatedAt.toISOString()})`);
  }
  if (zipPath !== undefined) io.out(`  zip: ${zipPath}`);
  io.out(`Verify with: npx okta-evidence evidence verify ${exported.directory} --trusted-key ${join(keyDir, PUBLIC_KEY_FILE)}`);
}

async function runVerify(path: string, flags: VerifyFlags, io: CliIo): Promise<void> {
  const { report, warnings } = await verifyEvidenceExport({
    path,
    trustedKeyFile: flags.trustedKey,
    previous: flags.previous,
    keyDir: flags.keyDir,
    databaseUrl: flags.db,
    env: io.env,
    full: flags.full === true,
  });
  for (const warning of warnings) io.err(`warning: ${warning}`);
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

async function runKey(flags: { db?: string; keyDir?: string }, io: CliIo): Promise<void> {
  const { url } = resolveDatabaseUrl(flags.db, io.env);
  const key = await installationSigningKey(resolveKeyDirectory(flags.keyDir, io.env ?? {}, url));
  if (key.created) io.err(`Created the evidence signing key ${key.path} (mode 600; keep it private).`);
  if (key.warning !== undefined) io.err(`warning: ${key.warning}`);
  io.out(key.fingerprint);
  io.out(`  public key: ${join(dirname(key.path), PUBLIC_KEY_FILE)} (give it to auditors: evidence verify DIR --trusted-key FILE)`);
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
