import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEEDED_ORG, seedOrg } from '../testing/seed-org.js';
import { startTestServer, type TestServer } from '../testing/server-kit.js';

const base = `/api/orgs/${SEEDED_ORG}`;

describe('snapshot resources', () => {
  let server: TestServer;
  let auditor: { cookie: string; csrf: string };
  let syncId: string;
  beforeAll(async () => {
    server = await startTestServer();
    ({ syncId } = await seedOrg(server.store, server.now()));
    auditor = await server.signIn('auditor');
  });
  afterAll(() => server.close());

  const get = async <T>(url: string): Promise<T> => {
    const response = await server.request('GET', url, auditor);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<T>();
  };
  type Page<T> = { items: T[]; next: string | null };

  it('lists orgs and sync history with completeness, requests and 429s', async () => {
    expect(await get('/api/orgs')).toMatchObject({ items: [{ org: SEEDED_ORG, lastSync: { id: syncId, status: 'succeeded', requestsTotal: 42, throttled: 1 } }] });
    const syncs = await get<Page<{ id: string; datasets: unknown[] }>>(`${base}/syncs`);
    expect(syncs.items.map((sync) => sync.id)).toEqual([syncId]);
    expect(syncs.items[0]?.datasets).toHaveLength(9);
    expect((await server.request('GET', `${base}/syncs/01NOPE`, auditor)).statusCode).toBe(404);
  });

  it('pages users with a cursor, and filters them', async () => {
    const first = await get<Page<{ id: string }>>(`${base}/users?limit=12`);
    expect(first.items).toHaveLength(12);
    const second = await get<Page<{ id: string }>>(`${base}/users?limit=12&cursor=${first.next ?? ''}`);
    const third = await get<Page<{ id: string }>>(`${base}/users?limit=12&cursor=${second.next ?? ''}`);
    expect(third.next).toBeNull();
    expect(new Set([...first.items, ...second.items, ...third.items].map((user) => user.id)).size).toBe(30);

    const ids = async (query: string) => (await get<Page<{ id: string }>>(`${base}/users?${query}`)).items.map((user) => user.id);
    expect(await ids('deprovisionedWithAccess=true')).toEqual(['00u000029']);
    expect(await ids('status=DEPROVISIONED')).toEqual(['00u000029']);
    expect(await ids('search=PERSON1')).toHaveLength(11);
    expect(await ids('inactiveDays=90')).toHaveLength(10);
    expect(await ids('strongestFactor=phishing-resistant')).toEqual(['00u000000']);
    expect(await ids('strongestFactor=weak')).toEqual(['00u000001']);
    expect(await ids('mfa=pass')).toEqual(['00u000000', '00u000001']);
    // A filter that matches nobody is an empty page; an org never synced has no snapshot to list (404).
    expect(await ids('search=nobody-has-this')).toEqual([]);
    for (const list of ['users', 'groups', 'apps', 'policies', 'tests/mfa-enabled-all-users/entities']) {
      expect((await server.request('GET', `/api/orgs/never-synced.okta.com/${list}`, auditor)).statusCode, list).toBe(404);
    }
    const badStatus = await server.request('GET', `${base}/users?status=ACTIVE,NOPE`, auditor);
    expect(badStatus.statusCode).toBe(400);
    expect(badStatus.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe('query.status.1');
  });

  it('shows a user with groups, apps (direct or via group) and verdicts, and their factors', async () => {
    const detail = await get<{ groups: { name: string }[]; apps: { appLabel: string; scope: string; viaGroupIds: string[] }[]; verdicts: { checkId: string; status: string }[] }>(`${base}/users/00u000000`);
    expect(detail.groups.map((group) => group.name)).toEqual(['Engineers']);
    expect(detail.apps).toEqual([expect.objectContaining({ appLabel: 'GitHub', scope: 'GROUP', viaGroupIds: ['00gengineers'] })]);
    expect(detail.verdicts).toContainEqual(expect.objectContaining({ checkId: 'mfa-enabled-all-users', status: 'pass' }));
    expect((await get<Page<{ factorType: string; strength: string }>>(`${base}/users/00u000000/factors`)).items.map((factor) => [factor.factorType, factor.strength])).toEqual([['webauthn', 'phishing-resistant']]);
    expect((await get<Page<{ strength: string }>>(`${base}/users/00u000001/factors`)).items.map((factor) => factor.strength)).toEqual(['weak']);
    expect((await server.request('GET', `${base}/users/00unobody`, auditor)).statusCode).toBe(404);
  });

  it('shows apps with their policy and assignments, groups with members, policies with rules, System Log with filters', async () => {
    const github = await get<{ accessPolicy: { name: string }; groups: { name: string }[]; assignedUsers: number }>(`${base}/apps/0oagithub`);
    expect(github).toMatchObject({ accessPolicy: { name: 'Default access' }, groups: [{ name: 'Engineers' }], assignedUsers: 2 });
    const assignments = await get<Page<{ userId: string; scope: string; login: string }>>(`${base}/apps/0oagithub/assignments`);
    expect(assignments.items.map((a) => [a.login, a.scope])).toEqual([['person0@example.com', 'GROUP'], ['person29@example.com', 'USER']]);
    expect((await get<Page<{ label: string }>>(`${base}/apps?search=sla`)).items.map((a) => a.label)).toEqual(['Slack']);
    expect((await get<{ memberCount: number }>(`${base}/groups/00gengineers`)).memberCount).toBe(2);
    expect((await get<Page<{ login: string }>>(`${base}/groups/00gengineers/members`)).items.map((m) => m.login)).toEqual(['person0@example.com', 'person1@example.com']);
    expect((await get<{ rules: { name: string }[] }>(`${base}/policies/00pacc`)).rules.map((r) => r.name)).toEqual(['Require MFA']);
    expect((await get<Page<unknown>>(`${base}/policies?type=ACCESS_POLICY`)).items).toHaveLength(1);
    const events = await get<Page<{ uuid: string }>>(`${base}/system-log?type=user.session.start&limit=2`);
    expect(events.items.map((e) => e.uuid)).toEqual(['evt-3', 'evt-2']);
    expect((await get<Page<{ uuid: string }>>(`${base}/system-log?target=00u000004`)).items.map((e) => e.uuid)).toEqual(['evt-4']);
    expect((await server.request('GET', `${base}/system-log?since=2026-01-02T00:00:00Z&until=2026-01-01T00:00:00Z`, auditor)).statusCode).toBe(400);
  });

  it('reports tests: latest per check, failing entities, history, changes; and framework status', async () => {
    const tests = await get<{ results: { id: string; status: string }[] }>(`${base}/tests`);
    expect(tests.results.map((r) => r.id)).toContain('mfa-enabled-all-users');
    const failing = await get<Page<{ entityId: string; status: string; fields: unknown }>>(`${base}/tests/mfa-enabled-all-users/entities?status=fail&limit=5`);
    expect(failing.items).toHaveLength(5);
    expect(failing.items.every((entity) => entity.status === 'fail')).toBe(true);
    // The fields are the objects the check wrote.
    const run = await server.store.checkResults.latest(SEEDED_ORG);
    const written = new Map(run?.results.find((result) => result.id === 'mfa-enabled-all-users')?.entities.map((entity) => [entity.entityId, entity.fields]));
    expect(failing.items.map((entity) => entity.fields)).toEqual(failing.items.map((entity) => written.get(entity.entityId)));
    expect(failing.items.every((entity) => typeof entity.fields === 'object' && entity.fields !== null)).toBe(true);
    expect((await get<Page<unknown>>(`${base}/tests/mfa-enabled-all-users/history`)).items).toHaveLength(1);
    expect(await get(`${base}/tests/changes`)).toEqual({ previous: null, checks: [] });
    expect((await server.request('GET', `${base}/tests/no-such-check/entities`, auditor)).statusCode).toBe(404);
    expect((await get<Page<unknown>>(`${base}/tests/mfa-enabled-all-users/entities?status=error`)).items).toEqual([]);
    const soc2 = await get<{ controls: { id: string; status: string; checks: { id: string }[]; artifacts: string[] }[] }>(`${base}/frameworks/SOC2`);
    expect(soc2.controls.find((c) => c.id === 'SOC2:CC6.1')?.checks.map((c) => c.id)).toContain('mfa-enabled-all-users');
    // The downstream services' MFA coverage serves the MFA controls (one artifact per service, issue 15).
    expect(soc2.controls.find((c) => c.id === 'SOC2:CC6.1')?.artifacts).toContain('downstream-mfa-coverage');
    const pci = await get<{ controls: { id: string; artifacts: string[] }[] }>(`${base}/frameworks/PCI_DSS_4`);
    expect(pci.controls.find((c) => c.id === 'PCI_DSS_4:8.4')?.artifacts).toContain('downstream-mfa-coverage');
    expect((await server.request('GET', `${base}/frameworks/NOPE`, auditor)).statusCode).toBe(404);
  });

  it('lets a reviewer attest only the apps they review, and audits the attestation', async () => {
    const reviewer = await server.signIn('reviewer', { email: 'rev@example.com', reviewAppIds: ['0oagithub'] });
    expect((await server.request('POST', `${base}/apps/0oaslack/reviews`, reviewer, {})).statusCode).toBe(403);
    expect((await server.request('GET', `${base}/apps/0oaslack/assignments`, reviewer)).statusCode).toBe(403);
    expect((await server.request('GET', `${base}/users`, reviewer)).statusCode).toBe(403);
    const attested = await server.request('POST', `${base}/apps/0oagithub/reviews`, reviewer, { note: 'Q1 review' });
    expect(attested.statusCode, attested.body).toBe(201);
    expect(attested.json()).toMatchObject({ review: { reviewerEmail: 'rev@example.com', appLabel: 'GitHub', assignments: [{}, {}] }, orphaned: [{ login: 'person29@example.com' }] });
    expect((await server.request('GET', `${base}/reviews`, reviewer)).json<{ items: unknown[] }>().items).toHaveLength(1);
    expect((await server.request('POST', `${base}/apps/0oagithub/reviews`, auditor, {})).statusCode).toBe(403);
    const audit = await get<Page<{ action: string; actor: string }>>('/api/audit-log?action=review.attest');
    expect(audit.items).toEqual([expect.objectContaining({ actor: 'api:rev@example.com' })]);
  });
});
