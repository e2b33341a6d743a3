import { describe, expect, it } from 'vitest';
import { BENCH_SCHEDULE_ORIGIN_ENV, BENCH_SCHEDULE_SCALE_ENV, benchScheduleScale, benchScheduleWarning } from './bench-schedule.js';
import { ConfigError } from './errors.js';

const ORIGIN = String(Date.UTC(2026, 0, 1));

describe('the benchmark-only scaled schedule', () => {
  it('is off unless both variables are set (blank counts as unset)', () => {
    expect(benchScheduleScale({})).toBeUndefined();
    expect(benchScheduleScale({ [BENCH_SCHEDULE_SCALE_ENV]: ' ', [BENCH_SCHEDULE_ORIGIN_ENV]: '' })).toBeUndefined();
    expect(benchScheduleScale({ [BENCH_SCHEDULE_SCALE_ENV]: '120', [BENCH_SCHEDULE_ORIGIN_ENV]: ORIGIN })).toEqual({ scale: 120, originMs: Date.UTC(2026, 0, 1) });
  });

  it('refuses one without the other, and a scale or origin that is not a number in range, naming the variable', () => {
    expect(() => benchScheduleScale({ [BENCH_SCHEDULE_SCALE_ENV]: '120' })).toThrow(new ConfigError(`${BENCH_SCHEDULE_SCALE_ENV} and ${BENCH_SCHEDULE_ORIGIN_ENV} go together (a benchmark setting): set both, or neither for a real installation.`));
    for (const scale of ['fast', '0', '0.5', '100000', 'Infinity']) {
      expect(() => benchScheduleScale({ [BENCH_SCHEDULE_SCALE_ENV]: scale, [BENCH_SCHEDULE_ORIGIN_ENV]: ORIGIN })).toThrow(`${BENCH_SCHEDULE_SCALE_ENV} must be a number from 1 to 10000`);
    }
    for (const origin of ['yesterday', '-5', '1.5']) {
      expect(() => benchScheduleScale({ [BENCH_SCHEDULE_SCALE_ENV]: '2', [BENCH_SCHEDULE_ORIGIN_ENV]: origin })).toThrow(`${BENCH_SCHEDULE_ORIGIN_ENV} must be an instant in epoch milliseconds`);
    }
  });

  it('warns in words that it is not for a real installation', () => {
    expect(benchScheduleWarning({ scale: 120, originMs: 1 })).toMatch(/^WARNING: OKTA_EVIDENCE_BENCH_SCHEDULE_SCALE=120 is a benchmark setting: the schedule runs 120 times faster .* for a real installation\.$/);
  });
});
