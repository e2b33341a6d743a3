import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import type { SimContext } from '../context.js';
import type { OktaErrorBody } from '../okta-errors.js';
import { simulatorOptionsSchema } from '../options.js';
import { buildOrg } from '../org/build.js';
import { planChurn } from '../org/churn.js';
import { generateOrg } from '../org/generate.js';
import type { SimOrg } from '../org/types.js';
import { alice, BASE_URL, bob, craftedOrg, dave, engineering, NOW, salesforce } from '../routes/test-kit.js';
import { buildSimulatorApp } from '../server.js';
import { newStats } from '../stats.js';
import type { ChangesResponse } from './changes-route.js';

const TOKEN = '00sim-admin-token-0123456789abcdefghijkl';
const POLICY_ID = 'rst00000000000000001';
const RULE_ID = 'rul00000000000000001';

const apps: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

/** The whole simulator app (auth, traffic control, routes) over a copy of the crafted org, at a fixed clock. */
async function simulator(org: SimOrg = buildOrg(structuredClone(craftedOrg()))): Promise<{ app: FastifyInstance; ctx: SimContext }> {
  org.sswsTokens.push(TOKEN);
  const ctx: SimContext = {
    org,
    options: simulatorOptionsSchema.parse({}),
    stats: newStats(),
    clock: () => NOW,
    baseUrl: BASE_URL,
  };
  const app = buildSimulatorApp(ctx);
  apps.push(app);
  await app.ready();
  return { app, ctx };
}

function postChanges(app: FastifyInstance, body: unknown, headers: Record<string, string> = { authorization: `SSWS ${TOKEN}` }) {
  return app.inject({ method: 'POST', url: '/__sim/changes', headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify(body) });
}

async function applyOverHttp(app: FastifyInstance, body: unknown): Promise<ChangesResponse> {
  const res = await postChanges(app, body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<ChangesResponse>();
}

async function okta<T>(app: FastifyInstance, url: string): Promise<T> {
  const res = await app.inject({ url, headers: { authorization: `SSWS ${TOKEN}` } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<T>();
}

/** The System Log as a client reads it: every event of the last minute. */
async function recentEvents(app: FastifyInstance): Promise<{ uuid: string; eventType: string; target: { id: string }[] }[]> {
  const query = new URLSearchParams({ since: new Date(NOW - 60_000).toISOString(), until: new Date(NOW + 1).toISOString(), limit: '1000' });
  return okta(app, `/api/v1/logs?${query.toString()}`);
}

/** Everything a change can touch, to prove a refused request touched nothing. */
function fingerprint(org: SimOrg): string {
  const maps = [org.factorsByUser, org.groupMembers, org.userGroups, org.appUsers, org.rulesByPolicy].map((m) => [...m]);
  return JSON.stringify({ users: org.users, groups: org.groups, policies: org.policies, maps, logs: org.logs.size, revision: org.revision });
}

const ids = (items: { id: string }[]): string[] => items.map((i) => i.id);

describe('POST /__sim/changes', () => {
  it('creates a user that the users list, its groups and the System Log then show', async () => {
    const { app } = await simulator();
    const body = await applyOverHttp(app, [{ kind: 'user.create', profile: { login: 'new.hire@example.com', firstName: 'New', lastName: 'Hire', department: 'Sales' } }]);
    const id = body.applied[0]?.createdId ?? '';
    expect(body).toMatchObject({ appliedCount: 1, eventCount: 3, applied: [{ change: { kind: 'user.create' }, createdId: expect.stringMatching(/^00u/) as unknown }] });

    const listed = await okta<{ id: string; status: string; profile: Record<string, unknown> }[]>(app, `/api/v1/users?search=${encodeURIComponent('profile.login eq "new.hire@example.com"')}`);
    expect(listed).toEqual([expect.objectContaining({ id, status: 'ACTIVE', profile: expect.objectContaining({ email: 'new.hire@example.com', department: 'Sales' }) as unknown })]);
    expect((await okta<{ profile: { name: string } }[]>(app, `/api/v1/users/${id}/groups`)).map((g) => g.profile.name)).toEqual(['Everyone']);

    const events = await recentEvents(app);
    expect(events.map((e) => e.uuid)).toEqual(body.applied[0]?.events);
    expect(events.map((e) => e.eventType)).toEqual(['user.lifecycle.create', 'user.lifecycle.activate', 'group.user_membership.add']);
    expect(events[0]?.target.map((t) => t.id)).toEqual([id]);
  });

  it('deactivates, suspends and edits users, as the user routes then serve them', async () => {
    const { app } = await simulator();
    const body = await applyOverHttp(app, [
      { kind: 'user.deactivate', userId: alice.id },
      { kind: 'user.suspend', userId: bob.id },
      { kind: 'user.update-profile', userId: dave.id, profile: { title: 'Manager', costCenter: 'CC-7' } },
    ]);
    // Deactivating alice also removes her app assignments, one application.user_membership.remove each.
    const removals = body.eventCount - 3;
    expect(removals).toBeGreaterThan(0);
    expect(await okta(app, `/api/v1/users/${alice.id}`)).toMatchObject({ status: 'DEPROVISIONED', statusChanged: new Date(NOW).toISOString() });
    expect(await okta(app, `/api/v1/users/${bob.id}`)).toMatchObject({ status: 'SUSPENDED' });
    expect(await okta(app, `/api/v1/users/${dave.id}`)).toMatchObject({ profile: { title: 'Manager', costCenter: 'CC-7' } });
    expect((await recentEvents(app)).map((e) => e.eventType)).toEqual([
      'user.lifecycle.deactivate',
      ...Array.from({ length: removals }, () => 'application.user_membership.remove'),
      'user.lifecycle.suspend',
      'user.account.update_profile',
    ]);
  });

  it('enrolls and resets factors, as /users/{id}/factors and the System Log then show', async () => {
    const { app } = await simulator();
    const enrolled = await applyOverHttp(app, [{ kind: 'factor.enroll', userId: bob.id, factor: 'webauthn' }]);
    const factorId = enrolled.applied[0]?.createdId ?? '';
    expect(await okta(app, `/api/v1/users/${bob.id}/factors`)).toEqual([expect.objectContaining({ id: factorId, factorType: 'webauthn', status: 'ACTIVE' })]);

    await applyOverHttp(app, [{ kind: 'factor.reset', userId: bob.id, factorId }, { kind: 'factor.reset', userId: alice.id }]);
    expect(await okta(app, `/api/v1/users/${bob.id}/factors`)).toEqual([]);
    expect(await okta(app, `/api/v1/users/${alice.id}/factors`)).toEqual([]);
    const events = await recentEvents(app);
    expect(events.map((e) => e.eventType)).toEqual(['user.mfa.factor.activate', 'user.mfa.factor.deactivate', 'user.mfa.factor.reset_all']);
    expect(events[0]?.target.map((t) => t.id)).toEqual([bob.id, factorId]);
  });

  it('changes group memberships and app assignments, as the group and app routes then serve them', async () => {
    const { app } = await simulator();
    await applyOverHttp(app, [
      { kind: 'group.add-member', groupId: engineering.id, userId: bob.id },
      { kind: 'app.unassign-user', appId: salesforce.id, userId: alice.id },
    ]);
    expect(ids(await okta(app, `/api/v1/groups/${engineering.id}/users`))).toContain(bob.id);
    expect(ids(await okta(app, `/api/v1/apps/${salesforce.id}/users`))).toEqual([bob.id]);

    await applyOverHttp(app, [
      { kind: 'group.remove-member', groupId: engineering.id, userId: bob.id },
      { kind: 'app.assign-user', appId: salesforce.id, userId: alice.id },
    ]);
    expect(ids(await okta(app, `/api/v1/groups/${engineering.id}/users`))).not.toContain(bob.id);
    expect(await okta(app, `/api/v1/apps/${salesforce.id}/users/${alice.id}`)).toMatchObject({ scope: 'USER' });
    expect((await recentEvents(app)).map((e) => e.eventType)).toEqual([
      'group.user_membership.add',
      // Engineering is assigned Slack: bob gains and then loses a group-derived Slack assignment.
      'application.user_membership.add',
      'application.user_membership.remove',
      'group.user_membership.remove',
      'application.user_membership.remove',
      'application.user_membership.add',
    ]);
  });

  it('edits a policy and a rule, as the policy routes then serve them', async () => {
    const { app } = await simulator();
    const body = await applyOverHttp(app, [
      { kind: 'policy.edit', policyId: POLICY_ID, settings: { note: 'edited' } },
      { kind: 'policy.edit', policyId: POLICY_ID, ruleId: RULE_ID, settings: { appSignOn: { access: 'DENY' } } },
    ]);
    expect(body.eventCount).toBe(2);
    expect(await okta(app, `/api/v1/policies/${POLICY_ID}`)).toMatchObject({ lastUpdated: new Date(NOW).toISOString() });
    const rules = await okta<{ id: string; actions: unknown }[]>(app, `/api/v1/policies/${POLICY_ID}/rules`);
    expect(rules.find((r) => r.id === RULE_ID)?.actions).toMatchObject({ appSignOn: { access: 'DENY' } });
    expect((await recentEvents(app)).map((e) => e.eventType)).toEqual(['policy.lifecycle.update', 'policy.rule.update']);
  });

  it('applies a planned churn batch and reports the seed it used', async () => {
    const generated = () => generateOrg({ users: 60, seed: 5, now: NOW, logEventsPerUserPerDay: 0 });
    const { app, ctx } = await simulator(generated());
    const before = ctx.org.logs.size;
    const first = await applyOverHttp(app, { churn: { share: 0.2, seed: 3 } });
    expect(first.churnSeed).toBe(3);
    // The same plan the benchmarks apply in-process.
    expect(first.applied.map((a) => a.change)).toEqual(planChurn(generated(), 0.2, 3));
    expect(first.appliedCount).toBe(first.applied.length);
    expect(new Set(first.applied.map((a) => a.change.kind)).size).toBeGreaterThanOrEqual(9);
    expect(ctx.org.logs.size).toBe(before + first.eventCount);
    // Without a seed, each call plans afresh.
    const second = await applyOverHttp(app, { churn: { share: 0.2 } });
    const third = await applyOverHttp(app, { churn: { share: 0.2 } });
    expect(second.churnSeed).not.toBe(third.churnSeed);
  });

  it('accepts an empty list', async () => {
    const { app } = await simulator();
    expect(await applyOverHttp(app, [])).toEqual({ appliedCount: 0, eventCount: 0, applied: [] });
  });
});

describe('POST /__sim/changes refusals', () => {
  const valid = { kind: 'user.suspend', userId: bob.id };

  it.each([
    ['an object', { kind: 'user.suspend', userId: bob.id }, 'changes', 'expected a JSON array of changes'],
    ['a string', 'user.suspend', 'changes', 'expected a JSON array of changes'],
    ['null', null, 'changes', 'expected a JSON array of changes'],
    ['a list of non-objects', [valid, 7], 'changes[1]', 'expected object'],
    ['an unknown kind', [valid, { kind: 'user.delete', userId: bob.id }], 'changes[1].kind', 'unknown change kind; expected one of user.create'],
    ['a missing kind', [{ userId: bob.id }], 'changes[0].kind', 'missing or unknown change kind'],
    ['a missing field', [valid, { kind: 'group.add-member', userId: bob.id }], 'changes[1].groupId', 'expected string'],
    ['a misspelt field', [{ kind: 'user.suspend', userId: bob.id, userID: bob.id }], 'changes[0].userID', 'Unrecognized key'],
    ['an unknown factor kind', [{ kind: 'factor.enroll', userId: bob.id, factor: 'yubikey' }], 'changes[0].factor', 'expected one of'],
    ['a profile without a login', [{ kind: 'user.create', profile: { firstName: 'A', lastName: 'B' } }], 'changes[0].profile.login', 'expected string'],
    ['an unknown user', [valid, { kind: 'user.deactivate', userId: '00uunknown' }], 'changes[1].userId', 'no user 00uunknown'],
    ['an unknown group', [valid, { kind: 'group.add-member', groupId: '00gunknown', userId: bob.id }], 'changes[1].groupId', 'no group 00gunknown'],
    ['an unknown app', [valid, { kind: 'app.assign-user', appId: '0oaunknown', userId: bob.id }], 'changes[1].appId', 'no app 0oaunknown'],
    ['an unknown policy', [valid, { kind: 'policy.edit', policyId: '00punknown', settings: {} }], 'changes[1].policyId', 'no policy 00punknown'],
    ['an unknown rule', [valid, { kind: 'policy.edit', policyId: POLICY_ID, ruleId: '0prunknown', settings: {} }], 'changes[1].ruleId', 'has no rule 0prunknown'],
    ['an unknown factor', [valid, { kind: 'factor.reset', userId: alice.id, factorId: 'opfunknown' }], 'changes[1].factorId', 'has no factor opfunknown'],
    ['a login in use', [valid, { kind: 'user.create', profile: { login: 'BOB.jones@example.com', firstName: 'B', lastName: 'J' } }], 'changes[1].profile.login', 'exists already'],
    ['a login the batch takes twice', [1, 2].map((n) => ({ kind: 'user.create', profile: { login: 'twin@example.com', firstName: 'T', lastName: String(n) } })), 'changes[1].profile.login', 'exists already'],
    ['a factor the batch removed already', [{ kind: 'factor.reset', userId: alice.id }, { kind: 'factor.reset', userId: alice.id, factorId: 'opf00000000000000001' }], 'changes[1].factorId', 'has no factor'],
    ['a churn share of 0', { churn: { share: 0 } }, 'churn.share', 'expected number to be >0'],
    ['a churn with an extra field', { churn: { share: 0.1, users: 5 } }, 'churn.users', 'Unrecognized key'],
  ])('refuses %s with 400 E0000001 naming the field, and changes nothing', async (_case, body, field, cause) => {
    const { app, ctx } = await simulator();
    const before = fingerprint(ctx.org);
    const res = await postChanges(app, body);
    expect(res.statusCode).toBe(400);
    const error = res.json<OktaErrorBody>();
    expect(error).toMatchObject({ errorCode: 'E0000001', errorSummary: `Api validation failed: ${field}`, errorLink: 'E0000001' });
    expect(error.errorCauses).toHaveLength(1);
    expect(error.errorCauses[0]?.errorSummary).toContain(`${field}: `);
    expect(error.errorCauses[0]?.errorSummary).toContain(cause);
    expect(fingerprint(ctx.org)).toBe(before);
    expect(await recentEvents(app)).toEqual([]);
  });

  it('refuses a body that is not JSON, and changes nothing', async () => {
    const { app, ctx } = await simulator();
    const before = fingerprint(ctx.org);
    const res = await app.inject({ method: 'POST', url: '/__sim/changes', headers: { authorization: `SSWS ${TOKEN}`, 'content-type': 'application/json' }, payload: '[{"kind":' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ errorCode: 'E0000001' });
    expect(fingerprint(ctx.org)).toBe(before);
  });

  it('applies the same churn seed twice: the second plan hires under other logins', async () => {
    const { app, ctx } = await simulator(generateOrg({ users: 60, seed: 5, now: NOW, logEventsPerUserPerDay: 0 }));
    await applyOverHttp(app, { churn: { share: 0.2, seed: 3 } });
    await applyOverHttp(app, { churn: { share: 0.2, seed: 3 } });
    const logins = ctx.org.users.map((u) => u.profile.login);
    expect(new Set(logins).size).toBe(logins.length);
  });
});

describe('POST /__sim/changes access', () => {
  const change = [{ kind: 'user.suspend', userId: bob.id }];

  it.each([
    ['no credential', {}],
    ['an unknown SSWS token', { authorization: 'SSWS 00not-a-real-token' }],
    ['a bearer token', { authorization: `Bearer ${TOKEN}` }],
  ])('answers %s with 401 E0000011 and changes nothing', async (_case, headers) => {
    const { app, ctx } = await simulator();
    const before = fingerprint(ctx.org);
    const res = await postChanges(app, change, headers);
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ errorCode: 'E0000011', errorSummary: 'Invalid token provided' });
    expect(res.body).not.toContain('00not-a-real-token');
    expect(fingerprint(ctx.org)).toBe(before);
  });

  it('accepts the SSWS scheme in any case', async () => {
    const { app } = await simulator();
    expect((await postChanges(app, change, { authorization: `ssws ${TOKEN}` })).statusCode).toBe(200);
  });

  it('answers a caller from another machine with 403 E0000006, even with the token', async () => {
    const { app, ctx } = await simulator();
    const before = fingerprint(ctx.org);
    const res = await app.inject({
      method: 'POST',
      url: '/__sim/changes',
      remoteAddress: '192.0.2.7',
      headers: { authorization: `SSWS ${TOKEN}`, 'content-type': 'application/json' },
      payload: JSON.stringify(change),
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ errorCode: 'E0000006' });
    expect(fingerprint(ctx.org)).toBe(before);
  });

  it('is not counted, rate-limited or faulted like an Okta call', async () => {
    const { app, ctx } = await simulator();
    ctx.options.faults = { ...ctx.options.faults, serverErrorRate: 1, revokeTokenAfterRequests: 1 };
    for (let i = 0; i < 3; i++) {
      const res = await postChanges(app, [{ kind: 'user.update-profile', userId: bob.id, profile: { title: `T${i}` } }]);
      expect(res.statusCode).toBe(200);
      expect(res.headers['x-rate-limit-remaining']).toBeUndefined();
    }
    expect(ctx.stats).toMatchObject({ requests: 0, requestsByBucket: {}, throttled: 0 });
  });

  it('leaves GET /__sim/stats open to loopback callers and closed to others', async () => {
    const { app } = await simulator();
    expect((await app.inject('/__sim/stats')).statusCode).toBe(200);
    expect((await app.inject({ url: '/__sim/stats', remoteAddress: '192.0.2.7' })).statusCode).toBe(403);
  });
});
