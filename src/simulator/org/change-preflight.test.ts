import { describe, expect, it } from 'vitest';
import { alice, bob, craftedOrg } from '../routes/test-kit.js';
import { buildOrg } from './build.js';
import { findChangeProblem } from './change-preflight.js';
import type { SimChange } from './changes.js';

const org = () => buildOrg(structuredClone(craftedOrg()));
const create = (login: string): SimChange => ({ kind: 'user.create', profile: { login, firstName: 'New', lastName: 'Hire' } });
const ALICE_PUSH = 'opf00000000000000001';

describe('findChangeProblem', () => {
  it('finds nothing in a batch of known entities', () => {
    const batch: SimChange[] = [
      create('new.hire@example.com'),
      { kind: 'factor.reset', userId: alice.id, factorId: ALICE_PUSH },
      { kind: 'user.update-profile', userId: bob.id, profile: { title: 'Manager' } },
    ];
    expect(findChangeProblem(org(), batch)).toBeNull();
  });

  it.each<[string, SimChange[], { index: number; field: string }]>([
    ['a login taken, in any case', [create('ALICE.smith@example.com')], { index: 0, field: 'profile.login' }],
    ['a login an earlier change created', [create('twin@example.com'), create('twin@example.com')], { index: 1, field: 'profile.login' }],
    ['a login an earlier change gave a user', [{ kind: 'user.update-profile', userId: bob.id, profile: { login: 'robert@example.com' } }, create('robert@example.com')], { index: 1, field: 'profile.login' }],
    ['a factor an earlier change reset', [{ kind: 'factor.reset', userId: alice.id, factorId: ALICE_PUSH }, { kind: 'factor.reset', userId: alice.id, factorId: ALICE_PUSH }], { index: 1, field: 'factorId' }],
    ['a factor an earlier reset-all removed', [{ kind: 'factor.reset', userId: alice.id }, { kind: 'factor.reset', userId: alice.id, factorId: ALICE_PUSH }], { index: 1, field: 'factorId' }],
    ['another user\'s factor', [{ kind: 'factor.reset', userId: bob.id, factorId: ALICE_PUSH }], { index: 0, field: 'factorId' }],
  ])('refuses %s', (_case, batch, expected) => {
    expect(findChangeProblem(org(), batch)).toMatchObject(expected);
  });

  it('frees the login a user gave up earlier in the batch', () => {
    const batch: SimChange[] = [{ kind: 'user.update-profile', userId: bob.id, profile: { login: 'robert@example.com' } }, create('bob.jones@example.com')];
    expect(findChangeProblem(org(), batch)).toBeNull();
  });
});
