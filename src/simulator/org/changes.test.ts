import { describe, expect, it } from 'vitest';
import { alice, bob, craftedOrg, engineering, everyone, NOW, routesApp as routesAppOver, salesforce, slack } from '../routes/test-kit.js';
import { applyChanges, SimChangeError } from './changes.js';
import type { SimLogEvent, SimOrg } from './types.js';

const AT = new Date(NOW).toISOString();

/** Changes mutate the org in place: each test gets its own copy of the crafted org's shared fixtures. */
const routesApp = () => routesAppOver(structuredClone(craftedOrg()));

function lastEvents(org: SimOrg, n: number): SimLogEvent[] {
  return Array.from({ length: n }, (_, i) => org.logs.event(org.logs.size - n + i));
}

function targetTypes(event: SimLogEvent | undefined): string[] {
  return (event?.target ?? []).map((t) => `${t.type}:${t.id}`);
}

describe('applyChanges', () => {
  it('creates an active user in Everyone and logs the create and activate events at the clock', async () => {
    const { ctx } = await routesApp();
    const [applied] = applyChanges(ctx.org, [{ kind: 'user.create', profile: { login: 'new.hire@example.com', firstName: 'New', lastName: 'Hire' } }], NOW);
    const id = applied?.createdId ?? '';
    const user = ctx.org.usersById.get(id);
    expect(user).toMatchObject({ status: 'ACTIVE', created: AT, lastUpdated: AT, profile: { email: 'new.hire@example.com' } });
    expect(ctx.org.groupMembers.get(everyone.id)).toContain(id);
    expect(ctx.org.groupsById.get(everyone.id)?.lastMembershipUpdated).toBe(AT);
    const events = lastEvents(ctx.org, applied?.events.length ?? 0);
    expect(events.map((e) => e.eventType)).toEqual(['user.lifecycle.create', 'user.lifecycle.activate', 'group.user_membership.add']);
    expect(events.every((e) => e.published === AT)).toBe(true);
    // The actor is the org's first admin (alice holds Super Administrator).
    expect(events[0]?.actor).toMatchObject({ id: alice.id, type: 'User' });
    expect(targetTypes(events[0])).toEqual([`User:${id}`]);
  });

  it('deactivates and suspends users, bumping statusChanged and lastUpdated', async () => {
    const { ctx } = await routesApp();
    applyChanges(ctx.org, [{ kind: 'user.deactivate', userId: alice.id }, { kind: 'user.suspend', userId: bob.id }], NOW);
    expect(ctx.org.usersById.get(alice.id)).toMatchObject({ status: 'DEPROVISIONED', statusChanged: AT, lastUpdated: AT });
    expect(ctx.org.usersById.get(bob.id)).toMatchObject({ status: 'SUSPENDED', statusChanged: AT, lastUpdated: AT });
    expect(lastEvents(ctx.org, 1).map((e) => [e.eventType, targetTypes(e)])).toEqual([['user.lifecycle.suspend', [`User:${bob.id}`]]]);
  });

  it('follows Okta: deactivation removes the app assignments (direct and group-derived), suspension keeps them', async () => {
    const { ctx } = await routesApp();
    const appsOf = (userId: string) => ctx.org.apps.filter((app) => ctx.org.appUsers.get(app.id)?.some((row) => row.id === userId)).map((app) => app.id);
    const aliceApps = appsOf(alice.id);
    const bobApps = appsOf(bob.id);
    expect(aliceApps).toContain(salesforce.id);
    expect(bobApps.length).toBeGreaterThan(0);

    const [deactivated] = applyChanges(ctx.org, [{ kind: 'user.deactivate', userId: alice.id }], NOW);
    expect(appsOf(alice.id)).toEqual([]);
    const events = lastEvents(ctx.org, deactivated?.events.length ?? 0);
    expect(events.map((e) => e.eventType)).toEqual(['user.lifecycle.deactivate', ...aliceApps.map(() => 'application.user_membership.remove')]);

    applyChanges(ctx.org, [{ kind: 'user.suspend', userId: bob.id }], NOW);
    expect(appsOf(bob.id)).toEqual(bobApps);
  });

  it('signs a user in: lastLogin moves, lastUpdated does not, and user.session.start names the user as its actor', async () => {
    const { ctx } = await routesApp();
    const lastUpdated = ctx.org.usersById.get(bob.id)?.lastUpdated;
    const [applied] = applyChanges(ctx.org, [{ kind: 'user.sign-in', userId: bob.id }], NOW);
    expect(ctx.org.usersById.get(bob.id)).toMatchObject({ lastLogin: AT, lastUpdated });
    const [event] = lastEvents(ctx.org, applied?.events.length ?? 0);
    expect(event).toMatchObject({ eventType: 'user.session.start', published: AT, outcome: { result: 'SUCCESS' }, actor: { id: bob.id, type: 'User' } });
  });

  it('enrolls and resets factors, naming the user and the enrollment', async () => {
    const { ctx } = await routesApp();
    const [enrolled] = applyChanges(ctx.org, [{ kind: 'factor.enroll', userId: bob.id, factor: 'webauthn' }], NOW);
    const factorId = enrolled?.createdId ?? '';
    expect(ctx.org.factorsByUser.get(bob.id)?.map((f) => f.id)).toEqual([factorId]);
    expect(lastEvents(ctx.org, 1)[0]).toMatchObject({ eventType: 'user.mfa.factor.activate', actor: { id: bob.id } });
    expect(targetTypes(lastEvents(ctx.org, 1)[0])).toEqual([`User:${bob.id}`, `AuthenticatorEnrollment:${factorId}`]);

    applyChanges(ctx.org, [{ kind: 'factor.reset', userId: bob.id, factorId }, { kind: 'factor.reset', userId: alice.id }], NOW);
    expect(ctx.org.factorsByUser.get(bob.id)).toEqual([]);
    expect(ctx.org.factorsByUser.get(alice.id)).toEqual([]);
    expect(lastEvents(ctx.org, 2).map((e) => e.eventType)).toEqual(['user.mfa.factor.deactivate', 'user.mfa.factor.reset_all']);
  });

  it('keeps group-derived app assignments in step with memberships, with their app events', async () => {
    const { app, ctx } = await routesApp();
    const appsOfBob = async () => (await app.inject(`/api/v1/apps?filter=${encodeURIComponent(`user.id eq "${bob.id}"`)}`)).json<{ id: string }[]>().map((a) => a.id);
    expect(await appsOfBob()).not.toContain(slack.id);

    const [added] = applyChanges(ctx.org, [{ kind: 'group.add-member', groupId: engineering.id, userId: bob.id }], NOW);
    expect(ctx.org.groupMembers.get(engineering.id)).toContain(bob.id);
    expect(ctx.org.userGroups.get(bob.id)).toContain(engineering.id);
    expect(ctx.org.groupsById.get(engineering.id)?.lastMembershipUpdated).toBe(AT);
    expect(ctx.org.appUsers.get(slack.id)?.find((r) => r.id === bob.id)).toMatchObject({ scope: 'GROUP' });
    expect(lastEvents(ctx.org, added?.events.length ?? 0).map((e) => e.eventType)).toEqual(['group.user_membership.add', 'application.user_membership.add']);
    // The route's reverse index sees the change (its cache is keyed by the org's revision).
    expect(await appsOfBob()).toContain(slack.id);

    applyChanges(ctx.org, [{ kind: 'group.remove-member', groupId: engineering.id, userId: bob.id }], NOW);
    expect(ctx.org.appUsers.get(slack.id)?.some((r) => r.id === bob.id)).toBe(false);
    expect(lastEvents(ctx.org, 2).map((e) => e.eventType)).toEqual(['group.user_membership.remove', 'application.user_membership.remove']);
    expect(await appsOfBob()).not.toContain(slack.id);
  });

  it('assigns and unassigns apps directly, naming the app instance', async () => {
    const { ctx } = await routesApp();
    applyChanges(ctx.org, [{ kind: 'app.unassign-user', appId: salesforce.id, userId: bob.id }], NOW);
    expect(ctx.org.appUsers.get(salesforce.id)?.map((r) => r.id)).toEqual([alice.id]);
    const event = lastEvents(ctx.org, 1)[0];
    expect(event?.eventType).toBe('application.user_membership.remove');
    expect(event?.target.find((t) => t.type === 'AppInstance')?.id).toBe(salesforce.id);

    applyChanges(ctx.org, [{ kind: 'app.assign-user', appId: salesforce.id, userId: bob.id }], NOW);
    expect(ctx.org.appUsers.get(salesforce.id)?.find((r) => r.id === bob.id)).toMatchObject({ scope: 'USER', created: AT });
  });

  it('edits a policy or one of its rules and logs the update', async () => {
    const { ctx } = await routesApp();
    const policy = ctx.org.policies.find((p) => p.id === 'rst00000000000000001');
    applyChanges(ctx.org, [{ kind: 'policy.edit', policyId: 'rst00000000000000001', settings: { note: 'x' } }], NOW);
    expect(policy).toMatchObject({ lastUpdated: AT, settings: { note: 'x' } });
    applyChanges(ctx.org, [{ kind: 'policy.edit', policyId: 'rst00000000000000001', ruleId: 'rul00000000000000001', settings: { appSignOn: { access: 'DENY' } } }], NOW);
    expect(ctx.org.rulesByPolicy.get('rst00000000000000001')?.find((r) => r.id === 'rul00000000000000001')?.actions).toMatchObject({ appSignOn: { access: 'DENY' } });
    expect(lastEvents(ctx.org, 2).map((e) => [e.eventType, targetTypes(e)])).toEqual([
      ['policy.lifecycle.update', ['PolicyEntity:rst00000000000000001']],
      ['policy.rule.update', ['PolicyRule:rul00000000000000001', 'PolicyEntity:rst00000000000000001']],
    ]);
  });

  it('refuses a batch with a change naming an unknown entity whole, naming the change, and changes nothing', async () => {
    const { ctx } = await routesApp();
    const before = { revision: ctx.org.revision, logs: ctx.org.logs.size, bob: structuredClone(ctx.org.usersById.get(bob.id)) };
    const batch = [{ kind: 'user.suspend', userId: bob.id }, { kind: 'user.suspend', userId: '00unknown' }] as const;
    expect(() => applyChanges(ctx.org, batch, NOW)).toThrow(SimChangeError);
    expect(() => applyChanges(ctx.org, batch, NOW)).toThrow(expect.objectContaining({ problem: { index: 1, field: 'userId', message: 'no user 00unknown' } }) as Error);
    expect({ revision: ctx.org.revision, logs: ctx.org.logs.size, bob: ctx.org.usersById.get(bob.id) }).toEqual(before);
  });

  it('serves changed users to a lastUpdated filter', async () => {
    const { app, ctx } = await routesApp();
    applyChanges(ctx.org, [{ kind: 'user.update-profile', userId: bob.id, profile: { title: 'Manager' } }], NOW);
    const filter = encodeURIComponent(`lastUpdated gt "${new Date(NOW - 1000).toISOString()}"`);
    const users = (await app.inject(`/api/v1/users?filter=${filter}`)).json<{ id: string; profile: { title: string } }[]>();
    expect(users).toEqual([expect.objectContaining({ id: bob.id, profile: expect.objectContaining({ title: 'Manager' }) as unknown })]);
  });
});
