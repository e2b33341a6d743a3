import type { Command } from 'commander';
import { connectionReach, connectionSyncSettings, findConnection, recordConnectionSync } from '../app/index.js';
import { ALL_COLLECTORS } from '../collect/index.js';
import { realClock } from '../config/runtime.js';
import { withConnectionDeps } from './connection-deps.js';
import { UsageError, type CliIo } from './io.js';
import type { SyncCommandDeps } from './sync.js';
import { syncFromCommand } from './sync-live.js';
import { reportSyncOutcome } from './sync-report.js';

/** The flags `sync --connection N` reads; the connection supplies the domain, address, credential and settings. */
export interface ConnectionSyncFlags {
  connection: string;
  db?: string;
  json?: boolean;
  timeout: number;
  logRetentionDays: number;
  reverifyShare?: number;
  forceUnlock?: boolean;
}

/** Flags that describe a one-off org and make no sense with a stored connection. */
const ONE_OFF_FLAGS = ['domain', 'baseUrl', 'clientId', 'privateKey', 'keyId', 'dpop', 'logWindowDays'] as const;

/**
 * `okta-evidence sync --connection N`: one sync of a stored connection, with its stored credential and settings
 * (`--timeout` overrides its budget for this run). The one-off `--domain` form is unchanged.
 */
export async function syncStoredConnection(command: Command, flags: ConnectionSyncFlags, io: CliIo, deps: SyncCommandDeps): Promise<void> {
  const given = ONE_OFF_FLAGS.filter((flag) => command.getOptionValueSource(flag) === 'cli');
  if (given.length > 0) {
    const names = given.map((flag) => `--${flag.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(', ');
    throw new UsageError(`${names} cannot be combined with --connection: the stored connection supplies them (change them with okta-evidence connections update)`);
  }
  await withConnectionDeps(flags.db, io, async (connectionDeps) => {
    const connection = await findConnection(connectionDeps.store, flags.connection);
    const reach = await connectionReach(connectionDeps, connection);
    try {
      const settings = connectionSyncSettings(reach);
      const timeoutMs = command.getOptionValueSource('timeout') === 'cli' ? Math.round(flags.timeout * 1000) : settings.timeoutMs;
      const { outcome, location } = await syncFromCommand(io, {
        ...settings,
        timeoutMs,
        database: connectionDeps.store,
        collectors: ALL_COLLECTORS,
        trigger: 'cli',
        logRetentionDays: flags.logRetentionDays,
        reverifyShare: flags.reverifyShare,
        clientTuning: deps.clientTuning,
        forceUnlock: flags.forceUnlock === true,
      });
      await recordConnectionSync(connectionDeps.store, connection, outcome, new Date(realClock()));
      reportSyncOutcome(io, outcome, location, { json: flags.json === true, timeoutMs });
    } finally {
      await reach.close();
    }
  });
}
