import { describe, expect, it } from 'vitest';
import { planChanges, toChangeEvent, type ChangeEvent, type ChangePlan } from './change-plan.js';

const user = (id: string) => ({ id, type: 'User' });
const group = (id: string) => ({ id, type: 'UserGroup' });
const app = (id: string) => ({ id, type: 'AppInstance' });
const appUser = (id: string) => ({ id, type: 'AppUser' });
const factor = (id: string) => ({ id, type: 'AuthenticatorEnrollment' });
const policy = (id: string) => ({ id, type: 'PolicyEntity' });
const admin = user('00uadmin');

function summary(plan: ChangePlan) {
  return {
    userIds: [...plan.userIds],
    userIdsForFactors: [...plan.userIdsForFactors],
    groupIds: [...plan.groupIds],
    appIds: [...plan.appIds],
    appUserChanges: plan.appUserChanges,
    policies: plan.policies,
    policyIds: [...plan.policyIds],
    membershipMoves: plan.membershipMoves,
  };
}

const none = { userIds: [], userIdsForFactors: [], groupIds: [], appIds: [], appUserChanges: [], policies: false, policyIds: [], membershipMoves: [] };

describe('planChanges', () => {
  it.each<[string, ChangeEvent, Partial<ReturnType<typeof summary>>]>([
    ['a self-service enrollment (actor is the user)', { eventType: 'user.mfa.factor.activate', actor: user('00u1'), target: [factor('f1')] }, { userIdsForFactors: ['00u1'] }],
    ['an admin factor reset', { eventType: 'user.mfa.factor.deactivate', actor: admin, target: [user('00u2'), factor('f2')] }, { userIdsForFactors: ['00u2'] }],
    ['a reset of all factors', { eventType: 'user.mfa.factor.reset_all', actor: admin, target: [user('00u3')] }, { userIdsForFactors: ['00u3'] }],
    ['a deactivation', { eventType: 'user.lifecycle.deactivate', actor: admin, target: [user('00u4')] }, { userIds: ['00u4'] }],
    ['a profile edit', { eventType: 'user.account.update_profile', actor: admin, target: [user('00u5')] }, { userIds: ['00u5'] }],
    ['a group membership', { eventType: 'group.user_membership.add', actor: admin, target: [user('00u6'), group('00g1')] }, { groupIds: ['00g1'], membershipMoves: [{ groupId: '00g1', userId: '00u6' }] }],
    [
      'an app assignment removed: the AppUser target names the user by login (its id is not a user id)',
      { eventType: 'application.user_membership.remove', outcome: { result: 'SUCCESS' }, actor: admin, target: [{ ...appUser('0ua1'), alternateId: 'ada@example.com' }, app('0oa1')] },
      { appUserChanges: [{ appId: '0oa1', user: { login: 'ada@example.com' }, removal: true }] },
    ],
    [
      'a removal that failed removed nothing',
      { eventType: 'application.user_membership.remove', outcome: { result: 'FAILURE' }, actor: admin, target: [user('00u9'), app('0oa1')] },
      { appUserChanges: [{ appId: '0oa1', user: { id: '00u9' }, removal: false }] },
    ],
    [
      'an app assignment with a User target',
      { eventType: 'application.user_membership.add', outcome: { result: 'SUCCESS' }, actor: admin, target: [user('00u8'), app('0oa3')] },
      { appUserChanges: [{ appId: '0oa3', user: { id: '00u8' }, removal: false }] },
    ],
    ['an app assignment that names no user: the whole app', { eventType: 'application.user_membership.remove', actor: admin, target: [appUser('0ua1'), app('0oa1')] }, { appIds: ['0oa1'] }],
    ['a group assigned to an app', { eventType: 'group.application_assignment.add', actor: admin, target: [group('00g2'), app('0oa2')] }, { appIds: ['0oa2'] }],
    ['a policy edit', { eventType: 'policy.lifecycle.update', actor: admin, target: [policy('00p1')] }, { policies: true, policyIds: ['00p1'] }],
    ['a rule edit', { eventType: 'policy.rule.update', actor: admin, target: [{ id: 'rul1', type: 'PolicyRule' }, policy('00p2')] }, { policies: true, policyIds: ['00p2'] }],
    ['a sign-in (no re-read)', { eventType: 'user.session.start', actor: user('00u7'), target: [] }, {}],
  ])('%s', (_name, event, expected) => {
    expect(summary(planChanges([event]))).toEqual({ ...none, ...expected });
  });

  it('merges many events, each id once', () => {
    const plan = planChanges([
      { eventType: 'user.mfa.factor.activate', actor: user('00u1'), target: [user('00u1')] },
      { eventType: 'user.mfa.factor.deactivate', actor: admin, target: [user('00u1')] },
      { eventType: 'user.lifecycle.suspend', actor: admin, target: [user('00u1')] },
    ]);
    expect(summary(plan)).toMatchObject({ userIds: ['00u1'], userIdsForFactors: ['00u1'] });
  });
});

describe('toChangeEvent', () => {
  it('reads the fields the plan needs and tolerates Okta nulls', () => {
    expect(toChangeEvent({ eventType: 'x', actor: null, target: null, extra: 1 })).toEqual({ eventType: 'x', actor: null, target: [] });
    expect(toChangeEvent({ target: [] })).toBeUndefined();
    expect(toChangeEvent({ eventType: 'x', outcome: { result: 'SUCCESS', reason: null }, target: [] })).toEqual({ eventType: 'x', outcome: { result: 'SUCCESS' }, target: [] });
  });
});
