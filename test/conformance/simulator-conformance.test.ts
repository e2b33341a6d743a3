import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { USER_STATUSES, type SimLogStore } from '../../src/simulator/org/types.js';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/server.js';
import { loadSpecValidators, SPEC_PATH, specAvailable, specRequired, type SpecValidators } from './openapi-spec.js';
import { forEachConcurrent, SimCrawler, Violations, type Fetched } from './spec-crawl.js';
import { DAY_MS } from '../../src/config/runtime.js';

/*
 * Crawls a generated org of ~500 users and validates every body the collector will read against Okta's OpenAPI
 * spec: all users of every status, every factor, group, app (with all pages of its users and groups), policy of the
 * four collected types (with rules and mappings), role holder and System Log event, plus the error bodies. Coverage is
 * checked against the org itself, so a crawl that silently skipped entities would fail. A failure prints up to 10
 * violations, each with the id of the entity at fault.
 */

if (!specAvailable) {
  console.warn(`Okta OpenAPI spec not found at ${SPEC_PATH}: skipping the simulator conformance tests.`);
}

const USERS = 500;
const SEED = 3;
/** Parallel requests per crawl: enough to hide latency on two cores without starving the simulator. */
const CONCURRENCY = 8;
const POLICY_TYPES = ['PASSWORD', 'MFA_ENROLL', 'OKTA_SIGN_ON', 'ACCESS_POLICY'] as const;

interface Identified {
  id: string;
}

function listOf<T = Identified>(page: Fetched): T[] {
  if (!Array.isArray(page.body)) throw new Error(`expected a list, got ${JSON.stringify(page.body).slice(0, 200)}`);
  return page.body as T[];
}

/** Events of the store published in [fromMs, toMs]. */
function countLogEvents(store: SimLogStore, fromMs: number, toMs: number): number {
  let n = 0;
  for (let i = 0; i < store.size; i++) {
    const at = store.publishedAt(i);
    if (at >= fromMs && at <= toMs) n++;
  }
  return n;
}

describe('OpenAPI spec presence', () => {
  it.runIf(specRequired)('is present where CI requires it', () => {
    expect(specAvailable, `REQUIRE_OKTA_OPENAPI=1 but ${SPEC_PATH} is missing`).toBe(true);
  });
});

describe.runIf(specAvailable)("simulator answers in the shapes of Okta's OpenAPI spec", () => {
  let sim: SimulatorHandle;
  let spec: SpecValidators;
  let api: SimCrawler;

  beforeAll(async () => {
    spec = loadSpecValidators();
    sim = await startSimulator({ users: USERS, seed: SEED, rateLimits: 'off' });
    api = new SimCrawler(sim.baseUrl, sim.token);
  }, 120_000);
  afterAll(() => sim.close());

  /** Validates every page of a list against `specPath` and returns its items. */
  async function crawlList<T = Identified>(path: string, specPath: string, violations: Violations): Promise<T[]> {
    const validate = spec.response(specPath, 'get', 200);
    const items: T[] = [];
    for await (const page of api.pages(path)) {
      violations.check(validate, page.body, `GET ${path.split('?')[0] ?? path}`);
      items.push(...listOf<T>(page));
    }
    return items;
  }

  async function checkOne(path: string, specPath: string, violations: Violations): Promise<Fetched> {
    const page = await api.get(path);
    expect(page.status, `GET ${path}`).toBe(200);
    violations.check(spec.response(specPath, 'get', 200), page.body, `GET ${path}`);
    return page;
  }

  it('the org metadata, read without credentials as on Okta', async () => {
    const response = await fetch(`${sim.baseUrl}/.well-known/okta-organization`, { headers: { accept: 'application/json' } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { id?: string; pipeline?: string };
    const violations = new Violations();
    violations.check(spec.response('/.well-known/okta-organization', 'get', 200), body, 'GET /.well-known/okta-organization');
    expect(violations.report()).toEqual([]);
    expect(body).toMatchObject({ id: sim.org.orgId, pipeline: sim.org.pipeline });
  });

  it('every user of every status, each user by id, and their factors, groups and app links', async () => {
    const violations = new Violations();
    // A plain list leaves DEPROVISIONED users out; `search=status pr` returns everyone (OKTA-API.md §5.1).
    const users = await crawlList<Identified & { status: string }>('/api/v1/users?search=status%20pr&limit=200', '/api/v1/users', violations);
    expect(users.map((u) => u.id).sort()).toEqual(sim.org.users.map((u) => u.id).sort());
    expect(new Set(users.map((u) => u.status))).toEqual(new Set(USER_STATUSES));

    let factors = 0;
    await forEachConcurrent(users, CONCURRENCY, async (user) => {
      await checkOne(`/api/v1/users/${user.id}`, '/api/v1/users/{id}', violations);
      const enrolledFactors = listOf(await checkOne(`/api/v1/users/${user.id}/factors`, '/api/v1/users/{userId}/factors', violations));
      factors += enrolledFactors.length;
      await crawlList(`/api/v1/users/${user.id}/groups`, '/api/v1/users/{id}/groups', violations);
      await checkOne(`/api/v1/users/${user.id}/appLinks`, '/api/v1/users/{id}/appLinks', violations);
    });
    const enrolled = [...sim.org.factorsByUser.values()].reduce((n, list) => n + list.length, 0);
    expect(factors).toBe(enrolled);
    expect(enrolled).toBeGreaterThan(0);
    expect(violations.report()).toEqual([]);
  }, 60_000);

  it('every admin role holder and their roles (next link in the body)', async () => {
    const violations = new Violations();
    const validate = spec.response('/api/v1/iam/assignees/users', 'get', 200);
    const holders: string[] = [];
    const nextInBody = (page: Fetched): string | null => (page.body as { _links?: { next?: { href?: string } } })._links?.next?.href ?? null;
    // A small page size so the body link is followed at least once.
    for await (const page of api.pages('/api/v1/iam/assignees/users?limit=2', { nextOf: nextInBody })) {
      violations.check(validate, page.body, 'GET /api/v1/iam/assignees/users');
      holders.push(...(page.body as { value: Identified[] }).value.map((v) => v.id));
    }
    const expected = [...sim.org.rolesByUser].filter(([id, roles]) => roles.length > 0 && sim.org.usersById.has(id)).map(([id]) => id);
    expect(holders.sort()).toEqual(expected.sort());
    expect(holders.length).toBeGreaterThan(2);
    await forEachConcurrent(holders, CONCURRENCY, async (id) => {
      await checkOne(`/api/v1/users/${id}/roles`, '/api/v1/users/{userId}/roles', violations);
    });
    expect(violations.report()).toEqual([]);
  });

  it('every group, by id and with stats, and all pages of its members and its apps', async () => {
    const violations = new Violations();
    const groups = await crawlList('/api/v1/groups?limit=10&expand=stats', '/api/v1/groups', violations);
    expect(groups.map((g) => g.id).sort()).toEqual(sim.org.groups.map((g) => g.id).sort());
    let memberships = 0;
    let groupApps = 0;
    await forEachConcurrent(groups, CONCURRENCY, async (group) => {
      await checkOne(`/api/v1/groups/${group.id}`, '/api/v1/groups/{groupId}', violations);
      const members = await crawlList(`/api/v1/groups/${group.id}/users?limit=200`, '/api/v1/groups/{groupId}/users', violations);
      memberships += members.length;
      // A small page size so the next link is followed for the groups with several apps.
      const apps = await crawlList(`/api/v1/groups/${group.id}/apps?limit=2`, '/api/v1/groups/{groupId}/apps', violations);
      groupApps += apps.length;
    });
    expect(memberships).toBe([...sim.org.groupMembers.values()].reduce((n, members) => n + members.length, 0));
    // The same (group, app) pairs as the apps' side, `GET /apps/{id}/groups`.
    expect(groupApps).toBe([...sim.org.appGroups.values()].reduce((n, groups) => n + groups.length, 0));
    expect(violations.report()).toEqual([]);
  });

  it('every app, by id, and all pages of its users and groups', async () => {
    const violations = new Violations();
    const apps = await crawlList('/api/v1/apps', '/api/v1/apps', violations);
    expect(apps.map((a) => a.id).sort()).toEqual(sim.org.apps.map((a) => a.id).sort());
    let appUsers = 0;
    let appGroups = 0;
    await forEachConcurrent(apps, CONCURRENCY, async (app) => {
      await checkOne(`/api/v1/apps/${app.id}`, '/api/v1/apps/{appId}', violations);
      const users = await crawlList(`/api/v1/apps/${app.id}/users`, '/api/v1/apps/{appId}/users', violations);
      const groups = await crawlList(`/api/v1/apps/${app.id}/groups`, '/api/v1/apps/{appId}/groups', violations);
      appUsers += users.length;
      appGroups += groups.length;
    });
    const rows = (byApp: Map<string, unknown[]>): number => [...byApp.values()].reduce((n, list) => n + list.length, 0);
    expect(appUsers).toBe(rows(sim.org.appUsers));
    expect(appGroups).toBe(rows(sim.org.appGroups));
    expect(violations.report()).toEqual([]);
  });

  it.each(POLICY_TYPES)('every %s policy, by id, with all its rules and its app mappings', async (type) => {
    const violations = new Violations();
    const policies = await crawlList(`/api/v1/policies?type=${type}`, '/api/v1/policies', violations);
    const expected = sim.org.policies.filter((p) => p.type === type);
    expect(policies.map((p) => p.id).sort()).toEqual(expected.map((p) => p.id).sort());
    expect(policies.length).toBeGreaterThan(0);
    let rules = 0;
    for (const policy of policies) {
      await checkOne(`/api/v1/policies/${policy.id}`, '/api/v1/policies/{policyId}', violations);
      const policyRules = await crawlList(`/api/v1/policies/${policy.id}/rules?limit=1`, '/api/v1/policies/{policyId}/rules', violations);
      rules += policyRules.length;
      await checkOne(`/api/v1/policies/${policy.id}/mappings`, '/api/v1/policies/{policyId}/mappings', violations);
    }
    expect(rules).toBe(expected.reduce((n, p) => n + (sim.org.rulesByPolicy.get(p.id)?.length ?? 0), 0));
    expect(violations.report()).toEqual([]);
  });

  it('every System Log event of the default 7-day window (polling)', async () => {
    const violations = new Violations();
    const validate = spec.response('/api/v1/logs', 'get', 200);
    const startedAt = Date.now();
    const uuids = new Set<string>();
    // Without `until` this is a polling query: `next` never disappears, so the crawl stops on the first empty page.
    for await (const page of api.pages('/api/v1/logs?limit=1000', { stop: (p) => listOf(p).length === 0 })) {
      violations.check(validate, page.body, 'GET /api/v1/logs');
      for (const event of listOf<{ uuid: string }>(page)) uuids.add(event.uuid);
    }
    const endedAt = Date.now();
    // The window's start moved with the clock while paging, so the exact count lies between these two.
    expect(uuids.size).toBeGreaterThanOrEqual(countLogEvents(sim.org.logs, endedAt - 7 * DAY_MS, startedAt));
    expect(uuids.size).toBeLessThanOrEqual(countLogEvents(sim.org.logs, startedAt - 7 * DAY_MS, endedAt));
    expect(uuids.size).toBeGreaterThan(USERS);
    expect(violations.report()).toEqual([]);
  });

  it('every System Log event of a bounded 14-day query', async () => {
    const violations = new Violations();
    const validate = spec.response('/api/v1/logs', 'get', 200);
    const until = Date.now();
    const since = until - 14 * DAY_MS;
    const query = new URLSearchParams({ since: new Date(since).toISOString(), until: new Date(until).toISOString(), limit: '1000' });
    const uuids = new Set<string>();
    let pages = 0;
    for await (const page of api.pages(`/api/v1/logs?${query.toString()}`)) {
      pages++;
      violations.check(validate, page.body, 'GET /api/v1/logs');
      for (const event of listOf<{ uuid: string }>(page)) uuids.add(event.uuid);
    }
    // `until` is exclusive in the simulator; nothing is published at exactly that millisecond in practice.
    expect(uuids.size).toBe(countLogEvents(sim.org.logs, since, until - 1));
    expect(pages).toBeGreaterThan(1);
    expect(violations.report()).toEqual([]);
  });

  describe('error bodies', () => {
    function expectError(page: Fetched, status: number, errorCode: string, specPath?: string): void {
      expect(page.status).toBe(status);
      expect(page.body).toMatchObject({ errorCode, errorLink: errorCode });
      const violations = new Violations();
      violations.check(spec.component('Error'), page.body, `${status} ${errorCode}`);
      if (specPath !== undefined) violations.check(spec.response(specPath, 'get', status), page.body, `${status} ${specPath}`);
      expect(violations.report()).toEqual([]);
    }

    it.each([
      ['/api/v1/users/00unotarealuser00000', '/api/v1/users/{id}'],
      ['/api/v1/apps/0oanotarealapp000000', '/api/v1/apps/{appId}'],
      ['/api/v1/groups/00gnotarealgroup0000', '/api/v1/groups/{groupId}'],
      ['/api/v1/groups/00gnotarealgroup0000/apps', '/api/v1/groups/{groupId}/apps'],
      ['/api/v1/policies/00pnotarealpolicy000', '/api/v1/policies/{policyId}'],
    ])('404 E0000007 for an unknown id: %s', async (path, specPath) => {
      expectError(await api.get(path), 404, 'E0000007', specPath);
    });

    it('400 E0000031 for a filter Okta does not support (`ne`)', async () => {
      expectError(await api.get('/api/v1/users?filter=status%20ne%20%22ACTIVE%22'), 400, 'E0000031');
    });

    it('401 E0000011 for a token the org does not know', async () => {
      const response = await fetch(`${sim.baseUrl}/api/v1/users`, { headers: { authorization: 'SSWS not-the-token-000', accept: 'application/json' } });
      expectError({ status: response.status, body: await response.json(), headers: response.headers }, 401, 'E0000011');
    });

    it('429 E0000047 once the System Log bucket is spent (developer limits, time scale 60)', async () => {
      // Developer orgs get 20 log calls a minute; at time scale 60 that is one call per one-second window.
      const limited = await startSimulator({ users: 5, seed: SEED, rateLimits: 'developer', timeScale: 60 });
      try {
        const crawler = new SimCrawler(limited.baseUrl, limited.token);
        const responses = await Promise.all(Array.from({ length: 4 }, () => crawler.get('/api/v1/logs?limit=1')));
        const refused = responses.find((r) => r.status === 429);
        expect(refused, `statuses ${responses.map((r) => r.status).join(',')}`).toBeDefined();
        expect(refused!.headers.get('x-rate-limit-remaining')).toBe('0');
        expectError(refused!, 429, 'E0000047', '/api/v1/logs');
      } finally {
        await limited.close();
      }
    });
  });
});
