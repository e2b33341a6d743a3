import type { EntityKind, EntityRecords, Store } from '../../store/store.js';
import {
  makeApp,
  makeAppAssignment,
  makeAppGroupAssignment,
  makeGroup,
  makeLogEvent,
  makePolicy,
  makePolicyRule,
  makeUser,
  newOrg,
} from '../../store/testing/fixtures.js';
import { DATASET_IDS, type DatasetStatus, type TimeWindow } from '../../store/types.js';

/** A small synthetic org (example.com) with a promoted snapshot, a succeeded sync and System Log events. */

export const WINDOW: TimeWindow = { since: new Date('2024-06-01T00:00:00.000Z'), until: new Date('2024-06-08T00:00:00.000Z') };
export const SYNC_STARTED = new Date('2024-06-08T00:00:05.000Z');
export const SYNC_ENDED = new Date('2024-06-08T00:02:00.000Z');

export const USERS: EntityRecords['users'][] = [
  makeUser({ id: '00u001', login: 'ada@example.com', email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' }),
  // Spreadsheet formulas and CSV metacharacters in Okta profile fields.
  makeUser({
    id: '00u002',
    login: 'mallory@example.com',
    firstName: '=HYPERLINK("http://evil.example.com","click")',
    lastName: 'O"Neil, Jr.',
    displayName: '-2+3',
    department: '+cmd|/C calc',
    title: '@SUM(A1:A2)',
  }),
  makeUser({ id: '00u003', login: 'gone@example.com', status: 'DEPROVISIONED', lastLogin: null, department: 'Line one\nline two' }),
  makeUser({ id: '00u004', login: 'sus@example.com', status: 'SUSPENDED', firstName: '\tTabbed', lastName: 'Zoë' }),
];

const POLICIES: EntityRecords['policies'][] = [
  makePolicy({ id: '00p1pw', type: 'PASSWORD', name: 'Default Policy', settings: { password: { complexity: { minLength: 8 }, age: { historyCount: 4 }, lockout: { maxAttempts: 10 } } } }),
  makePolicy({ id: '00p2en', type: 'MFA_ENROLL', name: 'Enroll everyone' }),
  makePolicy({ id: '00p3so', type: 'OKTA_SIGN_ON', name: 'Global session', settings: null }),
  makePolicy({ id: '00p4ap', type: 'ACCESS_POLICY', name: 'App sign-in', settings: null }),
];

const RULES: EntityRecords['policyRules'][] = [
  makePolicyRule({ policyId: '00p1pw', id: '0pr1', type: 'PASSWORD', actions: { passwordChange: { access: 'ALLOW' } } }),
  makePolicyRule({ policyId: '00p2en', id: '0pr2' }),
  makePolicyRule({ policyId: '00p3so', id: '0pr3a', type: 'SIGN_ON', name: 'MFA everywhere', priority: 1, actions: { signon: { access: 'ALLOW', requireFactor: true, factorPromptMode: 'ALWAYS' } } }),
  makePolicyRule({ policyId: '00p3so', id: '0pr3b', type: 'SIGN_ON', name: 'Default Rule', priority: 99, actions: { signon: { access: 'ALLOW', requireFactor: false } } }),
  makePolicyRule({ policyId: '00p4ap', id: '0pr4a', type: 'ACCESS_POLICY', name: 'Catch-all Rule', priority: 99, actions: { appSignOn: { access: 'ALLOW', verificationMethod: { factorMode: '1FA', type: 'ASSURANCE' } } } }),
  makePolicyRule({ policyId: '00p4ap', id: '0pr4b', type: 'ACCESS_POLICY', name: 'Require MFA', priority: 1, actions: { appSignOn: { access: 'ALLOW', verificationMethod: { factorMode: '2FA', type: 'ASSURANCE' } } } }),
];

/** Three events in the window, one before it, one at its (exclusive) end. */
export const LOG_EVENTS = [
  makeLogEvent({ uuid: 'ev-before', published: new Date('2024-05-31T23:59:59.999Z') }),
  makeLogEvent({ uuid: 'ev-1', published: new Date('2024-06-01T00:00:00.000Z'), raw: { uuid: 'ev-1', eventType: 'user.session.start', actor: { alternateId: 'ada@example.com' } } }),
  makeLogEvent({ uuid: 'ev-2', published: new Date('2024-06-03T10:00:00.000Z'), eventType: 'user.mfa.factor.activate' }),
  makeLogEvent({ uuid: 'ev-3', published: new Date('2024-06-07T23:59:59.999Z'), eventType: 'policy.lifecycle.update' }),
  makeLogEvent({ uuid: 'ev-at-until', published: WINDOW.until }),
];

export function completeDatasets(): DatasetStatus[] {
  return DATASET_IDS.map((dataset) => ({ dataset, state: 'complete', count: 1 }));
}

export interface SeededOrg {
  org: string;
  syncId: string;
  snapshotId: string;
}

/** The System Log event types the seeded sync asked for (the types of LOG_EVENTS). */
export const SEED_LOG_EVENT_TYPES = ['user.session.start', 'user.mfa.factor.activate', 'policy.lifecycle.update'];

export interface SeedOptions {
  org?: string;
  datasets?: DatasetStatus[];
  logWindow?: TimeWindow | null;
  /** Default SEED_LOG_EVENT_TYPES; null as recorded before migration 0013. */
  logEventTypes?: string[] | null;
  collectionErrors?: EntityRecords['collectionErrors'][];
  /** More records written into the snapshot before it is promoted. */
  more?: (snapshotId: string) => Promise<void>;
}

/** Writes the org through the repositories, the way a sync would, and promotes it. */
export async function seedOrg(store: Store, options: SeedOptions = {}): Promise<SeededOrg> {
  const org = options.org ?? newOrg();
  const datasets = options.datasets ?? completeDatasets();
  const sync = await store.syncs.start({ org, trigger: 'cli', startedAt: SYNC_STARTED });
  const snapshot = await store.snapshots.begin(org, { syncId: sync.id });
  const write = <K extends EntityKind>(kind: K, records: EntityRecords[K][]) => store.entities.upsert(kind, snapshot.id, records);
  await write('users', USERS);
  await write('groups', [makeGroup({ id: '00g1', name: 'Engineering' })]);
  await write('groupMemberships', [{ groupId: '00g1', userId: '00u003' }]);
  await write('apps', [makeApp({ id: '0oa1', label: 'Payroll', accessPolicyId: '00p4ap' }), makeApp({ id: '0oa2', label: '=Calc', status: 'INACTIVE' })]);
  await write('appAssignments', [
    makeAppAssignment({ appId: '0oa1', userId: '00u001' }),
    makeAppAssignment({ appId: '0oa1', userId: '00u003', scope: 'GROUP', viaGroupIds: ['00g1'] }),
    makeAppAssignment({ appId: '0oa2', userId: '00u002', status: 'PROVISIONED' }),
  ]);
  await write('appGroupAssignments', [makeAppGroupAssignment({ appId: '0oa1', groupId: '00g1' })]);
  await write('policies', POLICIES);
  await write('policyRules', RULES);
  await write('collectionErrors', options.collectionErrors ?? []);
  await store.logEvents.insert(org, LOG_EVENTS);
  await options.more?.(snapshot.id);
  await store.snapshots.promote(org, snapshot.id, { datasets });
  const logWindow = options.logWindow === undefined ? WINDOW : options.logWindow;
  const logEventTypes = logWindow === null ? null : options.logEventTypes === undefined ? SEED_LOG_EVENT_TYPES : options.logEventTypes;
  await store.syncs.update(sync.id, { status: 'succeeded', endedAt: SYNC_ENDED, datasets, logWindow, logEventTypes, snapshotId: snapshot.id, complete: true });
  return { org, syncId: sync.id, snapshotId: snapshot.id };
}
