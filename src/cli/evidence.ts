import type { Command } from 'commander';
import { ENV } from '../config/env.js';
import { PUBLIC_KEY_FILE, type VerifyReport } from '../evidence/index.js';
import { realClock } from '../okta/deps.js';
import { resolveDatabaseUrl } from '../app/database-url.js';
import { exportCurrentEvidence, resolveKeyDirectory, verifyEvidenceExport } from '../app/evidence.js';
import { CommandFailedError, type CliIo } from './io.js';

export const KEY_DIR_ENV = ENV.keyDir;

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

async function runExport(flags: ExportFlags, io: CliIo): Promise<void> {
  const { url, target } = resolveDatabaseUrl(flags.db, io.env);
  const keyDir = resolveKeyDirectory(flags.keyDir, io.env ?? {}, target);
  const now = () => new Date(realClock());
  const { org, exported, key, tests, zipPath } = await exportCurrentEvidence({ database: url, org: flags.org, outDir: flags.out, keyDir, tests: flags.tests, zip: flags.zip, now });
  if (key.created) io.err(`Created the evidence signing key ${key.path} (mode 600; keep it private). Give auditors ${PUBLIC_KEY_FILE} from the same directory.`);
  if (key.warning !== undefined) io.err(`warning: ${key.warning}`);
  const { manifest } = exported;
  if (manifest.warning !== undefined) io.err(`WARNING: ${manifest.warning}`);
  io.out(`Evidence for ${org} (sync ${manifest.syncId ?? 'unknown'}) written to ${exported.directory}: ${manifest.files.length} files and manifest.json`);
  io.out(`  manifest sha256 ${exported.manifestSha256}, chain #${manifest.chain.sequence}, signed by ${key.fingerprint}`);
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
  io.out(`Verify with: okta-evidence evidence verify ${exported.directory} --trusted-key ${keyDir}/${PUBLIC_KEY_FILE}`);
}

async function runVerify(path: string, flags: VerifyFlags, io: CliIo): Promise<void> {
  const { report, warnings } = await verifyEvidenceExport({
    path,
    trustedKeyFile: flags.trustedKey,
    previous: flags.previous,
    keyDir: flags.keyDir,
    databaseUrl: flags.db,
    env: io.env,
  });
  for (const warning of warnings) io.err(`warning: ${warning}`);
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
