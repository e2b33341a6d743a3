/**
 * The policies of a generated org, as data. Shapes follow OKTA-API.md §9 (settings per type, rule actions per rule
 * type). The mix is deliberate: a weak system Default Policy next to a strict targeted one, an INACTIVE policy, both
 * MFA_ENROLL setting shapes (Classic `settings.factors` and Identity Engine `settings.authenticators`, see
 * mondoohq/cnspec#3852), sign-on rules with and without MFA, and app sign-in rules from 1FA to phishing-resistant.
 */

export interface RuleDraft {
  name: string;
  system?: boolean;
  status?: 'ACTIVE' | 'INACTIVE';
  /** Defaults to the rule's position (1-based); the catch-all rule is 99. */
  priority?: number;
  /** Left out on the catch-all rule, which applies to everything. */
  conditions?: Record<string, unknown>;
  actions: Record<string, unknown>;
}

export interface PolicyDraft {
  type: 'PASSWORD' | 'MFA_ENROLL' | 'OKTA_SIGN_ON' | 'ACCESS_POLICY';
  name: string;
  description: string | null;
  status?: 'ACTIVE' | 'INACTIVE';
  system?: boolean;
  /**
   * Group ids for `conditions.people.groups.include`. App sign-in policies have none: apps point at them, so Okta
   * sends `conditions: null` (SPEC AccessPolicy types it as nullable) and targets groups in the rules.
   */
  include?: string[];
  /** More conditions beside `people`, e.g. `authProvider` on password policies. */
  conditions?: Record<string, unknown>;
  settings: Record<string, unknown> | null;
  rules: RuleDraft[];
}

export interface PolicyGroups {
  everyone: string;
  admins: string;
  contractors: string;
  engineering: string;
  it: string;
}

const ANYWHERE = { people: { users: { exclude: [] } }, network: { connection: 'ANYWHERE' } };

const enroll = (self: 'REQUIRED' | 'OPTIONAL' | 'NOT_ALLOWED'): Record<string, unknown> => ({ enroll: { self }, consent: { type: 'NONE' } });

const signOn = (requireFactor: boolean, idle: number, lifetime: number, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  signon: {
    access: 'ALLOW',
    requireFactor,
    ...extra,
    rememberDeviceByDefault: false,
    session: { usePersistentCookie: false, maxSessionIdleMinutes: idle, maxSessionLifetimeMinutes: lifetime },
  },
});

const appSignOn = (factorMode: '1FA' | '2FA', reauthenticateIn: string, constraints: unknown[], access: 'ALLOW' | 'DENY' = 'ALLOW'): Record<string, unknown> => ({
  appSignOn: { access, verificationMethod: { factorMode, type: 'ASSURANCE', reauthenticateIn, constraints } },
});

/**
 * Okta's system catch-all rule of every app sign-in policy (SPEC list-all-access-policy-rule-response). Okta sends
 * its `conditions` as null; SPEC types them as an object, so they are left out (crafted org files can still send null).
 */
const catchAll = (factorMode: '1FA' | '2FA', access: 'ALLOW' | 'DENY' = 'ALLOW'): RuleDraft => ({
  name: 'Catch-all Rule',
  system: true,
  priority: 99,
  actions: appSignOn(factorMode, 'PT12H', [], access),
});

function passwordPolicies(g: PolicyGroups): PolicyDraft[] {
  const okta = { authProvider: { provider: 'OKTA' } };
  return [
    {
      type: 'PASSWORD',
      name: 'Privileged Password Policy',
      description: 'Long passwords and rotation for admins and engineers',
      include: [g.admins, g.it, g.engineering],
      conditions: okta,
      settings: {
        password: {
          complexity: {
            minLength: 14, minLowerCase: 1, minUpperCase: 1, minNumber: 1, minSymbol: 1, excludeUsername: true,
            excludeAttributes: ['firstName', 'lastName'], dictionary: { common: { exclude: true } }, maxConsecutiveCharacters: 3,
          },
          age: { maxAgeDays: 90, expireWarnDays: 14, minAgeMinutes: 1440, historyCount: 24 },
          lockout: { maxAttempts: 5, autoUnlockMinutes: 30, showLockoutFailures: true, userLockoutNotificationChannels: ['EMAIL'] },
        },
        recovery: { factors: { recovery_question: { status: 'INACTIVE' }, okta_email: { status: 'ACTIVE', properties: { recoveryToken: { tokenLifetimeMinutes: 60 } } } } },
        delegation: { options: { skipUnlock: false } },
      },
      rules: [{
        name: 'Self-service reset with step-up',
        conditions: ANYWHERE,
        actions: {
          passwordChange: { access: 'ALLOW' },
          selfServicePasswordReset: { access: 'ALLOW', requirement: { primary: { methods: ['email'] }, stepUp: { required: true } } },
          selfServiceUnlock: { access: 'DENY' },
        },
      }],
    },
    {
      type: 'PASSWORD',
      name: 'Contractor Password Policy',
      description: 'Superseded; kept for reference',
      status: 'INACTIVE',
      include: [g.contractors],
      conditions: okta,
      settings: {
        password: {
          complexity: { minLength: 10, minLowerCase: 1, minUpperCase: 1, minNumber: 1, minSymbol: 0, excludeUsername: true, excludeAttributes: [], dictionary: { common: { exclude: false } } },
          age: { maxAgeDays: 180, expireWarnDays: 0, minAgeMinutes: 0, historyCount: 4 },
          lockout: { maxAttempts: 0, autoUnlockMinutes: 0, showLockoutFailures: false, userLockoutNotificationChannels: [] },
        },
        recovery: { factors: { okta_email: { status: 'ACTIVE' } } },
        delegation: { options: { skipUnlock: false } },
      },
      rules: [{ name: 'Default contractor rule', status: 'INACTIVE', conditions: ANYWHERE, actions: { passwordChange: { access: 'ALLOW' }, selfServicePasswordReset: { access: 'ALLOW' }, selfServiceUnlock: { access: 'ALLOW' } } }],
    },
    {
      type: 'PASSWORD',
      name: 'Default Policy',
      description: 'The default policy applies in all situations if no other policy applies.',
      system: true,
      include: [g.everyone],
      conditions: okta,
      settings: {
        password: {
          // Weak on purpose. The SPEC example sends `minNumber: null`, which its schema (integer) forbids, so it is left
          // out here as Okta's docs allow; collectors still meet the null through crafted org files.
          complexity: { minLength: 8, minLowerCase: 1, minUpperCase: 1, minSymbol: 0, excludeUsername: true, excludeAttributes: [], dictionary: { common: { exclude: false } } },
          age: { maxAgeDays: 0, expireWarnDays: 0, minAgeMinutes: 0, historyCount: 0 },
          lockout: { maxAttempts: 10, autoUnlockMinutes: 0, showLockoutFailures: false, userLockoutNotificationChannels: [] },
        },
        recovery: {
          factors: {
            recovery_question: { status: 'ACTIVE', properties: { complexity: { minLength: 4 } } },
            okta_email: { status: 'ACTIVE', properties: { recoveryToken: { tokenLifetimeMinutes: 10080 } } },
            okta_sms: { status: 'INACTIVE' },
            okta_call: { status: 'INACTIVE' },
          },
        },
        delegation: { options: { skipUnlock: false } },
      },
      rules: [{ name: 'Default Rule', system: true, conditions: ANYWHERE, actions: { passwordChange: { access: 'ALLOW' }, selfServicePasswordReset: { access: 'ALLOW' }, selfServiceUnlock: { access: 'DENY' } } }],
    },
  ];
}

function enrollmentPolicies(g: PolicyGroups): PolicyDraft[] {
  return [
    {
      type: 'MFA_ENROLL',
      name: 'Admin authenticator enrollment',
      description: 'Identity Engine shape: phishing-resistant authenticators required',
      include: [g.admins, g.it],
      settings: {
        type: 'AUTHENTICATORS',
        authenticators: [
          { key: 'okta_verify', enroll: { self: 'REQUIRED' } },
          { key: 'webauthn', enroll: { self: 'REQUIRED' } },
          { key: 'okta_password', enroll: { self: 'REQUIRED' } },
          { key: 'okta_email', enroll: { self: 'OPTIONAL' } },
          { key: 'phone_number', enroll: { self: 'NOT_ALLOWED' } },
        ],
      },
      rules: [{ name: 'Enroll at sign-in', conditions: ANYWHERE, actions: { enroll: { self: 'LOGIN' } } }],
    },
    {
      type: 'MFA_ENROLL',
      name: 'Default Policy',
      description: 'The default policy applies in all situations if no other policy applies.',
      system: true,
      include: [g.everyone],
      // Classic shape: every factor optional, so nothing forces enrollment.
      settings: {
        factors: {
          okta_otp: enroll('OPTIONAL'),
          okta_push: enroll('OPTIONAL'),
          okta_sms: enroll('OPTIONAL'),
          okta_call: enroll('NOT_ALLOWED'),
          okta_email: enroll('OPTIONAL'),
          okta_question: enroll('OPTIONAL'),
          google_otp: enroll('OPTIONAL'),
          fido_webauthn: enroll('OPTIONAL'),
        },
      },
      rules: [{ name: 'Default Rule', system: true, conditions: ANYWHERE, actions: { enroll: { self: 'CHALLENGE' } } }],
    },
  ];
}

function signOnPolicies(g: PolicyGroups, zoneId: string): PolicyDraft[] {
  return [
    {
      type: 'OKTA_SIGN_ON',
      name: 'Admins session policy',
      description: 'Short sessions and MFA at every sign-in for admins',
      include: [g.admins],
      settings: null,
      rules: [{
        name: 'MFA every sign-in',
        conditions: { ...ANYWHERE, authContext: { authType: 'ANY' } },
        actions: signOn(true, 15, 720, { factorPromptMode: 'ALWAYS', primaryFactor: 'PASSWORD_IDP_ANY_FACTOR' }),
      }],
    },
    {
      type: 'OKTA_SIGN_ON',
      name: 'Default Policy',
      description: 'The default policy applies in all situations if no other policy applies.',
      system: true,
      include: [g.everyone],
      settings: null,
      rules: [
        {
          name: 'MFA off the corporate network',
          conditions: { people: { users: { exclude: [] } }, network: { connection: 'ZONE', exclude: [zoneId] }, authContext: { authType: 'ANY' } },
          actions: signOn(true, 120, 1440, { factorPromptMode: 'SESSION', factorLifetime: 15, primaryFactor: 'PASSWORD_IDP' }),
        },
        // Okta's system default rule: no MFA and sessions that never expire (maxSessionLifetimeMinutes 0).
        { name: 'Default Rule', system: true, conditions: ANYWHERE, actions: signOn(false, 120, 0, { primaryFactor: 'PASSWORD_IDP' }) },
      ],
    },
  ];
}

function accessPolicies(g: PolicyGroups): PolicyDraft[] {
  return [
    {
      type: 'ACCESS_POLICY',
      name: 'Default Policy',
      description: 'The default app sign-in policy: password only',
      system: true,
      settings: null,
      rules: [catchAll('1FA')],
    },
    {
      type: 'ACCESS_POLICY',
      name: 'Any two factors',
      description: 'Password plus any second factor',
      settings: null,
      rules: [
        {
          name: 'Require MFA',
          conditions: { people: { users: { exclude: [] } }, network: { connection: 'ANYWHERE' }, riskScore: { level: 'ANY' } },
          actions: appSignOn('2FA', 'PT8H', [{ knowledge: { types: ['PASSWORD'], reauthenticateIn: 'PT8H' }, possession: { deviceBound: 'OPTIONAL' } }]),
        },
        catchAll('2FA'),
      ],
    },
    {
      type: 'ACCESS_POLICY',
      name: 'Phishing-resistant for admin apps',
      description: 'FIDO2 or FastPass required',
      settings: null,
      rules: [
        {
          name: 'Phishing-resistant MFA',
          conditions: { people: { groups: { include: [g.admins, g.it] } }, network: { connection: 'ANYWHERE' } },
          actions: appSignOn('2FA', 'PT1H', [{ possession: { phishingResistant: 'REQUIRED', userVerification: 'REQUIRED', userPresence: 'REQUIRED' } }]),
        },
        catchAll('2FA', 'DENY'),
      ],
    },
  ];
}

export function policyDrafts(groups: PolicyGroups, zoneId: string): PolicyDraft[] {
  return [...passwordPolicies(groups), ...enrollmentPolicies(groups), ...signOnPolicies(groups, zoneId), ...accessPolicies(groups)];
}
