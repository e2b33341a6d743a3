/**
 * Which Okta rate-limit bucket a request counts against, so requests that share a server-side counter share one
 * pacing state. Okta picks "the most specific match: exact match first, then longest prefix; HTTP method matters"
 * (https://developer.okta.com/docs/reference/rate-limits/). The table follows OKTA-API.md §4.2 (Workforce bucket
 * names, former rl-global-mgmt page) and okta/terraform-provider-okta `internal/apimutex/apimutex.go`, which mirrors
 * Okta's internal mapping. Ids are the names the simulator reports in `/__sim/stats`.
 *
 * No limits live here: the pacer learns each bucket's ceiling from `X-Rate-Limit-*` on every response.
 */

export const BUCKET_IDS = [
  '/api/v1/apps*',
  '/api/v1/apps/{id}',
  '/api/v1/groups*',
  '/api/v1/groups/{id}',
  'GET /api/v1/users',
  'GET /api/v1/users/{id}',
  'POST|PUT|DELETE /api/v1/users/{id}',
  '/api/v1/logs',
  '/api/v1/events',
  '/api/v1/devices',
  '/api/v1/certificateAuthorities',
  '/api/v1*',
] as const;
export type BucketId = (typeof BUCKET_IDS)[number];

interface BucketRule {
  bucket: BucketId;
  /** `exact` matches the template segment for segment; `prefix` matches it and everything below it. */
  kind: 'exact' | 'prefix';
  /** Path segments; `*` stands for any one segment (an id or a login). */
  segments: readonly string[];
  /** Absent: any method. */
  methods?: readonly string[];
}

const BY_ID = ['GET', 'PUT', 'POST', 'DELETE'];

function rule(bucket: BucketId, kind: BucketRule['kind'], template: string, methods?: readonly string[]): BucketRule {
  const segments = template.split('/').filter((s) => s !== '');
  return methods === undefined ? { bucket, kind, segments } : { bucket, kind, segments, methods };
}

const RULES: readonly BucketRule[] = [
  rule('/api/v1/apps/{id}', 'exact', '/api/v1/apps/*', BY_ID),
  // Every other /apps path, including /apps/{id}/users and /apps/{id}/groups (OKTA-API.md §13 pitfall 7: the
  // per-app enumeration drains this 100/min bucket).
  rule('/api/v1/apps*', 'prefix', '/api/v1/apps'),
  rule('/api/v1/groups/{id}', 'exact', '/api/v1/groups/*', ['GET', 'PUT', 'DELETE']),
  rule('/api/v1/groups*', 'prefix', '/api/v1/groups'),
  rule('GET /api/v1/users/{id}', 'exact', '/api/v1/users/*', ['GET']),
  rule('POST|PUT|DELETE /api/v1/users/{id}', 'exact', '/api/v1/users/*', ['POST', 'PUT', 'DELETE']),
  // UNCERTAIN (OKTA-API.md §4.2): /users/{id}/factors, /groups, /appLinks and /roles are not listed. We assume the
  // pessimistic reading of TF-MUTEX (the users list bucket, 600/min WF, not the 2,000/min by-id bucket). If Okta
  // counts them elsewhere, the pacer still holds: it keeps one window per reported ceiling (see schedule.ts).
  rule('GET /api/v1/users', 'prefix', '/api/v1/users'),
  rule('/api/v1/logs', 'exact', '/api/v1/logs', ['GET']),
  rule('/api/v1/events', 'exact', '/api/v1/events', ['GET']),
  rule('/api/v1/devices', 'exact', '/api/v1/devices', ['GET']),
  rule('/api/v1/certificateAuthorities', 'exact', '/api/v1/certificateAuthorities', ['GET']),
  // "Most other API actions": /policies, /iam, /authenticators … (UNCERTAIN for those, OKTA-API.md §4.2).
  rule('/api/v1*', 'prefix', '/api/v1'),
];

/** Exact beats prefix; then the longer template; then the template with more literal segments. */
function specificity(r: BucketRule, segments: readonly string[], method: string): number | null {
  if (r.methods !== undefined && !r.methods.includes(method)) return null;
  const length = r.segments.length;
  if (r.kind === 'exact' ? length !== segments.length : length > segments.length) return null;
  let literals = 0;
  for (let i = 0; i < length; i++) {
    const part = r.segments[i];
    if (part === '*') continue;
    if (part !== segments[i]) return null;
    literals++;
  }
  return (r.kind === 'exact' ? 1_000_000 : 0) + length * 1000 + literals;
}

/**
 * The bucket for a request. `path` is the URL path without the query string (percent-encoded segments are fine:
 * they are compared literally). Paths outside `/api/v1` fall into the catch-all bucket.
 */
export function bucketFor(method: string, path: string): BucketId {
  const verb = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase();
  const segments = path.split('/').filter((s) => s !== '');
  let best: BucketId = '/api/v1*';
  let bestScore = -1;
  for (const r of RULES) {
    const score = specificity(r, segments, verb);
    if (score !== null && score > bestScore) {
      best = r.bucket;
      bestScore = score;
    }
  }
  return best;
}
