import { envValue, type Env } from './env.js';
import { ConfigError } from './errors.js';

/**
 * A benchmark-only setting: the scheduler's clock runs `scale` times faster than real time, so the scheduler soak
 * (`bench/scheduler-soak.ts`) can cover 48 hours of hourly syncs in minutes with real `okta-evidence worker`
 * processes. Only the schedule is scaled (due times, intervals, backoff); sync leases, heartbeats and the syncs
 * themselves stay on real time. Never for a real installation: due times stored on the connections are on the scaled
 * clock, so the same database run without it finds them far in the future.
 */
export const BENCH_SCHEDULE_SCALE_ENV = 'OKTA_EVIDENCE_BENCH_SCHEDULE_SCALE';
/** The real instant (epoch ms) at which the scaled clock reads real time: every worker of one bench shares it. */
export const BENCH_SCHEDULE_ORIGIN_ENV = 'OKTA_EVIDENCE_BENCH_SCHEDULE_ORIGIN';

const MAX_SCALE = 10_000;

export interface BenchScheduleScale {
  scale: number;
  originMs: number;
}

/** The scaled schedule asked for, or undefined when unset; a bad or half-given setting is a ConfigError. */
export function benchScheduleScale(env: Env): BenchScheduleScale | undefined {
  const scaleText = envValue(env, BENCH_SCHEDULE_SCALE_ENV);
  const originText = envValue(env, BENCH_SCHEDULE_ORIGIN_ENV);
  if (scaleText === undefined && originText === undefined) return undefined;
  if (scaleText === undefined || originText === undefined) {
    throw new ConfigError(`${BENCH_SCHEDULE_SCALE_ENV} and ${BENCH_SCHEDULE_ORIGIN_ENV} go together (a benchmark setting): set both, or neither for a real installation.`);
  }
  const scale = Number(scaleText);
  if (!Number.isFinite(scale) || scale < 1 || scale > MAX_SCALE) {
    throw new ConfigError(`${BENCH_SCHEDULE_SCALE_ENV} must be a number from 1 to ${MAX_SCALE} (how many times faster than real time the schedule runs), got "${scaleText}".`);
  }
  const originMs = Number(originText);
  if (!Number.isSafeInteger(originMs) || originMs <= 0) {
    throw new ConfigError(`${BENCH_SCHEDULE_ORIGIN_ENV} must be an instant in epoch milliseconds (e.g. ${Date.UTC(2026, 0, 1)}), got "${originText}".`);
  }
  return { scale, originMs };
}

/** The line `run` and `worker` print when the setting is on, so nobody mistakes a bench process for a real one. */
export function benchScheduleWarning(setting: BenchScheduleScale): string {
  return (
    `WARNING: ${BENCH_SCHEDULE_SCALE_ENV}=${setting.scale} is a benchmark setting: the schedule runs ${setting.scale} times faster than real time ` +
    `and the due times it stores are on that clock. Unset it (and ${BENCH_SCHEDULE_ORIGIN_ENV}) for a real installation.`
  );
}
