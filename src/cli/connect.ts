import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { ConnectionTestFailedError, createConnection, DPOP_MODES, readCredentialFromFlags, type CredentialFlags, type DpopSetting } from '../app/index.js';
import { connectionJson, settingsText, testReportLines } from './connection-report.js';
import { withConnectionDeps } from './connection-deps.js';
import { UsageError, type CliIo } from './io.js';
import { choiceArg } from './parse-args.js';
import { registerConnectGithubCommand } from './github-connections.js';

interface ConnectFlags extends CredentialFlags {
  name: string;
  domain: string;
  baseUrl?: string;
  proxyUrl?: string;
  syncInterval?: string;
  logWindowDays?: string;
  autoSync: boolean;
  skipTest?: boolean;
  db?: string;
  json?: boolean;
}

export const readText = (path: string): Promise<string> => readFile(path, 'utf8');

/** The credential options `connect` and `connections update` share with `sync`, plus `--token-file`. */
export function addCredentialOptions(command: Command): Command {
  return command
    .option('--token-file <F>', 'a file holding a read-only admin’s API token (or OKTA_API_TOKEN / OKTA_API_TOKEN_FILE)')
    .option('--client-id <ID>', 'OAuth service app client id (with --private-key)')
    .option('--private-key <FILE>', 'the service app’s private key, PEM or JWK (or OKTA_OAUTH_PRIVATE_KEY_FILE)')
    .option('--key-id <KID>', 'the kid of the service app’s registered public key')
    .option('--dpop <mode>', `DPoP-bound tokens: ${DPOP_MODES.join('|')} (default auto)`, choiceArg<DpopSetting>('--dpop', DPOP_MODES));
}

export function registerConnectCommand(program: Command, io: CliIo): void {
  const command = program
    .command('connect')
    .description('Test a connection to an Okta org and store it (credential encrypted) for scheduled syncs. Refuses one that cannot read users.')
    .requiredOption('--name <N>', 'a name for the connection, e.g. acme-prod')
    .requiredOption('--domain <D>', 'the org’s Okta domain, e.g. company.okta.com')
    .option('--base-url <U>', 'send requests here instead of https://<domain> (a simulator or forward proxy)')
    .option('--proxy-url <U>', 'an HTTP(S) proxy for this connection’s Okta traffic (no credentials in it)');
  addCredentialOptions(command)
    .option('--sync-interval <T>', 'how often Auto Sync runs: 15m to 24h (default 6h)')
    .option('--log-window-days <N>', 'System Log days the first sync reads, 1–90 (default 7)')
    .option('--no-auto-sync', 'store the connection without scheduled syncs')
    .option('--skip-test', 'store it without Test connection')
    .option('--db <X>', 'SQLite file or postgres:// URL (default: DATABASE_URL, else ./data/okta-evidence.sqlite)')
    .option('--json', 'print the stored connection and the test report as one JSON line')
    .action((flags: ConnectFlags) => runConnect(flags, io));
  registerConnectGithubCommand(command, io);
}

async function runConnect(flags: ConnectFlags, io: CliIo): Promise<void> {
  const read = await readCredentialFromFlags(flags, io.env ?? {}, readText);
  if (read === undefined) {
    throw new UsageError('no Okta credentials: use --token-file F (or OKTA_API_TOKEN / OKTA_API_TOKEN_FILE) for an API token, or --client-id ID --private-key FILE for OAuth');
  }
  for (const warning of read.warnings) io.err(`warning: ${warning}`);
  await withConnectionDeps(flags.db, io, async (deps) => {
    try {
      const saved = await createConnection(deps, {
        name: flags.name,
        domain: flags.domain,
        baseUrl: flags.baseUrl,
        proxyUrl: flags.proxyUrl,
        credential: read.credential,
        settings: {
          autoSync: flags.autoSync,
          ...(flags.syncInterval === undefined ? {} : { syncInterval: flags.syncInterval }),
          ...(flags.logWindowDays === undefined ? {} : { logWindowDays: flags.logWindowDays }),
        },
        skipTest: flags.skipTest === true,
      });
      for (const warning of saved.warnings) io.err(`warning: ${warning}`);
      if (flags.json === true) {
        io.out(JSON.stringify({ connection: connectionJson(saved.connection), report: saved.report }));
        return;
      }
      if (saved.report !== null) for (const line of testReportLines(saved.report)) io.out(line);
      const c = saved.connection;
      io.out(`Saved connection "${c.name}" (${c.domain}): ${settingsText(c)}.`);
      io.out(`Next: okta-evidence sync --connection ${JSON.stringify(c.name)}, or okta-evidence run to sync on schedule.`);
    } catch (error) {
      if (error instanceof ConnectionTestFailedError) for (const line of testReportLines(error.report)) io.err(line);
      throw error;
    }
  });
}
