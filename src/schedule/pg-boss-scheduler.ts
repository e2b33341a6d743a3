import PgBoss from 'pg-boss';
import { runScheduledSync, type RunTrigger } from './run-scheduled-sync.js';
import { DEFAULT_CONCURRENCY, scheduledSyncDeps, type Scheduler, type SchedulerDeps } from './scheduler.js';
import { startSchedulerLoop, type Dispatcher, type SchedulerLoop } from './scheduler-loop.js';

/** The queue of connection syncs. */
export const SYNC_QUEUE = 'okta-evidence-sync';
/** pg-boss keeps its tables in a schema of their own, beside the store's. */
export const DEFAULT_BOSS_SCHEMA = 'okta_evidence_jobs';
/** pg-boss priority of a sync that resumes one a dead worker left (others are 0). */
const RESUME_PRIORITY = 10;

interface SyncJobData {
  connectionId: string;
  trigger: RunTrigger;
}

export interface PgBossSchedulerOptions extends SchedulerDeps {
  /** The PostgreSQL database the store uses (`postgres://…`). */
  databaseUrl: string;
  bossSchema?: string | undefined;
  /** Take sync jobs in this process (a worker). `serve` may only enqueue; default true. */
  work?: boolean | undefined;
  /** Run the scheduling loop that enqueues due syncs; default true (every worker may: pg-boss keeps one queued job per connection). */
  enqueue?: boolean | undefined;
  /** How often an idle worker asks the queue for a job, in seconds (pg-boss polls; default 2, at least 0.5). */
  pollingIntervalSeconds?: number | undefined;
}

/**
 * The scheduler at scale, on PostgreSQL with pg-boss 10 as the queue: any number of `okta-evidence worker`
 * processes on any number of machines. Every process's scheduling loop enqueues due connections with the
 * connection's id as `singletonKey` on a `short`-policy queue, so a connection has at most one queued job however many
 * loops see it due; the org's sync lease keeps two workers from running it at once; a worker killed mid-sync loses the
 * lease when its heartbeat lapses, the connection is still due, and the next tick queues it for another worker, which
 * resumes from the checkpoint. Failures back off through the connection's stored due time (`decideAfterRun`);
 * pg-boss's own retry only covers a job whose handler threw (the database went away).
 */
export function createPgBossScheduler(options: PgBossSchedulerOptions): Scheduler {
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const boss = new PgBoss({
    connectionString: options.databaseUrl,
    schema: options.bossSchema ?? DEFAULT_BOSS_SCHEMA,
    // Cron schedules are not used: each connection's due time lives on the connection.
    schedule: false,
    max: concurrency + 2,
  });
  boss.on('error', (error) => {
    options.logger.warn({ error: error.message }, 'pg-boss error');
  });
  const shutdown = new AbortController();
  const jobDeps = scheduledSyncDeps(options);
  const active = new Set<string>();
  let loop: SchedulerLoop | undefined;
  const workerIds: string[] = [];

  const send = (connectionId: string, trigger: RunTrigger) =>
    boss.send(SYNC_QUEUE, { connectionId, trigger } satisfies SyncJobData, { singletonKey: trigger === 'manual' ? `manual:${connectionId}` : connectionId });

  const dispatcher: Dispatcher = {
    async dispatch(connections, resuming) {
      // One statement for the whole tick; pg-boss skips (ON CONFLICT DO NOTHING) a connection that already has a job
      // queued. A resume of a dead worker's sync jumps the queue (pg-boss takes higher priority first): it must
      // continue within the lease time, not behind every sync that fell due meanwhile.
      await boss.insert(
        connections.map((connection) => ({
          name: SYNC_QUEUE,
          data: { connectionId: connection.id, trigger: 'schedule' } satisfies SyncJobData,
          singletonKey: connection.id,
          priority: resuming.has(connection.id) ? RESUME_PRIORITY : 0,
        })),
      );
      for (const id of workerIds) boss.notifyWorker(id);
    },
    capacity: () => (shutdown.signal.aborted ? 0 : Number.POSITIVE_INFINITY),
    // Queued jobs are pg-boss's to track; a connection still due is re-sent after `recheckMs` and deduplicated there.
    inFlight: () => active,
    recheckMs: 10_000,
  };

  const handle = async (jobs: PgBoss.Job<SyncJobData>[]) => {
    for (const job of jobs) {
      const { connectionId, trigger } = job.data;
      active.add(connectionId);
      try {
        const report = await runScheduledSync(jobDeps, connectionId, { trigger, signal: shutdown.signal });
        options.onReport?.(report);
      } finally {
        active.delete(connectionId);
        loop?.wake();
      }
    }
  };

  const startQueue = async () => {
    await boss.start();
    // A second process creating the queue meanwhile is not an error.
    if ((await boss.getQueue(SYNC_QUEUE)) === null) {
      await boss.createQueue(SYNC_QUEUE, { name: SYNC_QUEUE, policy: 'short', retryLimit: 2, retryDelay: 30, retryBackoff: true, expireInSeconds: 6 * 3600 }).catch(async (error: unknown) => {
        if ((await boss.getQueue(SYNC_QUEUE)) === null) throw error;
      });
    }
    if (options.work !== false) {
      for (let i = 0; i < concurrency; i += 1) {
        workerIds.push(await boss.work<SyncJobData>(SYNC_QUEUE, { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, handle));
      }
    }
  };

  return {
    async start() {
      try {
        await startQueue();
      } catch (error) {
        // A start that failed (e.g. "deadlock detected" while several workers create pg-boss's schema at once) must
        // not leave pg-boss's pool and timers open: the process reports the error and exits instead of hanging.
        await boss.stop({ graceful: false, wait: true, timeout: 1_000 }).catch(() => undefined);
        throw error;
      }
      if (options.enqueue !== false) loop = startSchedulerLoop({ ...options, dispatcher, leaseClock: options.lease?.clock });
    },
    async enqueueNow(connectionId) {
      await send(connectionId, 'manual');
      for (const id of workerIds) boss.notifyWorker(id);
    },
    wake: () => loop?.wake(),
    async stop() {
      shutdown.abort(new Error('The worker is stopping.'));
      await loop?.stop();
      // Running syncs were told to checkpoint; pg-boss waits for their handlers, then closes its pool.
      await boss.stop({ graceful: true, wait: true, timeout: 8_000 });
    },
  };
}
