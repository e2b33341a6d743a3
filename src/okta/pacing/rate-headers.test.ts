import { describe, expect, it } from 'vitest';
import { headerValue, readRateLimitHeaders } from './rate-headers.js';

describe('readRateLimitHeaders', () => {
  it('reads Limit, Remaining, Reset and Date, case-insensitively', () => {
    expect(
      readRateLimitHeaders({ 'X-Rate-Limit-Limit': '600', 'x-rate-limit-remaining': '598', 'x-rate-limit-reset': '1609459200', date: 'Fri, 01 Jan 2021 00:00:00 GMT' }),
    ).toEqual({ limit: 600, remaining: 598, resetEpochSeconds: 1609459200, resetWasAmbiguous: false, serverDateMs: Date.UTC(2021, 0, 1) });
  });

  it('takes the latest of differing Reset values and the tightest Limit/Remaining', () => {
    const rate = readRateLimitHeaders({ 'x-rate-limit-reset': ['100', '160'], 'x-rate-limit-limit': '600, 300', 'x-rate-limit-remaining': ['10', '4'] });
    expect(rate).toMatchObject({ resetEpochSeconds: 160, resetWasAmbiguous: true, limit: 300, remaining: 4 });
    expect(readRateLimitHeaders({ 'x-rate-limit-reset': '100, 100' }).resetWasAmbiguous).toBe(false);
  });

  it('ignores absent or garbled values', () => {
    expect(readRateLimitHeaders({ 'x-rate-limit-limit': 'lots', 'x-rate-limit-reset': '12x', date: 'yesterday' })).toEqual({ resetWasAmbiguous: false });
  });
});

describe('headerValue', () => {
  it('joins repeated headers like fetch', () => {
    expect(headerValue({ Link: ['<a>; rel=self', '<b>; rel=next'] }, 'link')).toBe('<a>; rel=self, <b>; rel=next');
    expect(headerValue({}, 'link')).toBeUndefined();
  });
});
