import type { RateLimitPreset } from '../options.js';

/**
 * Okta's default per-minute management limits, as data (OKTA-API.md §4.2; former
 * https://developer.okta.com/docs/reference/rl-global-mgmt/, 2025-05 version). The endpoint → bucket mapping follows
 * okta/terraform-provider-okta `okta/internal/apimutex/apimutex.go`, written by Okta staff to mirror Okta's internal
 * mapping file. Bucket ids are stable, readable names used as keys in `/__sim/stats`.
 */

/** Presets that have limits; `off` counts requests per bucket with the Workforce ids and enforces nothing. */
export type LimitedPreset = Exclude<RateLimitPreset, 'off'>;

export type FactorsBucket = 'users' | 'users-id';

/** The bucket a request counts against, with its per-minute limit for the preset. */
export interface Bucket {
  id: BucketId;
  limitPerMinute: number;
}

export const BUCKET_LIMITS = {
  '/api/v1/apps*': { workforce: 100, developer: 20 },
  '/api/v1/apps/{id}': { workforce: 500, developer: 100 },
  // Includes `/groups/{id}/users` and every other `/groups` sub-path (TF-MUTEX).
  '/api/v1/groups*': { workforce: 500, developer: 100 },
  '/api/v1/groups/{id}': { workforce: 1000, developer: 100 },
  // The "users" bucket: list/search/filter/create, and (UNCERTAIN, the pessimistic reading of TF-MUTEX) every
  // `/users/{id}/…` sub-path: factors, groups, appLinks, roles.
  'GET /api/v1/users': { workforce: 600, developer: 100 },
  'GET /api/v1/users/{id}': { workforce: 2000, developer: 100 },
  'POST|PUT|DELETE /api/v1/users/{id}': { workforce: 600, developer: 100 },
  '/api/v1/logs': { workforce: 120, developer: 20 },
  '/api/v1/events': { workforce: 100, developer: 20 },
  '/api/v1/devices': { workforce: 100, developer: 100 },
  '/api/v1/certificateAuthorities': { workforce: 100, developer: 100 },
  // UNCERTAIN: the org authorization server's token endpoint sits in the authentication limits, which the sources
  // in OKTA-API.md do not list. A generous bucket of its own keeps token minting from competing with management calls.
  '/oauth2/v1/token': { workforce: 600, developer: 100 },
  // "Most other API actions": covers /policies, /iam, /authenticators (UNCERTAIN for those, OKTA-API.md §4.2).
  '/api/v1*': { workforce: 1200, developer: 100 },
} as const satisfies Record<string, Record<LimitedPreset, number>>;

export type BucketId = keyof typeof BUCKET_LIMITS;

/**
 * One matching rule. `exact` matches a path template segment by segment, `{id}` standing for any one segment;
 * `prefix` matches the template and everything below it. `methods` absent means any method.
 */
interface BucketRule {
  bucket: BucketId;
  kind: 'exact' | 'prefix';
  template: string;
  methods?: readonly string[];
}

const GET = ['GET'] as const;

const RULES: readonly BucketRule[] = [
  { bucket: '/api/v1/apps/{id}', kind: 'exact', template: '/api/v1/apps/{id}', methods: ['GET', 'POST', 'PUT', 'DELETE'] },
  { bucket: '/api/v1/apps*', kind: 'prefix', template: '/api/v1/apps' },
  // POST /groups/{id} is not a by-id operation in TF-MUTEX; it falls to the groups bucket.
  { bucket: '/api/v1/groups/{id}', kind: 'exact', template: '/api/v1/groups/{id}', methods: ['GET', 'PUT', 'DELETE'] },
  { bucket: '/api/v1/groups*', kind: 'prefix', template: '/api/v1/groups' },
  { bucket: 'GET /api/v1/users/{id}', kind: 'exact', template: '/api/v1/users/{id}', methods: GET },
  { bucket: 'POST|PUT|DELETE /api/v1/users/{id}', kind: 'exact', template: '/api/v1/users/{id}', methods: ['POST', 'PUT', 'DELETE'] },
  { bucket: 'GET /api/v1/users', kind: 'prefix', template: '/api/v1/users' },
  { bucket: '/api/v1/logs', kind: 'exact', template: '/api/v1/logs', methods: GET },
  { bucket: '/api/v1/events', kind: 'exact', template: '/api/v1/events', methods: GET },
  { bucket: '/api/v1/devices', kind: 'exact', template: '/api/v1/devices', methods: GET },
  { bucket: '/api/v1/certificateAuthorities', kind: 'exact', template: '/api/v1/certificateAuthorities', methods: GET },
  { bucket: '/oauth2/v1/token', kind: 'exact', template: '/oauth2/v1/token' },
  { bucket: '/api/v1*', kind: 'prefix', template: '/api/v1' },
];

/** The optimistic reading: listing factors counts against the single-user GET bucket (2,000/min WF). */
const FACTORS_BY_ID_RULE: BucketRule = {
  bucket: 'GET /api/v1/users/{id}',
  kind: 'exact',
  template: '/api/v1/users/{id}/factors',
  methods: GET,
};

function segmentsOf(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

function segmentMatches(template: string, actual: string): boolean {
  return template === '{id}' || template === actual;
}

/** Specificity of a matching rule: exact beats prefix, then longer templates, then more literal segments. */
function scoreOf(rule: BucketRule, segments: readonly string[], method: string): number | null {
  if (rule.methods !== undefined && !rule.methods.includes(method)) return null;
  const template = segmentsOf(rule.template);
  if (rule.kind === 'exact' ? template.length !== segments.length : template.length > segments.length) return null;
  let literals = 0;
  for (const [i, part] of template.entries()) {
    if (!segmentMatches(part, segments[i] ?? '')) return null;
    if (part !== '{id}') literals++;
  }
  return (rule.kind === 'exact' ? 1_000_000 : 0) + template.length * 1000 + literals;
}

/**
 * The bucket a request counts against. The most specific rule wins: an exact template match first, then the longest
 * prefix; the method matters (https://developer.okta.com/docs/reference/rate-limits/). `path` has no query string.
 * Paths outside every rule (not `/api/v1` nor the token endpoint) get the "other" bucket.
 */
export function bucketFor(method: string, path: string, preset: LimitedPreset, factorsBucket: FactorsBucket): Bucket {
  // Fastify answers HEAD with the GET route; Okta's mapping names GET only.
  const verb = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase();
  const segments = segmentsOf(path);
  const rules = factorsBucket === 'users-id' ? [FACTORS_BY_ID_RULE, ...RULES] : RULES;
  let best: BucketId = '/api/v1*';
  let bestScore = -1;
  for (const rule of rules) {
    const score = scoreOf(rule, segments, verb);
    if (score !== null && score > bestScore) {
      best = rule.bucket;
      bestScore = score;
    }
  }
  return { id: best, limitPerMinute: BUCKET_LIMITS[best][preset] };
}
