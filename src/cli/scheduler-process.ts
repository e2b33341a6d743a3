import { resolveDatabaseUrl } from '../app/database-url.js';
import { benchScheduleScale, benchScheduleWarning } from '../config/bench-schedule.js';
import { isConfigError } from '../config/errors.js';
import type { Logger } from '../config/runtime.js';
import type { SchedulerKind } from '../schedule/product-scheduler.js';
import type { ScheduledSyncReport } from '../schedule/run-scheduled-sync.js';
import type { CliDeps } from './program.js';
import { UsageError, type CliIo } from './io.js';

/** Running syncs get this long to checkpoint after SIGTERM/SIGINT; the process must be gone within 10 s. */
const STOP_GRACE_MS = 8_000;

/** Log lines on stderr (a service manager's journal): time, message, fields. Fields never carry secrets. */
export function lineLogger(io: CliIo): Logger {
  const line = (level: string) => (fields: Record<string, unknown>, message?: string) => {
    io.err(`${new Date().toISOString()} ${level} ${message ?? ''} ${JSON.stringify(fields)}`);
  };
  return { debug: () => undefined, info: line('info'), warn: line('warn') };
}

function reportLine(report: ScheduledSyncReport): string | undefined {
  if (!report.ran) return report.reason === 'not_due' ? undefined : `${report.connectionId}: not run (${report.reason})`;
  const next = report.state.nextRunAt?.toISOString() ?? 'not scheduled';
  const result = report.result.kind === 'synced' ? `sync ${report.result.syncId} ${report.result.status}` : report.result.kind;
  return `${report.connectionId}: ${result}; ${report.state.healthState}${report.state.healthReason === null ? '' : ` (${report.state.healthReason})`}; next ${next}`;
}

/**
 * The foreground life of `run` and `worker`: start the scheduler, say so, sleep until SIGTERM/SIGINT, then let the
 * running syncs checkpoint and stop (exit 0) within the grace period.
 */
export async function runSchedulerProcess(io: CliIo, deps: CliDeps, options: { db: string | undefined; kind?: SchedulerKind; concurrency: number; command: string }): Promise<void> {
  const env = io.env ?? {};
  const { url, target } = resolveDatabaseUrl(options.db, env);
  if (options.kind === 'pg-boss' && target.dialect !== 'postgres') {
    throw new UsageError(`${options.command} needs a PostgreSQL database (--db postgres://…): on SQLite run the embedded scheduler with \`okta-evidence run\`.`);
  }
  const scheduleScale = benchScheduleSetting(env);
  if (scheduleScale !== undefined) io.err(benchScheduleWarning(scheduleScale));
  const logger = lineLogger(io);
  const { startProductScheduler } = await import('../schedule/product-scheduler.js');
  const running = await startProductScheduler({
    databaseUrl: url,
    env,
    logger: { ...logger, info: () => undefined },
    kind: options.kind,
    concurrency: options.concurrency,
    clientTuning: deps.clientTuning,
    scheduleScale,
    onReport: (report) => {
      const line = reportLine(report);
      if (line !== undefined) logger.info({}, line);
    },
  });
  const connections = await running.store.connections.list();
  io.err(
    `Scheduler running (${running.kind === 'embedded' ? 'embedded' : 'pg-boss worker'}, ${running.store.location}): ${connections.length} connection(s), ` +
      `${connections.filter((c) => c.settings.autoSync).length} with Auto Sync. Stop with Ctrl-C or SIGTERM.`,
  );
  await io.untilStopped({ stopIsNormalEnd: true });
  io.err('Stopping: running syncs save their progress…');
  const stopped = running.close().then(() => true);
  const late = new Promise<false>((resolve) => setTimeout(() => resolve(false), STOP_GRACE_MS).unref());
  if (!(await Promise.race([stopped, late]))) io.err(`Stopped after ${STOP_GRACE_MS / 1000} s; a sync still ending resumes from its checkpoint next time.`);
  else io.err('Stopped.');
}

/** The benchmark's scaled schedule (src/config/bench-schedule.ts), a bad value being a usage error (exit 2). */
function benchScheduleSetting(env: Record<string, string | undefined>) {
  try {
    return benchScheduleScale(env);
  } catch (error) {
    if (isConfigError(error)) throw new UsageError(error.message);
    throw error;
  }
}
