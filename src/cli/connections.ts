import type { Command } from 'commander';
import {
  ConnectionTestFailedError,
  findConnection,
  listConnections,
  listGithubConnections,
  readCredentialFromFlags,
  removeConnection,
  testStoredConnection,
  updateConnection,
  type AuditEntry,
  type ConnectionRecord,
  type CredentialFlags,
} from '../app/index.js';
import { addCredentialOptions, readText } from './connect.js';
import { connectionJson, credentialText, settingsText, testReportLines } from './connection-report.js';
import { withConnectionDeps } from './connection-deps.js';
import { CommandFailedError, type CliIo } from './io.js';
import { collect } from './parse-args.js';
import { githubConnectionLines, registerGithubConnectionCommands } from './github-connections.js';

interface CommonFlags {
  db?: string;
  json?: boolean;
}

interface UpdateFlags extends CommonFlags, CredentialFlags {
  name?: string;
  baseUrl?: string;
  proxyUrl?: string;
  syncInterval?: string;
  logWindowDays?: string;
  budget?: string;
  evidenceRetention?: string;
  eventType?: string[];
  defaultEventTypes?: boolean;
  autoSync?: boolean;
  skipTest?: boolean;
}

const DB_HELP = 'SQLite file or postgres:// URL (default: DATABASE_URL, else ./data/okta-evidence.sqlite)';

export function registerConnectionsCommand(program: Command, io: CliIo): void {
  const connections = program.command('connections').description('List, show, test, update or remove stored connections.');
  registerGithubConnectionCommands(connections, io);
  connections
    .command('list')
    .description('Every stored connection, its schedule and health.')
    .option('--db <X>', DB_HELP)
    .option('--json', 'print a JSON array')
    .action((flags: CommonFlags) =>
      withConnectionDeps(flags.db, io, async ({ store }) => {
        printList(await listConnections(store), flags, io);
        // GitHub connections (src/cli/github-connections.ts) after the Okta ones; JSON output stays the Okta list.
        if (flags.json !== true) for (const line of githubConnectionLines(await listGithubConnections(store))) io.out(line);
      }),
    );
  connections
    .command('show <name>')
    .description('One connection: domain, credential kind (never the secret), settings, health and its recent audit log.')
    .option('--db <X>', DB_HELP)
    .option('--json', 'print one JSON object')
    .action((name: string, flags: CommonFlags) =>
      withConnectionDeps(flags.db, io, async ({ store }) => {
        const connection = await findConnection(store, name);
        printShow(connection, await store.auditLog.list({ connectionId: connection.id, limit: 10 }), flags, io);
      }),
    );
  connections
    .command('test <name>')
    .description('Run Test connection with the stored credential (exit 1 when users cannot be read).')
    .option('--db <X>', DB_HELP)
    .option('--json', 'print the report as one JSON line')
    .action((name: string, flags: CommonFlags) =>
      withConnectionDeps(flags.db, io, async (deps) => {
        const { report } = await testStoredConnection(deps, name);
        if (flags.json === true) io.out(JSON.stringify(report));
        else for (const line of testReportLines(report)) io.out(line);
        if (!report.canReadUsers) throw new CommandFailedError(report.fatal?.message ?? `users of ${report.domain} cannot be read with the stored credential`);
      }),
    );
  const update = connections
    .command('update <name>')
    .description('Change a connection’s name, address, settings or credential (a new credential is tested first).')
    .option('--name <N>', 'a new name')
    .option('--base-url <U>', 'send requests here instead of https://<domain> ("" to remove)')
    .option('--proxy-url <U>', 'an HTTP(S) proxy for this connection ("" to remove)');
  addCredentialOptions(update)
    .option('--sync-interval <T>', 'how often Auto Sync runs: 15m to 24h')
    .option('--log-window-days <N>', 'System Log days the first sync reads, 1–90')
    .option('--budget <T>', 'time budget per sync, e.g. 5m (10s to 24h)')
    .option('--evidence-retention <N>', 'evidence exports kept (1–10000)')
    .option('--event-type <T>', 'read this System Log event type instead of the default set (repeat for several)', collect)
    .option('--default-event-types', 'go back to the default System Log event types')
    .option('--auto-sync', 'turn Auto Sync on')
    .option('--no-auto-sync', 'turn Auto Sync off')
    .option('--skip-test', 'store a new credential or base URL without Test connection')
    .option('--db <X>', DB_HELP)
    .option('--json', 'print the updated connection as one JSON line')
    .action((name: string, flags: UpdateFlags) => runUpdate(name, flags, io));
  connections
    .command('remove <name>')
    .description('Remove a connection and its stored credential. Its snapshots, results and evidence are kept.')
    .option('--db <X>', DB_HELP)
    .option('--json', 'print the removed connection as one JSON line')
    .action((name: string, flags: CommonFlags) =>
      withConnectionDeps(flags.db, io, async (deps) => {
        const removed = await removeConnection(deps, name);
        if (flags.json === true) io.out(JSON.stringify({ removed: connectionJson(removed) }));
        else io.out(`Removed connection "${removed.name}" and its credential. The snapshots, results and evidence of ${removed.domain} are kept.`);
      }),
    );
}

async function runUpdate(name: string, flags: UpdateFlags, io: CliIo): Promise<void> {
  // Only flags replace the stored credential: an OKTA_API_TOKEN left in the environment must not do it silently.
  const read = await readCredentialFromFlags(flags, {}, readText);
  for (const warning of read?.warnings ?? []) io.err(`warning: ${warning}`);
  await withConnectionDeps(flags.db, io, async (deps) => {
    try {
      const { connection, report, warnings } = await updateConnection(deps, name, {
        ...(flags.name === undefined ? {} : { name: flags.name }),
        ...(flags.baseUrl === undefined ? {} : { baseUrl: flags.baseUrl === '' ? null : flags.baseUrl }),
        ...(flags.proxyUrl === undefined ? {} : { proxyUrl: flags.proxyUrl === '' ? null : flags.proxyUrl }),
        ...(read === undefined ? {} : { credential: read.credential }),
        settings: {
          ...(flags.autoSync === undefined ? {} : { autoSync: flags.autoSync }),
          ...(flags.syncInterval === undefined ? {} : { syncInterval: flags.syncInterval }),
          ...(flags.logWindowDays === undefined ? {} : { logWindowDays: flags.logWindowDays }),
          ...(flags.budget === undefined ? {} : { budget: flags.budget }),
          ...(flags.evidenceRetention === undefined ? {} : { evidenceRetention: flags.evidenceRetention }),
          ...(flags.eventType === undefined ? {} : { eventTypes: flags.eventType }),
          ...(flags.defaultEventTypes === true ? { eventTypes: null } : {}),
        },
        skipTest: flags.skipTest === true,
      });
      for (const warning of warnings) io.err(`warning: ${warning}`);
      if (flags.json === true) {
        io.out(JSON.stringify({ connection: connectionJson(connection), report }));
        return;
      }
      if (report !== null) for (const line of testReportLines(report)) io.out(line);
      io.out(`Updated connection "${connection.name}" (${connection.domain}): ${credentialText(connection)}; ${settingsText(connection)}.`);
    } catch (error) {
      if (error instanceof ConnectionTestFailedError) for (const line of testReportLines(error.report)) io.err(line);
      throw error;
    }
  });
}

function when(date: Date | null): string {
  return date === null ? '-' : date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function printList(connections: ConnectionRecord[], flags: CommonFlags, io: CliIo): void {
  if (flags.json === true) {
    io.out(JSON.stringify(connections.map(connectionJson)));
    return;
  }
  if (connections.length === 0) {
    io.out('No connections yet: add one with okta-evidence connect --name N --domain D.');
    return;
  }
  const rows = connections.map((c) => [c.name, c.domain, c.credential.kind, c.settings.autoSync ? 'on' : 'off', c.health.state, when(c.schedule.lastSyncAt), when(c.schedule.nextRunAt)]);
  const header = ['NAME', 'DOMAIN', 'AUTH', 'AUTO SYNC', 'HEALTH', 'LAST SYNC', 'NEXT RUN'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  for (const row of [header, ...rows]) io.out(row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd());
}

function printShow(connection: ConnectionRecord, audit: AuditEntry[], flags: CommonFlags, io: CliIo): void {
  if (flags.json === true) {
    io.out(JSON.stringify({ ...connectionJson(connection), audit }));
    return;
  }
  const c = connection;
  const org = c.org.orgId === null ? 'not verified yet (run okta-evidence connections test)' : `${c.org.orgId} (${c.org.pipeline ?? 'pipeline unknown'}), verified ${when(c.org.verifiedAt)}`;
  const lines = [
    `${c.name}  (${c.id})`,
    `  domain       ${c.domain}${c.baseUrl === null ? '' : ` via ${c.baseUrl}`}${c.proxyUrl === null ? '' : `, proxy ${c.proxyUrl}`}`,
    `  org          ${org}`,
    `  credential   ${credentialText(c)} (stored encrypted)`,
    `  settings     ${settingsText(c)}`,
    `  health       ${c.health.state}${c.health.reason === null ? '' : ` — ${c.health.reason}`}${c.health.pausedReason === null ? '' : ` (paused: ${c.health.pausedReason})`}`,
    `  last sync    ${when(c.schedule.lastSyncAt)}${c.schedule.lastSyncId === null ? '' : ` (${c.schedule.lastSyncId})`}; next run ${when(c.schedule.nextRunAt)}`,
    '  audit log',
    ...audit.map((e) => `    ${when(e.at)}  ${e.actor}  ${e.action}${Object.keys(e.details).length === 0 ? '' : `  ${JSON.stringify(e.details)}`}`),
  ];
  for (const line of lines) io.out(line);
}
