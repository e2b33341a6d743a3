import { evaluateDownstreamMfa } from '../src/checks/downstream/downstream-mfa.js';
import { buildSnapshotView } from '../src/checks/snapshot-view.js';
import type { DownstreamAccount, DownstreamSnapshot } from '../src/store/downstream-types.js';
import { DATASET_IDS, type AppAssignmentRecord, type FactorRecord, type GroupMembershipRecord, type LogEventRecord, type UserRecord } from '../src/store/types.js';
import { defineScenario } from './scenario.js';

const USERS = 50_000;
const MEMBERS = 5_000;
const TARGET_MS = 2_000;
const ORG = 'bench.okta.com';
const APP = '0oaGitHub';
const AT = new Date('2025-06-01T00:00:00Z');

/**
 * The passthrough evaluation over 50,000 Okta users and 5,000 GitHub members (issue 15, "Measured"): the pure
 * evaluation timed alone, over a view built in memory. Members vary the links: most assigned through the Engineering
 * group under a 2FA rule, some under the 1FA catch-all, some unassigned, without SAML identity, without factor.
 */
function org() {
  const users: UserRecord[] = [];
  const factors: FactorRecord[] = [];
  const memberships: GroupMembershipRecord[] = [];
  const assignments: AppAssignmentRecord[] = [];
  for (let i = 0; i < USERS; i += 1) {
    const id = `00u${String(i).padStart(8, '0')}`;
    const login = `user${i}@example.com`;
    users.push({ id, login, email: login, firstName: 'U', lastName: String(i), displayName: null, department: null, title: null, status: i % 50 === 0 ? 'DEPROVISIONED' : 'ACTIVE', created: AT, activated: AT, statusChanged: null, lastLogin: AT, lastUpdated: AT, passwordChanged: null, providerType: 'OKTA', providerName: 'OKTA' });
    if (i % 17 !== 0) factors.push({ userId: id, id: `ufa${i}`, factorType: i % 3 === 0 ? 'webauthn' : 'push', provider: 'OKTA', vendorName: 'OKTA', status: 'ACTIVE', created: AT, lastUpdated: AT, profileSummary: null });
    if (i < MEMBERS && i % 10 !== 0) memberships.push({ groupId: '00gEng', userId: id });
    if (i < MEMBERS && i % 13 !== 0) assignments.push({ appId: APP, userId: id, scope: i % 10 === 0 ? 'USER' : 'GROUP', status: 'ACTIVE', created: AT, lastUpdated: AT, viaGroupIds: i % 10 === 0 ? [] : ['00gEng'] });
  }
  const events: LogEventRecord[] = [];
  for (let i = 0; i < 20_000; i += 1) {
    const actorId = `00u${String(i % MEMBERS).padStart(8, '0')}`;
    const raw = { authenticationContext: { rootSessionId: `idx${i}` } };
    events.push({ uuid: `m${i}`, published: new Date(AT.getTime() + i * 60_000), eventType: 'user.authentication.auth_via_mfa', outcomeResult: 'SUCCESS', actorId, actorAlternateId: null, targetIds: [], raw });
    events.push({ uuid: `s${i}`, published: new Date(AT.getTime() + i * 60_000 + 1000), eventType: 'user.authentication.sso', outcomeResult: 'SUCCESS', actorId, actorAlternateId: null, targetIds: [APP], raw });
  }
  const view = buildSnapshotView({
    org: ORG, snapshotId: 'snap', syncId: 'sync', pipeline: 'idx',
    datasets: DATASET_IDS.map((dataset) => ({ dataset, state: 'complete' as const, count: 0 })),
    users, factors, groups: [{ id: '00gEng', name: 'Engineering', description: null, type: 'OKTA_GROUP', created: AT, lastUpdated: AT, lastMembershipUpdated: AT, sourceAppId: null }],
    groupMemberships: memberships,
    policies: [{ id: 'rstGH', type: 'ACCESS_POLICY', name: 'GitHub sign-in', status: 'ACTIVE', priority: 1, system: false, conditions: null, settings: null, created: AT, lastUpdated: AT }],
    policyRules: [
      { policyId: 'rstGH', id: 'rul1', name: 'Engineers 2FA', type: 'ACCESS_POLICY', status: 'ACTIVE', priority: 1, system: false, conditions: { people: { groups: { include: ['00gEng'] } } }, actions: { appSignOn: { access: 'ALLOW', verificationMethod: { factorMode: '2FA' } } }, created: AT, lastUpdated: AT } as never,
      { policyId: 'rstGH', id: 'rul99', name: 'Catch-all', type: 'ACCESS_POLICY', status: 'ACTIVE', priority: 99, system: true, conditions: null, actions: { appSignOn: { access: 'ALLOW', verificationMethod: { factorMode: '1FA' } } }, created: AT, lastUpdated: AT } as never,
    ],
    apps: [{ id: APP, name: 'githubcloud', label: 'GitHub', status: 'ACTIVE', signOnMode: 'SAML_2_0', created: AT, lastUpdated: AT, accessPolicyId: 'rstGH' }],
    appAssignments: assignments, reviews: [], verified: {}, collectionErrors: [],
  });
  const accounts: DownstreamAccount[] = [];
  for (let i = 0; i < MEMBERS; i += 1) {
    accounts.push({ accountId: String(i), login: `gh${i}`, email: null, kind: i % 97 === 0 ? 'outside_collaborator' : 'member', ownMfa: i % 4 === 0 ? 'enabled' : 'disabled', samlNameId: i % 29 === 0 ? null : `user${i}@example.com` });
  }
  const snapshot: DownstreamSnapshot = {
    service: { id: 'svc', kind: 'github', name: 'GitHub acme', oktaOrg: ORG, oktaAppId: APP }, readAt: AT.toISOString(), accounts,
    credentials: accounts.slice(0, 500).map((account, i) => ({ login: account.login, credentialId: String(i), credentialType: 'personal access token', authorizedAt: AT.toISOString(), lastAccessedAt: null, expiresAt: null })),
    requiresOwnMfa: false, samlConfigured: true, ssoEnforced: { source: 'api', value: true, detail: 'enterprise SAML' },
    completeness: { accounts: true, ownMfa: true, samlIdentities: true, credentials: true, notes: [] },
  };
  return { view, snapshot, events };
}

export const passthrough50k = defineScenario({
  id: 'passthrough-50k',
  description: `downstream MFA passthrough over ${USERS} Okta users and ${MEMBERS} GitHub members (evaluation timed alone)`,
  run() {
    const { view, snapshot, events } = org();
    const started = performance.now();
    const evaluation = evaluateDownstreamMfa({ snapshot, view, profile: 'pci-dss-v4', signInEvents: events, now: new Date('2025-07-01T00:00:00Z') });
    const evaluateMs = Math.round(performance.now() - started);
    const { counts } = evaluation;
    return Promise.resolve({
      scenario: 'passthrough-50k',
      figures: { users: view.users.length, members: MEMBERS, signInEvents: events.length, evaluateMs, pass: counts.pass, passByPassthrough: counts.passByPassthrough, fail: counts.fail, error: counts.error },
      target: `evaluate < ${TARGET_MS} ms`,
      passed: evaluateMs < TARGET_MS && counts.passByPassthrough > 0 && counts.fail > 0 && counts.error === 0,
    });
  },
});
