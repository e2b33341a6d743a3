import { describe, expect, it } from 'vitest';
import { backoffMs, decideRetry, type RetryInput } from './retry.js';

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);
const base: RetryInput = { attempt: 1, method: 'GET', headers: {}, now: NOW, maxAttempts: 4, baseDelayMs: 500, random: () => 0.5 };

function rateHeaders(limit: number, resetInS: number, extra: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return { 'x-rate-limit-limit': String(limit), 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(NOW / 1000 + resetInS), ...extra };
}

describe('decideRetry', () => {
  it('waits for a 429 until Reset − Date + 1 s, for any method', () => {
    const serverDate = NOW + 2000; // server clock 2 s ahead of ours: the wait is measured on its clock
    const d = decideRetry({ ...base, status: 429, headers: rateHeaders(600, 30), serverDate });
    expect(d).toMatchObject({ retry: true, waitMs: 30_000 - 2000 + 1000 });
    expect(decideRetry({ ...base, method: 'POST', status: 429, headers: rateHeaders(600, 30) }).waitMs).toBe(31_000);
  });

  it('falls back to the local clock without a Date header, and never waits less than the 1 s margin', () => {
    expect(decideRetry({ ...base, status: 429, headers: rateHeaders(600, 10) }).waitMs).toBe(11_000);
    expect(decideRetry({ ...base, status: 429, headers: rateHeaders(600, -5) }).waitMs).toBe(1000);
  });

  it('takes the latest of several different Reset values (duplicate-header guard, OKTA-112507)', () => {
    const headers = rateHeaders(600, 10, { 'x-rate-limit-reset': [String(NOW / 1000 + 10), String(NOW / 1000 + 20)] });
    const d = decideRetry({ ...base, status: 429, headers });
    expect(d.waitMs).toBe(21_000);
    expect(d.reason).toContain('several Reset values');
    const joined = decideRetry({ ...base, status: 429, headers: { 'x-rate-limit-reset': `${NOW / 1000 + 5}, ${NOW / 1000 + 7}` } });
    expect(joined.waitMs).toBe(8000);
  });

  it('backs off when a 429 has no usable Reset', () => {
    expect(decideRetry({ ...base, status: 429, headers: { 'x-rate-limit-reset': 'soon' } })).toMatchObject({ retry: true, waitMs: 250 });
  });

  it('does not wait for a reset far in the future', () => {
    expect(decideRetry({ ...base, status: 429, headers: rateHeaders(600, 3600) })).toMatchObject({ retry: false });
  });

  it('treats a concurrency 429 (Limit: 0) as a short wait and a signal to lower concurrency', () => {
    const d = decideRetry({ ...base, status: 429, headers: rateHeaders(0, 1), random: () => 0 });
    expect(d).toMatchObject({ retry: true, waitMs: 250, lowerConcurrency: true });
  });

  it('retries 5xx on GET and HEAD only, with full-jitter exponential backoff', () => {
    expect(decideRetry({ ...base, status: 500 })).toMatchObject({ retry: true, waitMs: 250 });
    expect(decideRetry({ ...base, status: 503, attempt: 3, method: 'HEAD' })).toMatchObject({ retry: true, waitMs: 1000 });
    expect(decideRetry({ ...base, status: 502, method: 'POST' }).retry).toBe(false);
    expect(decideRetry({ ...base, status: 501 }).retry).toBe(false);
  });

  it('honours Retry-After seconds as a floor on 5xx', () => {
    expect(decideRetry({ ...base, status: 503, headers: { 'retry-after': '7' } }).waitMs).toBe(7000);
  });

  it('retries timeouts and resets on GET, never plain network failures', () => {
    expect(decideRetry({ ...base, errorKind: 'timeout' })).toMatchObject({ retry: true, waitMs: 250 });
    expect(decideRetry({ ...base, errorKind: 'reset' })).toMatchObject({ retry: true });
    expect(decideRetry({ ...base, errorKind: 'timeout', method: 'POST' }).retry).toBe(false);
    expect(decideRetry({ ...base, errorKind: 'network' }).retry).toBe(false);
  });

  it('never retries other 4xx (401 is the auth strategy’s challenge, not a retry)', () => {
    for (const status of [400, 401, 403, 404, 405]) expect(decideRetry({ ...base, status }).retry).toBe(false);
  });

  it('stops at maxAttempts', () => {
    expect(decideRetry({ ...base, status: 500, attempt: 4 })).toMatchObject({ retry: false, reason: 'gave up after 4 attempts' });
    expect(decideRetry({ ...base, status: 429, attempt: 4, headers: rateHeaders(600, 5) }).retry).toBe(false);
  });
});

describe('backoffMs', () => {
  it('doubles the ceiling per attempt and caps it', () => {
    const max = (attempt: number) => backoffMs({ attempt, baseDelayMs: 500, maxDelayMs: 5000, random: () => 0.999999 });
    expect([1, 2, 3, 4, 5].map(max)).toEqual([499, 999, 1999, 3999, 4999]);
    expect(backoffMs({ attempt: 3, baseDelayMs: 500, random: () => 0 })).toBe(0);
  });
});
