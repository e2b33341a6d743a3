import { evaluateChecks } from '../../checks/engine.js';
import { loadSnapshotView } from '../../checks/snapshot-view.js';
import type { Store } from '../../store/store.js';
import { DATASET_IDS } from '../../store/types.js';
import { makeApp, makeAppAssignment, makeAppGroupAssignment, makeFactor, makeGroup, makeLogEvent, makePolicy, makePolicyRule, makeUser, paddedId } from '../../store/testing/fixtures.js';

export const SEEDED_ORG = 'acme.example.com';

/**
 * A small synced org for API tests: 30 users (one deprovisioned with an app, two with MFA), two groups, two apps (one
 * assigned through a group), an access policy with a rule, a few System Log events, a finished sync and a stored
 * check run.
 */
export async function seedOrg(store: Store, now: Date, org = SEEDED_ORG): Promise<{ snapshotId: string; syncId: string }> {
  const sync = await store.syncs.start({ org, trigger: 'manual', startedAt: new Date(now.getTime() - 60_000) });
  const snapshot = await store.snapshots.begin(org, { syncId: sync.id });
  const users = Array.from({ length: 30 }, (_, i) =>
    makeUser({ id: paddedId('00u', i), login: `person${i}@example.com`, status: i === 29 ? 'DEPROVISIONED' : 'ACTIVE', lastLogin: i < 10 ? new Date(now.getTime() - 200 * 86_400_000) : now }),
  );
  await store.entities.upsert('users', snapshot.id, users);
  await store.entities.upsert('factors', snapshot.id, [
    makeFactor({ userId: paddedId('00u', 0), id: 'fac1', factorType: 'webauthn', status: 'ACTIVE' }),
    makeFactor({ userId: paddedId('00u', 1), id: 'fac2', factorType: 'sms', status: 'ACTIVE' }),
  ]);
  await store.entities.upsert('groups', snapshot.id, [makeGroup({ id: '00gengineers', name: 'Engineers' }), makeGroup({ id: '00gsales', name: 'Sales' })]);
  await store.entities.upsert('groupMemberships', snapshot.id, [{ groupId: '00gengineers', userId: paddedId('00u', 0) }, { groupId: '00gengineers', userId: paddedId('00u', 1) }]);
  await store.entities.upsert('policies', snapshot.id, [makePolicy({ id: '00pacc', type: 'ACCESS_POLICY', name: 'Default access' })]);
  await store.entities.upsert('policyRules', snapshot.id, [makePolicyRule({ policyId: '00pacc', id: '0prrule', name: 'Require MFA' })]);
  await store.entities.upsert('apps', snapshot.id, [makeApp({ id: '0oagithub', label: 'GitHub', accessPolicyId: '00pacc' }), makeApp({ id: '0oaslack', label: 'Slack' })]);
  await store.entities.upsert('appAssignments', snapshot.id, [
    makeAppAssignment({ appId: '0oagithub', userId: paddedId('00u', 0), scope: 'GROUP', viaGroupIds: ['00gengineers'] }),
    makeAppAssignment({ appId: '0oagithub', userId: paddedId('00u', 29), scope: 'USER' }),
    makeAppAssignment({ appId: '0oaslack', userId: paddedId('00u', 2), scope: 'USER' }),
  ]);
  await store.entities.upsert('appGroupAssignments', snapshot.id, [makeAppGroupAssignment({ appId: '0oagithub', groupId: '00gengineers' })]);
  await store.logEvents.insert(
    org,
    Array.from({ length: 5 }, (_, i) => makeLogEvent({ uuid: `evt-${i}`, published: new Date(now.getTime() - (5 - i) * 3_600_000), eventType: i === 4 ? 'user.lifecycle.deactivate' : 'user.session.start', targetIds: [paddedId('00u', i)] })),
  );
  const datasets = DATASET_IDS.map((dataset) => ({ dataset, state: 'complete' as const, count: 1 }));
  await store.snapshots.promote(org, snapshot.id, { datasets });
  await store.syncs.update(sync.id, { status: 'succeeded', endedAt: now, complete: true, datasets, snapshotId: snapshot.id, requestsTotal: 42, throttled: 1 });
  const promoted = await store.snapshots.current(org);
  if (promoted === undefined) throw new Error('seeded snapshot was not promoted');
  await store.checkResults.save(evaluateChecks(await loadSnapshotView(store, promoted), {}, { now }));
  return { snapshotId: snapshot.id, syncId: sync.id };
}
