import { describe, expect, it } from 'vitest';
import { makeApp, makeAppAssignment, makeGroup, makePolicy, makePolicyRule, makeUser } from '../store/testing/fixtures.js';
import type { PolicyRuleRecord, UserRecord } from '../store/types.js';
import { CHECK_CONTROLS } from '../frameworks/mapping.js';
import { mfaEnforcedAtSignIn } from './mfa-enforced-at-sign-in.js';
import { makeContext, makeView, resultFor, type ViewInput } from './testing/view-builder.js';

const APP = '0oa1';
const ALICE = makeUser({ id: '00ua', login: 'alice@example.com' });
const BOB = makeUser({ id: '00ub', login: 'bob@example.com' });
const GONE = makeUser({ id: '00ug', login: 'gone@example.com', status: 'DEPROVISIONED' });
const ADMINS = makeGroup({ id: '00gAdmins', name: 'Admins' });
const EVERYONE = makeGroup({ id: '00gEveryone', name: 'Everyone', type: 'BUILT_IN' });

const appSignOn = (factorMode: '1FA' | '2FA', access = 'ALLOW') => ({ appSignOn: { access, verificationMethod: { type: 'ASSURANCE', factorMode, constraints: [] } } });
const signOn = (requireFactor: boolean) => ({ signon: { access: 'ALLOW', requireFactor, session: { maxSessionIdleMinutes: 15 } } });

function accessRule(id: string, priority: number, actions: Record<string, unknown>, conditions: unknown = null, name = `Rule ${id}`): PolicyRuleRecord {
  return makePolicyRule({ policyId: 'rst1', id, name, type: 'ACCESS_POLICY', priority, system: priority === 99, conditions, actions });
}

/** An Identity Engine org: the app points at authentication policy rst1, ALICE (an admin) and BOB are assigned. */
function identityEngine(rules: PolicyRuleRecord[], input: ViewInput = {}): ViewInput {
  return {
    apps: [makeApp({ id: APP, label: 'Payroll', accessPolicyId: 'rst1' })],
    users: [ALICE, BOB, GONE],
    groups: [ADMINS, EVERYONE],
    groupMemberships: [
      { groupId: ADMINS.id, userId: ALICE.id },
      { groupId: EVERYONE.id, userId: ALICE.id },
      { groupId: EVERYONE.id, userId: BOB.id },
    ],
    appAssignments: [ALICE, BOB, GONE].map((user) => makeAppAssignment({ appId: APP, userId: user.id })),
    policies: [makePolicy({ id: 'rst1', type: 'ACCESS_POLICY', name: 'Payroll sign-in', conditions: null })],
    policyRules: rules,
    ...input,
  };
}

function judge(input: ViewInput) {
  return resultFor(mfaEnforcedAtSignIn.evaluate(makeView(input), makeContext()), APP);
}

describe('mfa-enforced-at-sign-in', () => {
  it('is a high-severity check mapped to the MFA controls', () => {
    expect(mfaEnforcedAtSignIn.severity).toBe('high');
    expect(mfaEnforcedAtSignIn.controls).toEqual(CHECK_CONTROLS['mfa-enabled-all-users']);
  });

  it('fails an app whose catch-all rule allows one factor, naming the rule and the users it lets in', () => {
    const result = judge(identityEngine([accessRule('rul99', 99, appSignOn('1FA'), null, 'Catch-all Rule')]));
    expect(result.status).toBe('fail');
    expect(result.reason).toBe(
      'Rule "Catch-all Rule" of "Payroll sign-in" (actions.appSignOn.verificationMethod.factorMode = 1FA) lets 2 assigned users in with one factor: alice@example.com, bob@example.com. Require two factors in that rule.',
    );
    expect(result.fields).toMatchObject({ engine: 'identity-engine', accessPolicyName: 'Payroll sign-in', assignedUsers: 2 });
  });

  it('passes when a 2FA rule that applies to every sign-in comes before a 1FA catch-all (the catch-all is never reached)', () => {
    const rules = [accessRule('rul1', 1, appSignOn('2FA'), { people: { users: { exclude: [] } }, network: { connection: 'ANYWHERE' }, riskScore: { level: 'ANY' } }), accessRule('rul99', 99, appSignOn('1FA'))];
    const result = judge(identityEngine(rules));
    expect(result.status).toBe('pass');
    expect(result.reason).toContain('Every rule of authentication policy "Payroll sign-in" that can decide a sign-in of the 2 assigned users requires two factors');
  });

  it('passes an admins-only 2FA rule before a DENY catch-all, and fails when the catch-all lets the others in', () => {
    const admins2fa = accessRule('rul1', 1, appSignOn('2FA'), { people: { groups: { include: [ADMINS.id] } } }, 'Admins MFA');
    expect(judge(identityEngine([admins2fa, accessRule('rul99', 99, appSignOn('1FA', 'DENY'))])).status).toBe('pass');
    const result = judge(identityEngine([admins2fa, accessRule('rul99', 99, appSignOn('1FA'), null, 'Catch-all Rule')]));
    expect(result.status).toBe('fail');
    expect(result.reason).toContain('lets 1 assigned user in with one factor: bob@example.com');
  });

  it('names the groups of a 1FA rule with their names', () => {
    const result = judge(identityEngine([accessRule('rul1', 1, appSignOn('1FA'), { people: { groups: { include: [ADMINS.id] } } }, 'Admins quick'), accessRule('rul99', 99, appSignOn('2FA'))]));
    expect(result.status).toBe('fail');
    expect(result.reason).toContain('lets 1 assigned user (groups Admins) in with one factor: alice@example.com');
  });

  it('counts a 1FA rule limited to a network zone: sign-ins from that zone get in with one factor', () => {
    const onNetwork = accessRule('rul1', 1, appSignOn('1FA'), { network: { connection: 'ZONE', include: ['nzoCorp'] } }, 'On the corporate network');
    expect(judge(identityEngine([onNetwork, accessRule('rul99', 99, appSignOn('2FA'))])).reason).toMatch(/^Rule "On the corporate network" of "Payroll sign-in"/);
  });

  it('says error where a condition cannot be evaluated from the data read', () => {
    const byType = accessRule('rul1', 1, appSignOn('2FA'), { userType: { include: ['otyContractor'] } }, 'Contractors');
    const result = judge(identityEngine([byType, accessRule('rul99', 99, appSignOn('1FA', 'DENY'))]));
    expect(result.status).toBe('error');
    expect(result.reason).toContain('rule "Contractors" of "Payroll sign-in" for 2 users: the userType condition cannot be evaluated');

    const byGroup = accessRule('rul1', 1, appSignOn('2FA'), { people: { groups: { include: [ADMINS.id] } } });
    const unread = judge(identityEngine([byGroup, accessRule('rul99', 99, appSignOn('1FA', 'DENY'))], { datasets: { groupMemberships: { state: 'not_permitted', permissionNeeded: 'okta.groups.read' } } }));
    expect(unread.status).toBe('error');
    expect(unread.reason).toContain('okta.groups.read');
  });

  it('errors when the app names no authentication policy, and skips inactive apps and apps nobody can use', () => {
    expect(judge(identityEngine([], { apps: [makeApp({ id: APP, accessPolicyId: null })] })).status).toBe('error');
    expect(judge(identityEngine([], { apps: [makeApp({ id: APP, status: 'INACTIVE', accessPolicyId: 'rst1' })] })).status).toBe('not_applicable');
    expect(judge(identityEngine([accessRule('rul99', 99, appSignOn('1FA'))], { appAssignments: [makeAppAssignment({ appId: APP, userId: GONE.id })] })).status).toBe('not_applicable');
  });

  describe('on a Classic org (global session policy)', () => {
    function classic(defaultRules: PolicyRuleRecord[]): ViewInput {
      const users: UserRecord[] = [ALICE, BOB];
      return {
        apps: [makeApp({ id: APP, label: 'Payroll', accessPolicyId: null })],
        users,
        groups: [ADMINS, EVERYONE],
        groupMemberships: [
          { groupId: ADMINS.id, userId: ALICE.id },
          { groupId: EVERYONE.id, userId: ALICE.id },
          { groupId: EVERYONE.id, userId: BOB.id },
        ],
        appAssignments: users.map((user) => makeAppAssignment({ appId: APP, userId: user.id })),
        policies: [
          makePolicy({ id: '00pAdmins', type: 'OKTA_SIGN_ON', name: 'Admins session policy', priority: 1, system: false, conditions: { people: { groups: { include: [ADMINS.id] } } } }),
          makePolicy({ id: '00pDefault', type: 'OKTA_SIGN_ON', name: 'Default Policy', priority: 2, system: true, conditions: { people: { groups: { include: [EVERYONE.id] } } } }),
        ],
        policyRules: [makePolicyRule({ policyId: '00pAdmins', id: '0prA', name: 'MFA every sign-in', type: 'SIGN_ON', actions: signOn(true) }), ...defaultRules],
      };
    }

    it('judges each user by the first session policy whose groups include them, and names the 1FA rule', () => {
      const offNetwork = makePolicyRule({ policyId: '00pDefault', id: '0pr1', name: 'MFA off the corporate network', type: 'SIGN_ON', priority: 1, conditions: { network: { connection: 'ZONE', exclude: ['nzoCorp'] } }, actions: signOn(true) });
      const fallback = makePolicyRule({ policyId: '00pDefault', id: '0pr2', name: 'Default Rule', type: 'SIGN_ON', priority: 2, actions: signOn(false) });
      const result = judge(classic([offNetwork, fallback]));
      expect(result.status).toBe('fail');
      expect(result.reason).toContain('Rule "Default Rule" of "Default Policy" (actions.signon.requireFactor = false) lets 1 assigned user in with one factor: bob@example.com');
      expect(result.fields).toMatchObject({ engine: 'classic', sessionPolicies: [{ name: 'Admins session policy', users: 1 }, { name: 'Default Policy', users: 1 }] });
    });

    it('passes when every reachable rule requires a factor', () => {
      const everyone = makePolicyRule({ policyId: '00pDefault', id: '0pr2', name: 'Default Rule', type: 'SIGN_ON', actions: signOn(true) });
      expect(judge(classic([everyone])).status).toBe('pass');
    });
  });
});
