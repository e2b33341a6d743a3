import type { Clock, Logger, Sleep } from '../config/runtime.js';
import type { SyncLeaseRepository } from '../store/store.js';
import type { ConnectionScheduleSource, ScheduledConnection } from './schedule-state.js';
import { planTick } from './tick-plan.js';

/** The schedule's time: `now` and how long a span of it lasts in real milliseconds (the soak bench scales it). */
export interface ScheduleClock {
  now: Clock;
  realDelayMs(scheduleMs: number): number;
}

export const realScheduleClock = (clock: Clock): ScheduleClock => ({ now: clock, realDelayMs: (ms) => ms });

/**
 * A schedule `scale` times faster than `clock`, reading `clock`'s time at `originMs` (benchmarks only: every process
 * of one bench shares the origin, so they agree on the schedule's time).
 */
export const scaledScheduleClock = (clock: Clock, { scale, originMs }: { scale: number; originMs: number }): ScheduleClock => ({
  now: () => originMs + (clock() - originMs) * scale,
  realDelayMs: (ms) => ms / scale,
});

/** Where due syncs go: run here (embedded) or onto the queue (pg-boss). */
export interface Dispatcher {
  /**
   * Hands the connections' syncs over (resumes of a dead holder's sync first, then due first first); resolves once
   * they are started or queued. `resuming` names the resumes, for a queue to take them before the others.
   */
  dispatch(connections: readonly ScheduledConnection[], resuming: ReadonlySet<string>): Promise<void>;
  /** How many more syncs may be handed over now. */
  capacity(): number;
  /** Connections handed over and not yet finished here. */
  inFlight(): ReadonlySet<string>;
  /**
   * When syncs handed over finish elsewhere (other workers), look again after this long in case one is still due; the
   * embedded dispatcher wakes the loop itself when a sync ends and leaves this undefined.
   */
  readonly recheckMs?: number | undefined;
}

export interface SchedulerLoopDeps {
  connections: ConnectionScheduleSource;
  leases: SyncLeaseRepository;
  clock: ScheduleClock;
  /** The leases' clock (default: the schedule's). */
  leaseClock?: Clock | undefined;
  sleep: Sleep;
  logger: Logger;
  dispatcher: Dispatcher;
  /**
   * The longest sleep, in real ms (default 60 s): connections added or changed by another process (a CLI `connect`,
   * another server) are seen within this. Otherwise the loop sleeps until the next due run.
   */
  maxSleepMs?: number | undefined;
}

export interface SchedulerLoop {
  /** Looks again at once (a sync ended, Sync Now, a connection changed). */
  wake(): void;
  /** Ends the loop after the current tick; resolves when it has. */
  stop(): Promise<void>;
  /** Ticks so far (the idle bench counts them). */
  ticks(): number;
}

const DEFAULT_MAX_SLEEP_MS = 60_000;
/** After a tick failed (the database was unreachable), try again after this long. */
const TICK_RETRY_MS = 5_000;

/**
 * The scheduling loop both schedulers share: read the connections and leases, hand the due syncs over, and sleep until
 * the next due time, a lease that may lapse, or a wake-up — never a busy poll. The connections' stored state is the
 * only schedule; the loop keeps none of its own.
 */
export function startSchedulerLoop(deps: SchedulerLoopDeps): SchedulerLoop {
  const maxSleepMs = deps.maxSleepMs ?? DEFAULT_MAX_SLEEP_MS;
  const leaseClock = deps.leaseClock ?? deps.clock.now;
  // Changed by wake() and stop() while the loop awaits; an object so the loop re-reads them after each await.
  const flags = { stopped: false, pendingWake: false };
  let sleeper = new AbortController();
  let ticks = 0;

  const tick = async (): Promise<number> => {
    const [connections, leases] = await Promise.all([deps.connections.listScheduled(), deps.leases.list()]);
    const nowMs = deps.clock.now();
    const leaseNowMs = leaseClock();
    const plan = planTick({ connections, leases, nowMs, leaseNowMs, inFlight: deps.dispatcher.inFlight() });
    const batch = flags.stopped ? [] : plan.start.slice(0, Math.max(0, deps.dispatcher.capacity()));
    if (batch.length > 0) await deps.dispatcher.dispatch(batch, plan.resuming);
    const dispatched = batch.length;
    const delays = [maxSleepMs];
    if (plan.wakeAtMs !== undefined) delays.push(deps.clock.realDelayMs(plan.wakeAtMs - nowMs));
    if (plan.leaseWakeAtMs !== undefined) delays.push(plan.leaseWakeAtMs - leaseNowMs);
    if (dispatched > 0 && deps.dispatcher.recheckMs !== undefined) delays.push(deps.dispatcher.recheckMs);
    return Math.max(0, Math.min(...delays));
  };

  // A function, so the loop reads the flags as they are after its awaits (wake() and stop() change them meanwhile).
  const skipSleep = () => flags.stopped || flags.pendingWake;

  const loop = async () => {
    while (!flags.stopped) {
      ticks += 1;
      flags.pendingWake = false;
      let delayMs: number;
      try {
        delayMs = await tick();
      } catch (error) {
        deps.logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'scheduling tick failed; trying again');
        delayMs = Math.min(TICK_RETRY_MS, maxSleepMs);
      }
      if (skipSleep()) continue;
      await deps.sleep(delayMs, sleeper.signal).catch(() => undefined);
      if (sleeper.signal.aborted) sleeper = new AbortController();
    }
  };
  const done = loop();

  return {
    wake() {
      flags.pendingWake = true;
      sleeper.abort();
    },
    async stop() {
      flags.stopped = true;
      sleeper.abort();
      await done;
    },
    ticks: () => ticks,
  };
}
