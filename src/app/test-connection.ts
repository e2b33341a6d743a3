import type { Dispatcher } from 'undici';
import type { AuthStrategy } from '../okta/auth/types.js';
import { createOktaClient, type OktaClient, type QueryParams } from '../okta/client.js';
import { type Clock, HOUR_MS, realClock } from '../config/runtime.js';
import { isOktaClientError } from '../okta/errors.js';
import { readOrgMetadata, type OrgMetadata } from '../okta/org-metadata.js';
import { scopeForPath } from '../okta/scopes.js';
import type { DatasetId } from '../store/types.js';
import type { ClientTuning } from './sync-session.js';

/*
 * Test connection: can these credentials read what a sync reads? One small read per dataset, all at once, so a real
 * org answers within seconds and the rate limit barely notices (about 12 requests, each limit=1).
 */

export const PROBE_STATES = ['readable', 'not_permitted', 'failing', 'skipped'] as const;
export type ProbeState = (typeof PROBE_STATES)[number];

/** One dataset's answer. */
export interface DatasetProbe {
  /** Stable id, e.g. `users`, `policies:MFA_ENROLL`. */
  id: string;
  dataset: DatasetId;
  label: string;
  /** The read it made, e.g. `GET /api/v1/users?limit=1`. */
  request: string;
  state: ProbeState;
  /** For not_permitted, failing and skipped: one line, the reason a sync would give. */
  reason?: string;
  /** For not_permitted: the OAuth scope or admin role to add. */
  permissionNeeded?: string;
  /** For not_permitted and failing: the stable error code (e.g. `OKTA_TOKEN_INVALID`). */
  code?: string;
}

export interface TestConnectionReport {
  domain: string;
  /** What `/.well-known/okta-organization` said; null when the org could not be read at all. */
  org: OrgMetadata | null;
  /** Set when nothing could be read: wrong domain, rejected credential, or an org other than the recorded one. */
  fatal: { code: string; message: string } | null;
  datasets: DatasetProbe[];
  /** A connection is only saved when users are readable (without `--skip-test`). */
  canReadUsers: boolean;
  durationMs: number;
}

export interface TestConnectionInput {
  domain: string;
  baseUrl?: URL | undefined;
  auth: AuthStrategy;
  /** The org id recorded on the connection: a credential answering for another org is refused. */
  expectedOrgId?: string | null | undefined;
  /** Names the connection in the org-mismatch message. */
  connectionName?: string | undefined;
  /** Whole test; default 9 s, so a real org answers in under 10 s. */
  timeoutMs?: number;
  clock?: Clock;
  signal?: AbortSignal;
  clientTuning?: ClientTuning;
  /** The egress pool (a proxy), owned by the caller. */
  dispatcher?: Dispatcher | undefined;
}

export const POLICY_PROBE_TYPES = ['PASSWORD', 'MFA_ENROLL', 'OKTA_SIGN_ON', 'ACCESS_POLICY'] as const;
const DEFAULT_TIMEOUT_MS = 9_000;

/** Reads the org's metadata, then one page of one item per dataset, and reports each dataset. Never throws for Okta's answers. */
export async function testConnection(input: TestConnectionInput): Promise<TestConnectionReport> {
  const clock = input.clock ?? realClock;
  const started = clock();
  const timeout = AbortSignal.timeout(input.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const signal = input.signal === undefined ? timeout : AbortSignal.any([timeout, input.signal]);
  const baseUrl = input.baseUrl ?? new URL(`https://${input.domain}`);
  const finish = (org: OrgMetadata | null, fatal: TestConnectionReport['fatal'], datasets: DatasetProbe[]): TestConnectionReport => ({
    domain: input.domain,
    org,
    fatal,
    datasets,
    canReadUsers: datasets.some((d) => d.id === 'users' && d.state === 'readable'),
    durationMs: clock() - started,
  });

  let org: OrgMetadata;
  try {
    org = await readOrgMetadata(baseUrl, { signal, clock, ...(input.dispatcher === undefined ? {} : { dispatcher: input.dispatcher }) });
  } catch (error) {
    const fatal = asFatal(error);
    return finish(null, fatal, notTried(`not tried: ${fatal.message}`));
  }
  if (input.expectedOrgId != null && input.expectedOrgId !== org.orgId) {
    const who = input.connectionName === undefined ? 'this connection' : `connection "${input.connectionName}"`;
    const fatal = {
      code: 'ORG_MISMATCH',
      message: `${input.domain} now answers as Okta org ${org.orgId}, but ${who} was recorded for org ${input.expectedOrgId}: these credentials belong to another org. Check the domain and base URL, or create a new connection for the other org.`,
    };
    return finish(org, fatal, notTried(`not tried: ${fatal.message}`));
  }

  const client = createOktaClient({
    domain: input.domain,
    baseUrl: input.baseUrl,
    auth: input.auth,
    clock,
    ...(input.dispatcher === undefined ? {} : { dispatcher: input.dispatcher }),
    // A test answers now or says why: no long back-off behind a rate limit or a slow page.
    retry: { maxAttempts: 2 },
    ...input.clientTuning,
  });
  try {
    const datasets = await runProbes(client, { signal, now: clock(), pipeline: org.pipeline, authKind: input.auth.kind });
    const rejected = datasets.find((d) => d.state === 'failing' && d.code !== undefined && CREDENTIAL_CODES.has(d.code));
    return finish(org, rejected === undefined ? null : { code: 'CREDENTIAL_REJECTED', message: rejected.reason ?? '' }, datasets);
  } finally {
    await client.close();
  }
}

interface ProbeContext {
  signal: AbortSignal;
  now: number;
  pipeline: OrgMetadata['pipeline'];
  authKind: AuthStrategy['kind'];
}

interface ProbeSpec {
  id: string;
  dataset: DatasetId;
  label: string;
  path: string;
  query?: QueryParams;
}

const CREDENTIAL_CODES = new Set(['OKTA_TOKEN_INVALID', 'OKTA_OAUTH_TOKEN_FAILED', 'OKTA_DPOP_FAILED', 'OKTA_AUTH_CONFIG_INVALID']);

async function runProbes(client: OktaClient, ctx: ProbeContext): Promise<DatasetProbe[]> {
  const logWindow = { since: new Date(ctx.now - HOUR_MS).toISOString(), until: new Date(ctx.now - 60_000).toISOString(), limit: 1 };
  const one = (spec: ProbeSpec) => probe(client, ctx, spec);
  const withChild = async (parent: ProbeSpec, child: (id: string) => ProbeSpec, childId: string, childLabel: string, childDataset: DatasetId): Promise<DatasetProbe[]> => {
    const { result, firstId } = await probeList(client, ctx, parent);
    if (result.state !== 'readable') return [result, { id: childId, dataset: childDataset, label: childLabel, request: '-', state: 'failing', reason: `not tried: ${parent.label} could not be read` }];
    if (firstId === undefined) return [result, { id: childId, dataset: childDataset, label: childLabel, request: '-', state: 'skipped', reason: `no ${parent.label.replace(/s$/, '')} to read it of` }];
    return [result, await one(child(firstId))];
  };
  const policies = POLICY_PROBE_TYPES.map((type): Promise<DatasetProbe> => {
    const spec: ProbeSpec = { id: `policies:${type}`, dataset: 'policies', label: `${type} policies`, path: '/api/v1/policies', query: { type, limit: 1 } };
    if (type === 'ACCESS_POLICY' && ctx.pipeline === 'v1') {
      return Promise.resolve({ id: spec.id, dataset: spec.dataset, label: spec.label, request: '-', state: 'skipped', reason: 'a Classic Engine org has no app sign-in policies' });
    }
    return one(spec);
  });
  const groups = await Promise.all([
    withChild(
      { id: 'users', dataset: 'users', label: 'users', path: '/api/v1/users', query: { limit: 1 } },
      (userId) => ({ id: 'factors', dataset: 'factors', label: "a user's factors", path: `/api/v1/users/${encodeURIComponent(userId)}/factors` }),
      'factors',
      "a user's factors",
      'factors',
    ),
    one({ id: 'groups', dataset: 'groups', label: 'groups', path: '/api/v1/groups', query: { limit: 1 } }),
    withChild(
      { id: 'apps', dataset: 'apps', label: 'apps', path: '/api/v1/apps', query: { limit: 1 } },
      (appId) => ({ id: 'appAssignments', dataset: 'appAssignments', label: "an app's users", path: `/api/v1/apps/${encodeURIComponent(appId)}/users`, query: { limit: 1 } }),
      'appAssignments',
      "an app's users",
      'appAssignments',
    ),
    ...policies,
    // Bounded (since and until): a polling query's next link never ends (OKTA-API.md §10.2).
    one({ id: 'logEvents', dataset: 'logEvents', label: 'System Log', path: '/api/v1/logs', query: logWindow }),
    one({ id: 'adminRoles', dataset: 'adminRoles', label: 'admin roles', path: '/api/v1/iam/assignees/users', query: { limit: 1 } }),
  ]);
  return groups.flat();
}

async function probe(client: OktaClient, ctx: ProbeContext, spec: ProbeSpec): Promise<DatasetProbe> {
  return (await probeList(client, ctx, spec)).result;
}

/** One GET; the first item's id (list bodies or `{value: [...]}`) lets a child probe follow. */
async function probeList(client: OktaClient, ctx: ProbeContext, spec: ProbeSpec): Promise<{ result: DatasetProbe; firstId?: string }> {
  const base = { id: spec.id, dataset: spec.dataset, label: spec.label, request: describeRequest(spec) };
  try {
    const body = await client.get(spec.path, { signal: ctx.signal, query: spec.query });
    const firstId = firstIdOf(body);
    return { result: { ...base, state: 'readable' }, ...(firstId === undefined ? {} : { firstId }) };
  } catch (error) {
    return { result: failedProbe(base, error, ctx) };
  }
}

function failedProbe(base: Omit<DatasetProbe, 'state'>, error: unknown, ctx: ProbeContext): DatasetProbe {
  if (isOktaClientError(error, 'OKTA_PERMISSION_DENIED') || isOktaClientError(error, 'OKTA_SCOPE_MISSING')) {
    return { ...base, state: 'not_permitted', reason: error.message, permissionNeeded: permissionFor(base.request, error.code, ctx.authKind), code: error.code };
  }
  if (ctx.signal.aborted) {
    return { ...base, state: 'failing', reason: 'no answer within the test time (10 s): Okta is slow or rate limiting, or the network drops requests; retry later', code: 'TEST_TIMEOUT' };
  }
  const reason = error instanceof Error ? error.message : String(error);
  return { ...base, state: 'failing', reason: reason.split('\n')[0] ?? reason, code: isOktaClientError(error) ? error.code : 'TEST_FAILED' };
}

/** What to grant so a 403 goes away: the scope (OAuth) and the admin role behind the token or app. */
export function permissionFor(request: string, code: string, authKind: AuthStrategy['kind']): string {
  const path = request.replace(/^GET /, '').split('?')[0] ?? '';
  const scope = scopeForPath(path);
  const roles = path.startsWith('/api/v1/iam') ? 'the Super Administrator role (listing admin role assignments may need it)' : 'the Read-Only Administrator role';
  if (authKind === 'oauth' && code === 'OKTA_SCOPE_MISSING') return `the ${scope ?? 'matching'} scope, granted on the app's Okta API Scopes tab`;
  if (authKind === 'oauth') return `${roles} on the app's Admin roles tab${scope === undefined ? '' : `, and the ${scope} scope`}`;
  return `${roles} for the admin who created the API token`;
}

function describeRequest(spec: ProbeSpec): string {
  const query = Object.entries(spec.query ?? {})
    .filter(([key]) => key === 'limit' || key === 'type')
    .map(([key, value]) => `${key}=${String(value)}`)
    .join('&');
  return `GET ${spec.path.replace(/\/(00u|0oa)[A-Za-z0-9]+\//, '/{id}/')}${query === '' ? '' : `?${query}`}`;
}

function firstIdOf(body: unknown): string | undefined {
  const list = Array.isArray(body) ? body : typeof body === 'object' && body !== null && Array.isArray((body as { value?: unknown }).value) ? (body as { value: unknown[] }).value : [];
  const first: unknown = list[0];
  const id = typeof first === 'object' && first !== null ? (first as { id?: unknown }).id : undefined;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

function asFatal(error: unknown): { code: string; message: string } {
  if (isOktaClientError(error)) return { code: error.code, message: error.message };
  return { code: 'TEST_FAILED', message: error instanceof Error ? error.message : String(error) };
}

const ALL_PROBES: readonly { id: string; dataset: DatasetId; label: string }[] = [
  { id: 'users', dataset: 'users', label: 'users' },
  { id: 'factors', dataset: 'factors', label: "a user's factors" },
  { id: 'groups', dataset: 'groups', label: 'groups' },
  { id: 'apps', dataset: 'apps', label: 'apps' },
  { id: 'appAssignments', dataset: 'appAssignments', label: "an app's users" },
  ...POLICY_PROBE_TYPES.map((type) => ({ id: `policies:${type}`, dataset: 'policies' as const, label: `${type} policies` })),
  { id: 'logEvents', dataset: 'logEvents', label: 'System Log' },
  { id: 'adminRoles', dataset: 'adminRoles', label: 'admin roles' },
];

function notTried(reason: string): DatasetProbe[] {
  return ALL_PROBES.map((p) => ({ ...p, request: '-', state: 'failing', reason }));
}
