/** Response headers as undici and the auth strategies see them. */
export type HeaderMap = Record<string, string | string[] | undefined>;

/** The values of one header, case-insensitively, with repeated headers and comma-joined values split apart. */
export function headerValues(headers: HeaderMap, name: string): string[] {
  const wanted = name.toLowerCase();
  const out: string[] = [];
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) out.push(item);
  }
  return out;
}

/** The single value of a header, or undefined when absent; repeated values are joined like fetch does. */
export function headerValue(headers: HeaderMap, name: string): string | undefined {
  const values = headerValues(headers, name);
  return values.length === 0 ? undefined : values.join(', ');
}

/**
 * What one response says about its rate-limit bucket (https://developer.okta.com/docs/reference/rl2-monitor/).
 * Absent or unparseable values are undefined.
 */
export interface RateLimitHeaders {
  /** `X-Rate-Limit-Limit`; 0 marks a concurrency-limit 429 (https://developer.okta.com/docs/reference/rl2-concurrency/). */
  limit?: number;
  remaining?: number;
  /** `X-Rate-Limit-Reset`, UTC epoch seconds. */
  resetEpochSeconds?: number;
  /**
   * True when Reset came more than once with different values. Okta's Node SDK refuses to compute a wait from such
   * a header (OKTA-112507, okta-sdk-nodejs `validateRetryResponseHeaders`); we take the latest value, which can only
   * make us wait longer, never too little.
   */
  resetWasAmbiguous: boolean;
  /** The response `Date` header in epoch ms (second resolution), for clock-skew correction. */
  serverDateMs?: number;
}

function integers(values: readonly string[]): number[] | undefined {
  const parts = values.flatMap((v) => v.split(',')).map((v) => v.trim());
  if (parts.length === 0) return undefined;
  const numbers = parts.map((p) => (/^\d{1,15}$/.test(p) ? Number(p) : Number.NaN));
  return numbers.some((n) => Number.isNaN(n)) ? undefined : numbers;
}

/** The smallest value: several Limit/Remaining values can only mean a proxy merged headers; assume the tighter. */
function single(headers: HeaderMap, name: string): number | undefined {
  const numbers = integers(headerValues(headers, name));
  return numbers === undefined ? undefined : Math.min(...numbers);
}

export function readRateLimitHeaders(headers: HeaderMap): RateLimitHeaders {
  const resets = integers(headerValues(headers, 'x-rate-limit-reset'));
  const date = headerValue(headers, 'date');
  const dateMs = date === undefined ? Number.NaN : Date.parse(date);
  const out: RateLimitHeaders = { resetWasAmbiguous: resets !== undefined && new Set(resets).size > 1 };
  const limit = single(headers, 'x-rate-limit-limit');
  const remaining = single(headers, 'x-rate-limit-remaining');
  if (limit !== undefined) out.limit = limit;
  if (remaining !== undefined) out.remaining = remaining;
  if (resets !== undefined) out.resetEpochSeconds = Math.max(...resets);
  if (!Number.isNaN(dateMs)) out.serverDateMs = dateMs;
  return out;
}
