import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { realClock, realSleep, silentLogger } from '../src/config/runtime.js';
import { createEmbeddedScheduler } from '../src/schedule/embedded-scheduler.js';
import { realScheduleClock } from '../src/schedule/scheduler-loop.js';
import { storeConnectionSchedules } from '../src/schedule/store-connections.js';
import { openDatabase } from '../src/store/database.js';
import { defineScenario, type BenchResult } from './scenario.js';

const CONNECTIONS = 30;
const TICKS = 1_000;
/** The loop's cadence here: far faster than the product's 60 s, so 1,000 ticks fit in seconds. */
const TICK_MS = 20;
/** The product's longest sleep when nothing is due (`startSchedulerLoop`'s default). */
const PRODUCT_MAX_SLEEP_MS = 60_000;
const MB = 1_048_576;

/**
 * The embedded scheduler idling over SQLite: 30 stored connections, none due for hours, the loop forced to tick every
 * 20 ms for 1,000 ticks (each tick reads every connection and lease, as a real one does). Measures CPU per tick and the
 * heap after 100 and after 1,000 ticks; the idle CPU share is CPU per tick over the product's tick spacing (it sleeps
 * until the next due run, at most 60 s), and the forced cadence's own share is reported beside it.
 */
export const schedulerIdle = defineScenario({
  id: 'scheduler-idle',
  description: `embedded scheduler, ${CONNECTIONS} connections none due, ${TICKS} ticks, SQLite`,
  run: runIdle,
});

async function runIdle(): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'oe-bench-idle-'));
  const store = await openDatabase(join(dir, 'idle.sqlite'));
  try {
    const later = new Date(Date.now() + 6 * 3_600_000);
    for (let i = 0; i < CONNECTIONS; i += 1) {
      const connection = await store.connections.create({
        name: `org-${i}`,
        domain: `org-${i}.okta.com`,
        baseUrl: null,
        proxyUrl: null,
        credential: { kind: 'ssws' },
        sealedSecret: 'never-opened: nothing is due',
        settings: { autoSync: true, syncIntervalS: 21_600, logWindowDays: 7, budgetS: 300, eventTypes: null, evidenceRetention: 10 },
      });
      await store.connections.updateSchedule(connection.id, { nextRunAt: later });
    }
    let ticks = 0;
    let tick100: { cpu: NodeJS.CpuUsage; heap: number; at: number } | undefined;
    let done: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (done = resolve));
    const scheduler = createEmbeddedScheduler({
      connections: storeConnectionSchedules(store),
      leases: store.leases,
      runSync: () => Promise.reject(new Error('nothing is due in the idle bench')),
      clock: realScheduleClock(realClock),
      random: Math.random,
      // Counts the loop's sleeps: one per tick.
      sleep: async (ms, signal) => {
        ticks += 1;
        if (ticks === 100) {
          globalThis.gc?.();
          tick100 = { cpu: process.cpuUsage(), heap: process.memoryUsage().heapUsed, at: performance.now() };
        }
        if (ticks === TICKS + 100) done();
        await realSleep(ms, signal);
      },
      logger: silentLogger,
      maxSleepMs: TICK_MS,
    });
    await scheduler.start();
    await finished;
    const cpu = process.cpuUsage(tick100?.cpu);
    const wallMs = performance.now() - (tick100?.at ?? 0);
    await scheduler.stop();
    globalThis.gc?.();
    const heapGrowthMb = (process.memoryUsage().heapUsed - (tick100?.heap ?? 0)) / MB;
    const cpuMsPerTick = (cpu.user + cpu.system) / 1000 / TICKS;
    const idleCpuPercent = (cpuMsPerTick / PRODUCT_MAX_SLEEP_MS) * 100;
    const figures = {
      ticks: TICKS,
      cpuMsPerTick: Number(cpuMsPerTick.toFixed(3)),
      idleCpuPercentAt60sTicks: Number(idleCpuPercent.toFixed(4)),
      cpuPercentAt20msTicks: Number((((cpu.user + cpu.system) / 1000 / wallMs) * 100).toFixed(1)),
      heapGrowthMb: Number(heapGrowthMb.toFixed(2)),
      gcExposed: globalThis.gc === undefined ? 'no' : 'yes',
    };
    return { scenario: 'scheduler-idle', figures, target: '< 1 % CPU idle, heap growth < 2 MB over 1,000 ticks', passed: idleCpuPercent < 1 && heapGrowthMb < 2 };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
