import type { Command } from 'commander';
import { ALL_COLLECTORS } from '../collect/index.js';
import { SYNC_DEFAULTS } from '../collect/sync-run.js';
import { LOG_RETENTION_DAYS, LOG_WINDOW_DAYS, REVERIFY_SHARE } from '../config/settings.js';
import { DPOP_CHOICES, resolveSyncConfig, type SyncConfig, type SyncFlags } from '../app/sync-config.js';
import type { ClientTuning } from '../app/sync-session.js';
import { UsageError, type CliIo } from './io.js';
import { syncStoredConnection } from './sync-connection.js';
import { choiceArg, integerSettingArg, numberArg } from './parse-args.js';
import { syncFromCommand } from './sync-live.js';
import { reportSyncOutcome } from './sync-report.js';

/** What the composition root may inject besides io: client tuning (tests shrink retry back-off). */
export interface SyncCommandDeps {
  clientTuning?: ClientTuning;
}

export function registerSyncCommand(program: Command, io: CliIo, deps: SyncCommandDeps = {}): void {
  program
    .command('sync')
    .description(
      'Read the Okta org into the local store. Credentials: OKTA_API_TOKEN or OKTA_API_TOKEN_FILE (SSWS), or --client-id and --private-key (OAuth). HTTPS_PROXY/NO_PROXY are honoured.',
    )
    .option('--domain <D>', 'the org’s Okta domain, e.g. company.okta.com (a one-off sync)')
    .option('--connection <N>', 'sync a stored connection (see okta-evidence connect) with its credential and settings')
    .option('--base-url <U>', 'send requests here instead of https://<domain> (a simulator or forward proxy)')
    .option('--db <X>', 'SQLite file or postgres:// URL (default: DATABASE_URL, else ./data/okta-evidence.sqlite)')
    .option(
      '--log-window-days <N>',
      `System Log days to read on the first sync (${LOG_WINDOW_DAYS.min}–${LOG_WINDOW_DAYS.max})`,
      integerSettingArg('--log-window-days', LOG_WINDOW_DAYS),
      SYNC_DEFAULTS.logWindowDays,
    )
    .option(
      '--log-retention-days <N>',
      `delete stored System Log events older than this after a successful sync (${LOG_RETENTION_DAYS.min}–${LOG_RETENTION_DAYS.max}, not below --log-window-days)`,
      integerSettingArg('--log-retention-days', LOG_RETENTION_DAYS),
      SYNC_DEFAULTS.logRetentionDays,
    )
    .option('--timeout <S>', 'time budget in seconds; an unfinished sync resumes next time', numberArg('--timeout', 0.1, 86_400), SYNC_DEFAULTS.timeoutMs / 1000)
    .option(
      '--reverify-share <F>',
      `share of the budget an incremental sync spends re-reading the oldest data after the changes (${REVERIFY_SHARE.min}–${REVERIFY_SHARE.max})`,
      numberArg('--reverify-share', REVERIFY_SHARE.min, REVERIFY_SHARE.max),
      REVERIFY_SHARE.default,
    )
    .option('--json', 'print one JSON line with the outcome on stdout')
    .option('--client-id <ID>', 'OAuth service app client id (with --private-key)')
    .option('--private-key <FILE>', 'the service app’s private key, PEM or JWK (or OKTA_OAUTH_PRIVATE_KEY_FILE)')
    .option('--key-id <KID>', 'the kid of the service app’s registered public key')
    .option('--dpop <mode>', `DPoP-bound tokens: ${DPOP_CHOICES.join('|')}`, choiceArg('--dpop', DPOP_CHOICES), 'auto')
    .option('--force-unlock', 'take over the org’s sync lease from a process known to be gone (another host, or one that froze)')
    .action(async (flags: SyncFlags & { connection?: string; forceUnlock?: boolean }, command: Command) => {
      if (flags.connection !== undefined) return syncStoredConnection(command, { ...flags, connection: flags.connection }, io, deps);
      if ((flags.domain as string | undefined) === undefined) throw new UsageError('give --domain D for a one-off sync, or --connection N for a stored connection');
      const config = await resolveSyncConfig(flags, io.env ?? {}, (message) => io.err(`warning: ${message}`));
      try {
        await syncOnce({ ...config, forceUnlock: flags.forceUnlock === true }, io, deps);
      } finally {
        await config.egress?.close();
      }
    });
}

async function syncOnce(config: SyncConfig & { forceUnlock: boolean }, io: CliIo, deps: SyncCommandDeps): Promise<void> {
  const { outcome, location } = await syncFromCommand(io, {
    org: config.org,
    baseUrl: config.baseUrl,
    auth: config.auth,
    database: config.databaseUrl,
    collectors: ALL_COLLECTORS,
    trigger: 'cli',
    timeoutMs: config.timeoutMs,
    logWindowDays: config.logWindowDays,
    logRetentionDays: config.logRetentionDays,
    reverifyShare: config.reverifyShare,
    dispatcher: config.egress,
    clientTuning: deps.clientTuning,
    forceUnlock: config.forceUnlock,
  });
  reportSyncOutcome(io, outcome, location, { json: config.json, timeoutMs: config.timeoutMs });
}
