import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import {
  createGithubConnection,
  findGithubConnection,
  GithubConnectionTestFailedError,
  readGithubCredentialFlags,
  removeGithubConnection,
  runGithubSync,
  testStoredGithubConnection,
  type GithubConnectionRecord,
  type GithubCredentialFlags,
  type GithubTestReport,
  OperationFailedError,
  resolveDatabaseUrl,
} from '../app/index.js';
import { evidenceRoot } from '../app/evidence-exports.js';
import { resolveKeyDirectory } from '../app/evidence.js';
import { realClock } from '../config/runtime.js';
import { withConnectionDeps } from './connection-deps.js';
import { UsageError, type CliIo } from './io.js';

/*
 * `okta-evidence connect github …` and the GitHub side of `connections`: the CLI face of src/app/github/.
 */

interface ConnectGithubFlags extends GithubCredentialFlags {
  name: string;
  org: string;
  baseUrl?: string;
  enterprise?: string;
  oktaConnection: string;
  oktaApp: string;
  syncInterval?: string;
  budget?: string;
  autoSync: boolean;
  skipTest?: boolean;
  db?: string;
  json?: boolean;
}

export function registerConnectGithubCommand(connect: Command, io: CliIo): void {
  connect
    .command('github')
    .description('Test a connection to a GitHub organization and store it (credential encrypted), mapped to the Okta app its members sign in through.')
    .requiredOption('--name <N>', 'a name for the connection, e.g. github-acme')
    .requiredOption('--org <O>', 'the organization login, e.g. acme')
    .option('--app-id <ID>', 'GitHub App id or client id (with --private-key-file)')
    .option('--private-key-file <F>', 'the GitHub App’s private key (.pem)')
    .option('--installation-id <ID>', 'the App’s installation on the organization (default: looked up)')
    .option('--token-file <F>', 'a file holding a fine-grained (or an owner’s classic) token, instead of an App')
    .option('--base-url <U>', 'GitHub Enterprise Server address, e.g. https://github.example.com (default GitHub.com)')
    .option('--enterprise <SLUG>', 'the enterprise the organization belongs to (its SAML settings can show ENFORCED)')
    .requiredOption('--okta-connection <C>', 'the Okta connection (name) whose users sign in to GitHub')
    .requiredOption('--okta-app <A>', 'the Okta app id of GitHub in that org')
    .option('--sync-interval <T>', 'how often Auto Sync runs: 15m to 24h (default 6h)')
    .option('--budget <T>', 'the longest one read may take (default 10m)')
    .option('--no-auto-sync', 'store the connection without scheduled syncs')
    .option('--skip-test', 'store it without Test connection')
    .option('--db <X>', 'SQLite file or postgres:// URL (default: DATABASE_URL, else ./data/okta-evidence.sqlite)')
    .option('--json', 'print the stored connection and the test report as one JSON line')
    .action((flags: ConnectGithubFlags) => runConnectGithub(flags, io));
}

async function runConnectGithub(flags: ConnectGithubFlags, io: CliIo): Promise<void> {
  const read = await readGithubCredentialFlags(flags, (path) => readFile(path, 'utf8'));
  if (read === undefined) throw new UsageError('no GitHub credential: use --app-id ID --private-key-file F [--installation-id I] for a GitHub App, or --token-file F for a token');
  for (const warning of read.warnings) io.err(`warning: ${warning}`);
  await withConnectionDeps(flags.db, io, async (deps) => {
    try {
      const saved = await createGithubConnection(deps, {
        name: flags.name,
        org: flags.org,
        baseUrl: flags.baseUrl,
        enterprise: flags.enterprise,
        credential: read.credential,
        oktaConnection: flags.oktaConnection,
        oktaApp: flags.oktaApp,
        settings: { autoSync: flags.autoSync, syncInterval: flags.syncInterval, budget: flags.budget },
        skipTest: flags.skipTest === true,
      });
      for (const warning of saved.warnings) io.err(`warning: ${warning}`);
      if (flags.json === true) {
        io.out(JSON.stringify({ connection: saved.connection, service: saved.service, report: saved.report }));
        return;
      }
      if (saved.report !== null) for (const line of githubReportLines(saved.report)) io.out(line);
      io.out(`Saved GitHub connection "${saved.connection.name}" (${saved.connection.org} at ${saved.connection.apiUrl}), mapped to Okta app ${saved.service.oktaAppId ?? '-'} in ${saved.service.oktaOrg}.`);
      io.out(`Next: okta-evidence connections github-sync ${JSON.stringify(saved.connection.name)}, or okta-evidence run to sync on schedule.`);
    } catch (error) {
      if (error instanceof GithubConnectionTestFailedError) for (const line of githubReportLines(error.report)) io.err(line);
      throw error;
    }
  });
}

export function githubReportLines(report: GithubTestReport): string[] {
  const lines = [`Test connection: ${report.org === null ? report.apiUrl : `${report.org.login} (id ${report.org.id}) at ${report.apiUrl}`}, ${report.credential === 'app' ? `GitHub App installation ${report.installationId ?? '?'}` : 'token'}`];
  if (report.fatal !== null) return [...lines, `  failed: ${report.fatal.message} (${report.fatal.code})`];
  for (const d of report.datasets) {
    const state = d.state === 'complete' ? 'readable' : d.state === 'not_permitted' ? `not permitted: add ${d.permissionNeeded ?? '?'}` : `${d.state}${d.reason === undefined ? '' : `: ${d.reason}`}`;
    lines.push(`  ${d.dataset.padEnd(26)} ${state}`);
  }
  lines.push(`  SAML: ${report.saml.configured === null ? 'not readable' : report.saml.configured ? 'identity provider configured' : 'none shown (passthrough through Okta cannot apply)'}; SSO ${report.saml.enforcement}`);
  return lines;
}

export function githubConnectionLines(connections: readonly GithubConnectionRecord[]): string[] {
  if (connections.length === 0) return [];
  return [
    'GitHub connections:',
    ...connections.map(
      (c) =>
        `  ${c.name}  ${c.org} at ${c.apiUrl}  ${c.credential.kind === 'app' ? `App ${c.credential.appId}` : 'token'}  auto sync ${c.settings.autoSync ? 'on' : 'off'}  ${c.health.state}${c.health.reason === null ? '' : ` (${c.health.reason})`}  last sync ${c.schedule.lastSyncAt?.toISOString() ?? 'never'}`,
    ),
  ];
}

interface CommonFlags {
  db?: string;
  json?: boolean;
}

interface SyncFlags extends CommonFlags {
  export?: boolean;
  keyDir?: string;
}

/** `connections github-test|github-sync|github-remove <name>`. */
export function registerGithubConnectionCommands(connections: Command, io: CliIo): void {
  connections
    .command('github-test <name>')
    .description('Test a stored GitHub connection: per dataset, readable or the permission to add.')
    .option('--db <X>', 'SQLite file or postgres:// URL')
    .option('--json', 'print the report as JSON')
    .action((name: string, flags: CommonFlags) =>
      withConnectionDeps(flags.db, io, async (deps) => {
        const { report } = await testStoredGithubConnection(deps, name);
        if (flags.json === true) io.out(JSON.stringify(report));
        else for (const line of githubReportLines(report)) io.out(line);
        if (report.fatal !== null) throw new OperationFailedError(report.fatal.message);
      }),
    );
  connections
    .command('github-sync <name>')
    .description('Read the GitHub organization now, store it as its service’s current snapshot and evaluate the MFA passthrough.')
    .option('--db <X>', 'SQLite file or postgres:// URL')
    .option('--export', "also write the signed evidence export, as a scheduled sync does: <installation>/evidence/<okta domain>/downstream/<service id>/, in the service's own chain")
    .option('--key-dir <DIR>', 'the signing key folder (default: OKTA_EVIDENCE_KEY_DIR, else keys/ of the installation)')
    .option('--json', 'print the outcome as JSON')
    .action((name: string, flags: SyncFlags) =>
      withConnectionDeps(flags.db, io, async (deps) => {
        const connection = await findGithubConnection(deps.store, name);
        const env = io.env ?? {};
        const databaseUrl = resolveDatabaseUrl(flags.db, env).url;
        const evidence = flags.export === true ? { root: evidenceRoot(databaseUrl, env), keyDir: resolveKeyDirectory(flags.keyDir, env, databaseUrl) } : undefined;
        const outcome = await runGithubSync({ deps, connection, clock: realClock, evidence });
        if (flags.json === true) io.out(JSON.stringify(outcome));
        if (!outcome.ok) throw new OperationFailedError(`${outcome.error.message} (${outcome.error.code})`);
        if (flags.json !== true) {
          io.out(`Read ${connection.org}: snapshot ${outcome.snapshotId}, ${outcome.complete ? 'complete' : 'INCOMPLETE'}, ${outcome.stats.requests} requests in ${(outcome.durationMs / 1000).toFixed(1)} s.`);
          for (const d of outcome.datasets) io.out(`  ${d.dataset.padEnd(26)} ${d.state} (${d.count})${d.reason === undefined ? '' : `: ${d.reason}`}`);
          if (outcome.evidence !== undefined) io.out(`Evidence: ${outcome.evidence.directory} (export ${outcome.evidence.sequence} of the service's chain)`);
        }
        for (const error of outcome.handlerErrors) io.err(`warning: the passthrough evaluation failed: ${error}`);
      }),
    );
  connections
    .command('github-remove <name>')
    .description('Remove a GitHub connection and its credential; its service and snapshots are kept.')
    .option('--db <X>', 'SQLite file or postgres:// URL')
    .action((name: string, flags: CommonFlags) =>
      withConnectionDeps(flags.db, io, async (deps) => {
        const removed = await removeGithubConnection(deps, name);
        io.out(`Removed GitHub connection "${removed.name}" and its credential. Its service's snapshots are kept.`);
      }),
    );
}

