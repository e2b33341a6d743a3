import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { parseChanges, SIM_CHANGE_KINDS, type simChangeSchema } from './change-schema.js';
import type { SimChange } from './changes.js';

/** One change of every kind, in the shapes `applyChanges` takes. */
const EVERY_KIND: SimChange[] = [
  { kind: 'user.create', profile: { login: 'a@example.com', firstName: 'A', lastName: 'B', title: null, costCenter: 'CC-1' } },
  { kind: 'user.deactivate', userId: '00u1' },
  { kind: 'user.suspend', userId: '00u1' },
  { kind: 'user.sign-in', userId: '00u1' },
  { kind: 'user.update-profile', userId: '00u1', profile: {} },
  { kind: 'factor.enroll', userId: '00u1', factor: 'signed_nonce' },
  { kind: 'factor.reset', userId: '00u1' },
  { kind: 'factor.reset', userId: '00u1', factorId: 'opf1' },
  { kind: 'group.add-member', groupId: '00g1', userId: '00u1' },
  { kind: 'group.remove-member', groupId: '00g1', userId: '00u1' },
  { kind: 'app.assign-user', appId: '0oa1', userId: '00u1' },
  { kind: 'app.unassign-user', appId: '0oa1', userId: '00u1' },
  { kind: 'policy.edit', policyId: '00p1', settings: { password: { complexity: { minLength: 14 } } } },
  { kind: 'policy.edit', policyId: '00p1', ruleId: '0pr1', settings: {} },
];

describe('simChangeSchema', () => {
  it('accepts every SimChange, as it is', () => {
    expectTypeOf<SimChange>().toExtend<z.input<typeof simChangeSchema>>();
    expectTypeOf<z.output<typeof simChangeSchema>>().toExtend<SimChange>();
    const parsed = parseChanges(JSON.parse(JSON.stringify(EVERY_KIND)));
    expect(parsed.success && parsed.data).toEqual(EVERY_KIND);
  });

  it('lists every kind once', () => {
    expect([...SIM_CHANGE_KINDS].sort()).toEqual([...new Set(EVERY_KIND.map((c) => c.kind))].sort());
  });
});
