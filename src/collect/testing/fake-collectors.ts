/**
 * Small collectors and a stats-only client for testing the sync run without HTTP: they write synthetic records
 * (example.com only) into the building snapshot the way the real collectors do, and can fail or stall on cue.
 */
import { OktaClientError } from '../../okta/errors.js';
import type { OktaClient } from '../../okta/client.js';
import type { StatsSnapshot } from '../../okta/transport-stats.js';
import { makeFactor, makeLogEvent, makeUser, paddedId } from '../../store/testing/fixtures.js';
import type { CollectionErrorRecord, DatasetStatus, LogCursor } from '../../store/types.js';
import type { Schedule } from '../budget.js';
import { defineCollector, SIGN_IN_STATUSES, type CollectContext, type Collector, type CollectResult } from '../collector.js';

/** A client whose only working method is `stats`; fake collectors count their "requests" on it. */
export function statsOnlyClient(): OktaClient & { count(bucket: string, throttled?: boolean): void } {
  const stats: StatsSnapshot = {
    requests: 0,
    requestsByBucket: {},
    throttled: 0,
    throttledByBucket: {},
    concurrencyThrottled: 0,
    retries: 0,
    challenges: 0,
    peakConcurrency: 0,
    concurrencyLimit: 10,
  };
  const unused = (): never => {
    throw new Error('fake collectors do not call Okta');
  };
  return {
    baseUrl: new URL('https://example.okta.com'),
    get: unused,
    request: unused,
    paginate: unused,
    stats: () => structuredClone(stats),
    close: () => Promise.resolve(),
    count(bucket, throttled = false) {
      stats.requests += 1;
      stats.requestsByBucket[bucket] = (stats.requestsByBucket[bucket] ?? 0) + 1;
      if (throttled) stats.throttled += 1;
    },
  };
}

/** A budget timer the test fires itself (`expire`), e.g. when a collector reaches a given point. */
export function manualSchedule(): { schedule: Schedule; expire: () => void } {
  let callback: (() => void) | undefined;
  return {
    schedule: (fire) => {
      callback = fire;
      return () => (callback = undefined);
    },
    expire: () => callback?.(),
  };
}

/** What the client throws when the budget's signal aborts a request. */
export function abortedError(): OktaClientError {
  return new OktaClientError('OKTA_ABORTED', 'GET /api/v1/users was aborted: the sync was cancelled or ran out of time.');
}

export interface FakeHooks {
  /** Runs before the collector writes anything; throw from it to fail the collector. */
  before?: (ctx: CollectContext) => Promise<void> | void;
}

function complete(dataset: DatasetStatus['dataset'], count: number): DatasetStatus {
  return { dataset, state: 'complete', count };
}

/** `users`: ids u000001…, the last `deprovisioned` of them DEPROVISIONED; `unparsed` become collection errors. */
export function fakeUsers(options: { users: number; deprovisioned?: number; unparsed?: string[] } & FakeHooks): Collector & { runs: number } {
  const collector = {
    runs: 0,
    ...defineCollector({
      id: 'users',
      datasets: ['users'],
      dependsOn: [],
      async collect(ctx): Promise<CollectResult> {
        collector.runs += 1;
        await options.before?.(ctx);
        const active = options.users - (options.deprovisioned ?? 0);
        const users = Array.from({ length: options.users }, (_, i) =>
          makeUser({ id: paddedId('u', i + 1), status: i < active ? 'ACTIVE' : 'DEPROVISIONED' }),
        );
        (ctx.client as ReturnType<typeof statsOnlyClient>).count('GET /api/v1/users');
        await ctx.store.entities.upsert('users', ctx.snapshotId, users);
        ctx.progress('users', { count: users.length });
        const errors: CollectionErrorRecord[] = (options.unparsed ?? []).map((entityId) => ({ dataset: 'users', entityId, message: 'profile.login is missing' }));
        return { datasets: [{ ...complete('users', users.length), ...(errors.length > 0 ? { state: 'partial' as const } : {}) }], errors };
      },
    }),
  };
  return collector;
}

/**
 * `factors`: one factor per sign-in user still pending in the snapshot's progress, so a resumed run reads only the
 * rest. `stallAfter` users, it calls `onStall` (e.g. expire the budget) and then waits for the signal to abort.
 */
export function fakeFactors(options: { stallAfter?: number; onStall?: () => void } & FakeHooks = {}): Collector & { usersRead: string[] } {
  const collector = {
    usersRead: [] as string[],
    ...defineCollector({
      id: 'factors',
      datasets: ['factors'],
      dependsOn: ['users'],
      async collect(ctx): Promise<CollectResult> {
        await options.before?.(ctx);
        let readNow = 0;
        for await (const userId of ctx.store.progress.streamPendingUsers(ctx.snapshotId, 'factors', { statuses: SIGN_IN_STATUSES })) {
          if (readNow === options.stallAfter) {
            options.onStall?.();
            await untilAborted(ctx.signal);
          }
          (ctx.client as ReturnType<typeof statsOnlyClient>).count('GET /api/v1/users/{id}');
          await ctx.store.entities.replaceChildren('factors', ctx.snapshotId, userId, [makeFactor({ userId, id: `f-${userId}` })]);
          await ctx.store.progress.markVerified(ctx.snapshotId, 'factors', [userId], new Date(ctx.clock()));
          collector.usersRead.push(userId);
          readNow += 1;
        }
        return { datasets: [complete('factors', readNow)], errors: [] };
      },
    }),
  };
  return collector;
}

/** `logEvents`: stores three events of the last minutes and returns a cursor at the clock's time. */
export function fakeSystemLog(hooks: FakeHooks = {}): Collector & { cursorsSeen: (LogCursor | null)[] } {
  const collector = {
    cursorsSeen: [] as (LogCursor | null)[],
    ...defineCollector({
      id: 'system-log',
      datasets: ['logEvents'],
      dependsOn: [],
      async collect(ctx): Promise<CollectResult> {
        collector.cursorsSeen.push(ctx.logCursor);
        await hooks.before?.(ctx);
        const now = ctx.clock();
        const events = [1, 2, 3].map((n) => makeLogEvent({ uuid: `uuid-${now}-${n}`, published: new Date(now - n * 60_000) }));
        await ctx.store.logEvents.insert(ctx.org, events);
        return { datasets: [complete('logEvents', events.length)], errors: [], logCursor: { until: new Date(now), lastUuids: ['uuid-3'] } };
      },
    }),
  };
  return collector;
}

/** A collector for `dataset` that only runs its hook and reports the dataset complete with no rows. */
export function fakeEmpty(id: string, dataset: DatasetStatus['dataset'], hooks: FakeHooks & { dependsOn?: string[]; waitsFor?: string[] } = {}): Collector {
  return defineCollector({
    id,
    datasets: [dataset],
    dependsOn: hooks.dependsOn ?? [],
    waitsFor: hooks.waitsFor ?? [],
    async collect(ctx) {
      await hooks.before?.(ctx);
      return { datasets: [complete(dataset, 0)], errors: [] };
    },
  });
}

export function untilAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => {
    if (signal.aborted) reject(abortedError());
    signal.addEventListener('abort', () => reject(abortedError()), { once: true });
  });
}
