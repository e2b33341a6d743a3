import { describe, expect, it, vi } from 'vitest';
import { silentLogger, type Sleep } from '../config/runtime.js';
import type { SyncLeaseRepository } from '../store/store.js';
import type { SyncLease } from '../store/types.js';
import { scaledScheduleClock, startSchedulerLoop, type Dispatcher } from './scheduler-loop.js';
import { memoryConnections } from './testing/memory-connections.js';

const T0 = Date.UTC(2026, 0, 1, 12);
const HOUR = 3_600_000;

/** Leases as a list the test sets; only `list` is read by the loop. */
function leaseList(leases: SyncLease[] = []): SyncLeaseRepository {
  const fail = () => Promise.reject(new Error('not used by the loop'));
  return { list: () => Promise.resolve(leases), acquire: fail, renew: fail, release: fail, forceRelease: fail, get: fail };
}

/** A sleep that records each requested delay and returns only when the test releases it (or the loop is woken). */
function controlledSleep() {
  const delays: number[] = [];
  let release: (() => void) | undefined;
  const sleep: Sleep = (ms, signal) =>
    new Promise((resolve, reject) => {
      delays.push(ms);
      release = () => resolve();
      signal?.addEventListener('abort', () => reject(new Error('woken')), { once: true });
    });
  return { sleep, delays, release: () => release?.() };
}

function recordingDispatcher(): Dispatcher & { dispatched: string[] } {
  const dispatched: string[] = [];
  return { dispatched, dispatch: (list) => (dispatched.push(...list.map((c) => c.id)), Promise.resolve()), capacity: () => 10, inFlight: () => new Set() };
}

describe('the scheduling loop', () => {
  it('sleeps until the next due run (capped), never polling in between', async () => {
    const connections = memoryConnections();
    connections.add({ id: 'a', schedule: { nextRunAt: new Date(T0 + 30_000) } });
    connections.add({ id: 'b', schedule: { nextRunAt: new Date(T0 + 2 * HOUR) } });
    const timer = controlledSleep();
    const dispatcher = recordingDispatcher();
    const loop = startSchedulerLoop({
      connections,
      leases: leaseList(),
      clock: { now: () => T0, realDelayMs: (ms) => ms },
      sleep: timer.sleep,
      logger: silentLogger,
      dispatcher,
      maxSleepMs: 60_000,
    });
    await vi.waitFor(() => expect(timer.delays).toEqual([30_000]));
    expect(dispatcher.dispatched).toEqual([]);
    expect(loop.ticks()).toBe(1);
    await loop.stop();
  });

  it('a scaled schedule clock (benchmarks) reads real time at its origin and runs `scale` times faster after it', () => {
    let real = T0;
    const clock = scaledScheduleClock(() => real, { scale: 120, originMs: T0 });
    expect(clock.now()).toBe(T0);
    real = T0 + 30_000;
    expect(clock.now()).toBe(T0 + HOUR);
    expect(clock.realDelayMs(HOUR)).toBe(30_000);
  });

  it('with nothing planned sleeps the maximum; a scaled clock shortens the real sleep', async () => {
    const connections = memoryConnections();
    connections.add({ id: 'a', schedule: { nextRunAt: new Date(T0 + HOUR) } });
    const timer = controlledSleep();
    const loop = startSchedulerLoop({
      connections,
      leases: leaseList(),
      clock: scaledScheduleClock(() => T0, { scale: 720, originMs: T0 }),
      sleep: timer.sleep,
      logger: silentLogger,
      dispatcher: recordingDispatcher(),
      maxSleepMs: 60_000,
    });
    await vi.waitFor(() => expect(timer.delays).toEqual([5_000]));
    await loop.stop();
    const idle = controlledSleep();
    const empty = startSchedulerLoop({ connections: memoryConnections(), leases: leaseList(), clock: { now: () => T0, realDelayMs: (ms) => ms }, sleep: idle.sleep, logger: silentLogger, dispatcher: recordingDispatcher(), maxSleepMs: 60_000 });
    await vi.waitFor(() => expect(idle.delays).toEqual([60_000]));
    await empty.stop();
  });

  it('dispatches due connections, wakes at a live lease’s lapse for a due one, and ticks again when woken', async () => {
    const connections = memoryConnections();
    connections.add({ id: 'due', schedule: { nextRunAt: new Date(T0 - 1) } });
    connections.add({ id: 'leased', schedule: { nextRunAt: new Date(T0 - 1) } });
    const at = new Date(T0);
    const timer = controlledSleep();
    const dispatcher = recordingDispatcher();
    const loop = startSchedulerLoop({
      connections,
      leases: leaseList([{ org: 'leased.example.com', holder: { id: 'h', host: 'x', pid: 1 }, acquiredAt: at, heartbeatAt: at, expiresAt: new Date(T0 + 12_000) }]),
      clock: { now: () => T0, realDelayMs: (ms) => ms },
      sleep: timer.sleep,
      logger: silentLogger,
      dispatcher,
      maxSleepMs: 60_000,
    });
    await vi.waitFor(() => expect(timer.delays).toEqual([12_000]));
    expect(dispatcher.dispatched).toEqual(['due']);
    loop.wake();
    await vi.waitFor(() => expect(loop.ticks()).toBe(2));
    await loop.stop();
  });

  it('survives a tick that fails (database unreachable) and tries again shortly', async () => {
    const connections = memoryConnections();
    const failing = { ...connections, listScheduled: () => Promise.reject(new Error('connection refused')) };
    const timer = controlledSleep();
    const loop = startSchedulerLoop({ connections: failing, leases: leaseList(), clock: { now: () => T0, realDelayMs: (ms) => ms }, sleep: timer.sleep, logger: silentLogger, dispatcher: recordingDispatcher() });
    await vi.waitFor(() => expect(timer.delays).toEqual([5_000]));
    await loop.stop();
  });
});
