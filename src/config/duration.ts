import { ConfigError } from './errors.js';

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
type Unit = keyof typeof UNIT_MS;

/** `6h`, `15m`, `90s`, `1d`, or parts of them together (`1h30m`): whole numbers, each with its unit. */
const DURATION = /^(?:\d{1,6}[smhd])+$/;

/** A range a duration must fall in, and the name the error messages give it (a flag or a setting). */
export interface DurationRange {
  name: string;
  minMs: number;
  maxMs: number;
}

/**
 * Parses a human duration into milliseconds and checks it against `range`. Every refusal is one line naming the
 * setting, the accepted form and range, and what was given: `"6x"` (no such unit), `0` or `"90"` (no unit: seconds
 * or minutes would be a guess), `"25h"` (out of range).
 */
export function parseDuration(input: string, range: DurationRange): number {
  const text = input.trim().toLowerCase();
  const allowed = `between ${formatDurationShort(range.minMs)} and ${formatDurationShort(range.maxMs)}`;
  if (!DURATION.test(text)) {
    throw new ConfigError(`${range.name} must be a duration such as 6h, 15m or 90s (${allowed}), got "${input}"`);
  }
  let ms = 0;
  for (const [, amount, unit] of text.matchAll(/(\d+)([smhd])/g)) ms += Number(amount) * UNIT_MS[unit as Unit];
  if (ms < range.minMs || ms > range.maxMs) throw new ConfigError(`${range.name} must be ${allowed}, got "${input}"`);
  return ms;
}

/** The shortest exact spelling `parseDuration` reads back, in hours at most: `6h`, `15m`, `1h30m`, `24h`; 90 s is `1m30s`. */
export function formatDurationShort(ms: number): string {
  if (ms <= 0 || !Number.isInteger(ms / 1000)) return `${ms}ms`;
  let rest = ms;
  let out = '';
  for (const unit of ['h', 'm', 's'] as const) {
    const size = UNIT_MS[unit];
    if (rest >= size) {
      out += `${Math.floor(rest / size)}${unit}`;
      rest %= size;
    }
  }
  return out;
}
