import type { Command } from 'commander';
import { ALL_COLLECTORS } from '../collect/index.js';
import { SYNC_DEFAULTS } from '../collect/sync-run.js';
import { CommandFailedError, type CliIo } from './io.js';
import { choiceArg, integerArg, numberArg } from './parse-args.js';
import { DPOP_CHOICES, resolveSyncConfig, type SyncConfig, type SyncFlags } from './sync-config.js';
import { syncFromCommand } from './sync-live.js';
import { failureLine, successLines, syncJson } from './sync-report.js';
import type { ClientTuning } from './sync-session.js';

/** What the composition root may inject besides io: client tuning (tests shrink retry back-off). */
export interface SyncCommandDeps {
  clientTuning?: ClientTuning;
}

export function registerSyncCommand(program: Command, io: CliIo, deps: SyncCommandDeps = {}): void {
  program
    .command('sync')
    .description(
      'Read the Okta org into the local store. Credentials: OKTA_API_TOKEN or OKTA_API_TOKEN_FILE (SSWS), or --client-id and --private-key (OAuth).',
    )
    .requiredOption('--domain <D>', 'the org’s Okta domain, e.g. company.okta.com')
    .option('--base-url <U>', 'send requests here instead of https://<domain> (a simulator or forward proxy)')
    .option('--db <X>', 'SQLite file or postgres:// URL (default: DATABASE_URL, else ./data/okta-evidence.sqlite)')
    .option('--log-window-days <N>', 'System Log days to read on the first sync (1–90)', integerArg('--log-window-days', 1, 90), SYNC_DEFAULTS.logWindowDays)
    .option(
      '--log-retention-days <N>',
      'delete stored System Log events older than this after a successful sync (1–3650, not below --log-window-days)',
      integerArg('--log-retention-days', 1, 3650),
      SYNC_DEFAULTS.logRetentionDays,
    )
    .option('--timeout <S>', 'time budget in seconds; an unfinished sync resumes next time', numberArg('--timeout', 0.1, 86_400), SYNC_DEFAULTS.timeoutMs / 1000)
    .option('--json', 'print one JSON line with the outcome on stdout')
    .option('--client-id <ID>', 'OAuth service app client id (with --private-key)')
    .option('--private-key <FILE>', 'the service app’s private key, PEM or JWK (or OKTA_OAUTH_PRIVATE_KEY_FILE)')
    .option('--key-id <KID>', 'the kid of the service app’s registered public key')
    .option('--dpop <mode>', `DPoP-bound tokens: ${DPOP_CHOICES.join('|')}`, choiceArg('--dpop', DPOP_CHOICES), 'auto')
    .action(async (flags: SyncFlags) => {
      const config = await resolveSyncConfig(flags, io.env ?? {}, (message) => io.err(`warning: ${message}`));
      await syncOnce(config, io, deps);
    });
}

async function syncOnce(config: SyncConfig, io: CliIo, deps: SyncCommandDeps): Promise<void> {
  const { outcome, location } = await syncFromCommand(io, {
    org: config.org,
    baseUrl: config.baseUrl,
    auth: config.auth,
    databaseUrl: config.databaseUrl,
    collectors: ALL_COLLECTORS,
    trigger: 'cli',
    timeoutMs: config.timeoutMs,
    logWindowDays: config.logWindowDays,
    logRetentionDays: config.logRetentionDays,
    clientTuning: deps.clientTuning,
  });
  if (config.json) io.out(syncJson(outcome));
  if (outcome.status !== 'succeeded') throw new CommandFailedError(failureLine(outcome, config.timeoutMs));
  if (!config.json) for (const line of successLines(outcome, location)) io.out(line);
}
