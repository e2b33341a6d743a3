import { runScheduledSync, type RunTrigger } from './run-scheduled-sync.js';
import { DEFAULT_CONCURRENCY, scheduledSyncDeps, type Scheduler, type SchedulerDeps } from './scheduler.js';
import { startSchedulerLoop, type Dispatcher, type SchedulerLoop } from './scheduler-loop.js';

/**
 * The default scheduler: in this process, over the store's connections (SQLite, or PostgreSQL for a single server).
 * Due syncs run here, at most `concurrency` at once; the sync lease still keeps a CLI sync or another process off the
 * same org. `okta-evidence run` runs it in the foreground and `serve` embeds it.
 */
export function createEmbeddedScheduler(deps: SchedulerDeps): Scheduler {
  const concurrency = deps.concurrency ?? DEFAULT_CONCURRENCY;
  const running = new Map<string, Promise<void>>();
  // Sync Now requests waiting for a free slot; persisted as a due time too, so a restart still honours them.
  const manual: string[] = [];
  const shutdown = new AbortController();
  let loop: SchedulerLoop | undefined;

  const jobDeps = scheduledSyncDeps(deps);

  const runJob = (connectionId: string, trigger: RunTrigger) => {
    const job = runScheduledSync(jobDeps, connectionId, { trigger, signal: shutdown.signal })
      .then((report) => deps.onReport?.(report))
      .catch((error: unknown) => {
        deps.logger.warn({ connectionId, error: error instanceof Error ? error.message : String(error) }, 'scheduled sync could not run');
      })
      .finally(() => {
        running.delete(connectionId);
        drainManual();
        loop?.wake();
      });
    running.set(connectionId, job);
  };

  const drainManual = () => {
    while (!shutdown.signal.aborted && running.size < concurrency) {
      const index = manual.findIndex((id) => !running.has(id));
      if (index < 0) return;
      const [id] = manual.splice(index, 1);
      if (id !== undefined) runJob(id, 'manual');
    }
  };

  const dispatcher: Dispatcher = {
    dispatch: (connections) => {
      for (const connection of connections) runJob(connection.id, 'schedule');
      return Promise.resolve();
    },
    capacity: () => (shutdown.signal.aborted ? 0 : concurrency - running.size),
    inFlight: () => new Set(running.keys()),
  };

  return {
    start() {
      loop ??= startSchedulerLoop({ ...deps, dispatcher, leaseClock: deps.lease?.clock });
      return Promise.resolve();
    },
    enqueueNow(connectionId) {
      if (!manual.includes(connectionId)) manual.push(connectionId);
      drainManual();
      return Promise.resolve();
    },
    wake: () => loop?.wake(),
    async stop() {
      shutdown.abort(new Error('The scheduler is stopping.'));
      await loop?.stop();
      await Promise.all(running.values());
    },
  };
}
