import { describe, expect, it } from 'vitest';
import { formatDurationShort, parseDuration } from './duration.js';
import { parseSyncInterval, SYNC_INTERVAL } from './settings.js';

const RANGE = { name: '--sync-interval', minMs: SYNC_INTERVAL.minMs, maxMs: SYNC_INTERVAL.maxMs };

describe('parseDuration', () => {
  it('reads hours, minutes, seconds, days and combinations', () => {
    expect(parseDuration('6h', RANGE)).toBe(6 * 3_600_000);
    expect(parseDuration('15m', RANGE)).toBe(15 * 60_000);
    expect(parseDuration('1h30m', RANGE)).toBe(90 * 60_000);
    expect(parseDuration(' 1D ', RANGE)).toBe(86_400_000);
    expect(parseDuration('90s', { name: 'x', minMs: 1000, maxMs: 100_000 })).toBe(90_000);
  });

  it.each([
    ['6x', '--sync-interval must be a duration such as 6h, 15m or 90s (between 15m and 24h), got "6x"'],
    ['0', '--sync-interval must be a duration such as 6h, 15m or 90s (between 15m and 24h), got "0"'],
    ['90', '--sync-interval must be a duration such as 6h, 15m or 90s (between 15m and 24h), got "90"'],
    ['-1h', '--sync-interval must be a duration such as 6h, 15m or 90s (between 15m and 24h), got "-1h"'],
    ['', '--sync-interval must be a duration such as 6h, 15m or 90s (between 15m and 24h), got ""'],
    ['25h', '--sync-interval must be between 15m and 24h, got "25h"'],
    ['0h', '--sync-interval must be between 15m and 24h, got "0h"'],
    ['14m', '--sync-interval must be between 15m and 24h, got "14m"'],
  ])('refuses %j with one line', (input, message) => {
    expect(() => parseDuration(input, RANGE)).toThrow(message);
  });

  it('accepts the range bounds', () => {
    expect(parseSyncInterval('15m')).toBe(SYNC_INTERVAL.minMs);
    expect(parseSyncInterval('24h')).toBe(SYNC_INTERVAL.maxMs);
  });

  it('formats what it reads back', () => {
    for (const text of ['6h', '15m', '1h30m', '1m30s', '24h']) expect(formatDurationShort(parseDuration(text, { name: 'x', minMs: 1, maxMs: 1e9 }))).toBe(text);
  });
});
