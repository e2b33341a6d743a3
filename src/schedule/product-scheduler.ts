import { evidenceRoot } from '../app/evidence-exports.js';
import { resolveKeyDirectory } from '../app/evidence.js';
import type { ClientTuning } from '../app/sync-session.js';
import { secretKeyLocation } from '../app/secrets/secret-key.js';
import { relaySyncProgress } from '../app/shared-sync-progress.js';
import { createSyncProgressHub, type SyncProgressHub } from '../app/sync-progress-hub.js';
import { createStoreWebhookNotifier } from '../app/webhooks/webhooks.js';
import type { BenchScheduleScale } from '../config/bench-schedule.js';
import type { Env } from '../config/env.js';
import { realClock, realSleep, type Clock, type Logger } from '../config/runtime.js';
import type { DeliveryDeps } from '../app/webhooks/deliver.js';
import type { BackgroundNotifier } from '../app/webhooks/notifier.js';
import { openDatabase, parseDatabaseTarget } from '../store/database.js';
import type { Store } from '../store/store.js';
import { createConnectionSyncRunner } from './connection-sync.js';
import { createEmbeddedScheduler } from './embedded-scheduler.js';
import { withGithubConnections, withGithubSyncs } from './github-connection-sync.js';
import { createPgBossScheduler } from './pg-boss-scheduler.js';
import type { ScheduledSyncReport } from './run-scheduled-sync.js';
import type { Scheduler, SchedulerDeps } from './scheduler.js';
import { realScheduleClock, scaledScheduleClock } from './scheduler-loop.js';
import { storeConnectionSchedules } from './store-connections.js';

export type SchedulerKind = 'embedded' | 'pg-boss';

export interface ProductSchedulerInput {
  databaseUrl: string;
  env: Env;
  logger: Logger;
  /** Default: embedded on SQLite, pg-boss on PostgreSQL. */
  kind?: SchedulerKind | undefined;
  /** pg-boss only: take sync jobs in this process (false: only enqueue, e.g. a `serve` beside dedicated workers). */
  work?: boolean | undefined;
  concurrency?: number | undefined;
  clock?: Clock | undefined;
  clientTuning?: ClientTuning | undefined;
  onReport?: ((report: ScheduledSyncReport) => void) | undefined;
  /**
   * Where each sync reports its progress as it runs (`serve` streams it to watchers). On PostgreSQL the progress also
   * goes to the other processes of the installation, so a `serve` streams the syncs its `worker`s run.
   */
  progress?: SyncProgressHub | undefined;
  /**
   * Benchmarks only (`OKTA_EVIDENCE_BENCH_SCHEDULE_SCALE`, src/config/bench-schedule.ts): the schedule runs this much
   * faster than `clock`; leases, heartbeats and the syncs themselves stay on `clock`.
   */
  scheduleScale?: BenchScheduleScale | undefined;
  /** How webhooks are delivered (default: the real fetch, sleep and clock; tests shrink the retry waits). */
  webhookDelivery?: Partial<DeliveryDeps> | undefined;
}

/** How long `close` waits for webhook deliveries still under way before it closes the store under them. */
const WEBHOOK_DRAIN_MS = 5_000;

export interface ProductScheduler {
  readonly kind: SchedulerKind;
  readonly scheduler: Scheduler;
  /** The store the scheduler runs on (a `serve` that embeds the scheduler may share it). */
  readonly store: Store;
  /** Stops the scheduler (running syncs checkpoint) and closes the store. */
  close(): Promise<void>;
}

/**
 * The scheduler over an installation's database, wired to the product: its connections table, its sync leases, and the
 * connection sync (credential, pipeline, evidence). `okta-evidence run` and `worker` start one; `serve` embeds one.
 */
export async function startProductScheduler(input: ProductSchedulerInput): Promise<ProductScheduler> {
  const clock = input.clock ?? realClock;
  const target = parseDatabaseTarget(input.databaseUrl);
  const kind: SchedulerKind = input.kind ?? (target.dialect === 'postgres' ? 'pg-boss' : 'embedded');
  const store = await openDatabase(input.databaseUrl);
  const progress = input.progress ?? createSyncProgressHub();
  const stopRelaying = store.syncProgressChannel === undefined ? undefined : relaySyncProgress(progress, store.syncProgressChannel, input.logger);
  try {
    const secretKey = secretKeyLocation(input.databaseUrl, input.env);
    // Every scheduled sync and Sync Now tells the webhooks; delivery runs beside the syncs and never holds one up.
    const notifier = createStoreWebhookNotifier({
      store,
      secretKey,
      delivery: { fetch, sleep: realSleep, nowSeconds: () => Math.floor(clock() / 1000), logger: input.logger, ...input.webhookDelivery },
      now: () => new Date(clock()),
    });
    const deps: SchedulerDeps = {
      // GitHub connections run on the same scheduler (src/schedule/github-connection-sync.ts).
      connections: withGithubConnections(store, storeConnectionSchedules(store)),
      leases: store.leases,
      runSync: withGithubSyncs({ store, secretKey, env: input.env, clock, logger: input.logger, evidence: { root: evidenceRoot(input.databaseUrl, input.env), keyDir: resolveKeyDirectory(undefined, input.env, input.databaseUrl) } }, createConnectionSyncRunner({
        store,
        databaseUrl: input.databaseUrl,
        env: input.env,
        secretKey,
        clock,
        logger: input.logger,
        clientTuning: input.clientTuning,
        progressFor: (org) => progress.listenerFor(org),
        notifier,
      })),
      clock: input.scheduleScale === undefined ? realScheduleClock(clock) : scaledScheduleClock(clock, input.scheduleScale),
      // Leases live on real time whatever the schedule's clock: a dead worker's lease lapses after its real TTL.
      lease: { clock },
      random: Math.random,
      sleep: realSleep,
      logger: input.logger,
      concurrency: input.concurrency,
      onReport: input.onReport,
      notifier,
    };
    const scheduler =
      kind === 'embedded' ? createEmbeddedScheduler(deps) : createPgBossScheduler({ ...deps, databaseUrl: input.databaseUrl, work: input.work });
    await scheduler.start();
    return {
      kind,
      scheduler,
      store,
      async close() {
        try {
          await scheduler.stop();
          await drainWebhooks(notifier);
        } finally {
          stopRelaying?.();
          await store.close();
        }
      },
    };
  } catch (error) {
    stopRelaying?.();
    await store.close();
    throw error;
  }
}

/** Waits for deliveries under way, at most WEBHOOK_DRAIN_MS (a receiver that is down is retried for longer). */
async function drainWebhooks(notifier: BackgroundNotifier): Promise<void> {
  const timer = new AbortController();
  try {
    await Promise.race([notifier.idle(), realSleep(WEBHOOK_DRAIN_MS, timer.signal).catch(() => undefined)]);
  } finally {
    timer.abort();
  }
}
