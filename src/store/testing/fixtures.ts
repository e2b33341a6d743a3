import type {
  AdminRoleRecord,
  AppAssignmentRecord,
  AppGroupAssignmentRecord,
  AppRecord,
  FactorRecord,
  GroupRecord,
  LogEventRecord,
  PolicyRecord,
  PolicyRuleRecord,
  UserRecord,
} from '../types.js';

/** Small record builders for store tests: defaults plus the fields a test cares about. Synthetic, example.com only. */

const AT = new Date('2024-05-01T12:34:56.789Z');

export function makeUser(overrides: Partial<UserRecord> & Pick<UserRecord, 'id'>): UserRecord {
  return {
    login: `${overrides.id}@example.com`,
    email: `${overrides.id}@example.com`,
    firstName: 'Ada',
    lastName: 'Lovelace',
    displayName: null,
    department: 'Engineering',
    title: null,
    status: 'ACTIVE',
    created: AT,
    activated: AT,
    statusChanged: null,
    lastLogin: new Date('2024-06-01T08:00:00.001Z'),
    lastUpdated: AT,
    passwordChanged: null,
    providerType: 'OKTA',
    providerName: 'OKTA',
    ...overrides,
  };
}

export function makeFactor(overrides: Partial<FactorRecord> & Pick<FactorRecord, 'userId' | 'id'>): FactorRecord {
  return {
    factorType: 'token:software:totp',
    provider: 'OKTA',
    vendorName: 'OKTA',
    status: 'ACTIVE',
    created: AT,
    lastUpdated: AT,
    profileSummary: null,
    ...overrides,
  };
}

export function makeGroup(overrides: Partial<GroupRecord> & Pick<GroupRecord, 'id'>): GroupRecord {
  return {
    name: `Group ${overrides.id}`,
    description: null,
    type: 'OKTA_GROUP',
    created: AT,
    lastUpdated: AT,
    lastMembershipUpdated: AT,
    sourceAppId: null,
    ...overrides,
  };
}

export function makeApp(overrides: Partial<AppRecord> & Pick<AppRecord, 'id'>): AppRecord {
  return {
    name: 'oidc_client',
    label: `App ${overrides.id}`,
    status: 'ACTIVE',
    signOnMode: 'OPENID_CONNECT',
    created: AT,
    lastUpdated: AT,
    accessPolicyId: null,
    ...overrides,
  };
}

export function makeAppAssignment(overrides: Partial<AppAssignmentRecord> & Pick<AppAssignmentRecord, 'appId' | 'userId'>): AppAssignmentRecord {
  return { scope: 'USER', status: 'ACTIVE', created: AT, lastUpdated: AT, viaGroupIds: [], ...overrides };
}

export function makeAppGroupAssignment(overrides: Partial<AppGroupAssignmentRecord> & Pick<AppGroupAssignmentRecord, 'appId' | 'groupId'>): AppGroupAssignmentRecord {
  return { priority: 0, ...overrides };
}

export function makePolicy(overrides: Partial<PolicyRecord> & Pick<PolicyRecord, 'id'>): PolicyRecord {
  return {
    type: 'MFA_ENROLL',
    name: `Policy ${overrides.id}`,
    status: 'ACTIVE',
    priority: 1,
    system: false,
    conditions: { people: { groups: { include: ['00g1'] } } },
    settings: { type: 'AUTHENTICATORS', authenticators: [{ key: 'okta_verify', enroll: { self: 'REQUIRED' } }] },
    created: AT,
    lastUpdated: AT,
    ...overrides,
  };
}

export function makePolicyRule(overrides: Partial<PolicyRuleRecord> & Pick<PolicyRuleRecord, 'policyId' | 'id'>): PolicyRuleRecord {
  return {
    type: 'MFA_ENROLL',
    name: `Rule ${overrides.id}`,
    status: 'ACTIVE',
    priority: 1,
    system: true,
    conditions: null,
    actions: { enroll: { self: 'CHALLENGE' } },
    ...overrides,
  };
}

export function makeAdminRole(overrides: Partial<AdminRoleRecord> & Pick<AdminRoleRecord, 'userId' | 'id'>): AdminRoleRecord {
  return { type: 'SUPER_ADMIN', label: 'Super Administrator', status: 'ACTIVE', assignmentType: 'USER', groupId: null, ...overrides };
}

export function makeLogEvent(overrides: Partial<LogEventRecord> & Pick<LogEventRecord, 'uuid' | 'published'>): LogEventRecord {
  return {
    eventType: 'user.session.start',
    outcomeResult: 'SUCCESS',
    actorId: '00u1',
    actorAlternateId: 'ada@example.com',
    targetIds: [],
    raw: { uuid: overrides.uuid, eventType: overrides.eventType ?? 'user.session.start' },
    ...overrides,
  };
}

/** Ids that sort in numeric order as text, the way they stream back. */
export function paddedId(prefix: string, n: number): string {
  return `${prefix}${String(n).padStart(6, '0')}`;
}

let orgCounter = 0;
/** A fresh org per test, so tests can share one database (opening one costs ~0.5 s on PostgreSQL). */
export function newOrg(): string {
  orgCounter += 1;
  return `org-${orgCounter}-${Math.random().toString(36).slice(2, 8)}.example.com`;
}
