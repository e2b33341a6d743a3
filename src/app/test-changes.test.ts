import { expect, it } from 'vitest';
import { diffRuns } from '../checks/diff.js';
import { describeEachBackend } from '../store/testing/backend-suite.js';
import type { CheckEntityResultRecord, CheckResultRecord, CheckRunRecord, CheckStatus } from '../store/types.js';
import { changesSincePreviousRun } from './test-changes.js';
import { testChangeEvents } from './webhooks/test-change-events.js';

const STATUSES: readonly CheckStatus[] = ['pass', 'fail', 'not_applicable', 'error'];
const at = (day: number) => new Date(Date.UTC(2025, 5, day, 12));

/** A fixed pseudo-random draw in [0, 1) for entity `n` of a run (Knuth's multiplicative hash): the same every test run. */
function draw(n: number, salt: number): number {
  return (Math.imul(n + salt * 7919, 2654435761) >>> 0) / 4_294_967_296;
}

/** A check over entities `u000`…: about 9 in 10 present, each with a status drawn by `salt`. */
function check(id: string, salt: number, entities: number): CheckResultRecord {
  const rows: CheckEntityResultRecord[] = [];
  for (let n = 0; n < entities; n += 1) {
    if (draw(n, salt + 1_000) < 0.1) continue;
    const status = STATUSES[Math.floor(draw(n, salt) * STATUSES.length)] as CheckStatus;
    rows.push({ entityType: n % 7 === 0 ? 'app' : 'user', entityId: `u${String(n).padStart(3, '0')}`, entityName: `user${n}@example.com`, status, reason: `${status} ${n}`, fields: {} });
  }
  return { id, title: id, severity: 'high', status: 'fail', controls: [], counts: { pass: 0, fail: 0, not_applicable: 0, error: 0 }, entities: rows };
}

function run(org: string, snapshotId: string, day: number, results: CheckResultRecord[]): CheckRunRecord {
  return { org, snapshotId, syncId: `sync-${snapshotId}`, evaluatedAt: at(day), settings: {}, results };
}

describeEachBackend('the comparison with the previous run on %s', ({ store, org }) => {
  it('finds what the diff of the two whole runs finds, reading only rows failing in either', async () => {
    // A check only before (its failures become fixed) and one only after (all its failures are new).
    const before = run(org(), 'snap-1', 1, [check('mfa', 1, 200), check('gone', 2, 30), check('inactive', 3, 120)]);
    const after = run(org(), 'snap-2', 2, [check('mfa', 4, 200), check('inactive', 5, 120), check('new', 6, 30)]);
    await store().checkResults.save(before);
    const saved = await store().checkResults.save(after);
    const stored = await store().checkResults.get(saved.id);
    const previous = await store().checkResults.previous(org(), saved);
    const expected = diffRuns(previous!, stored!);

    const changes = await changesSincePreviousRun(store(), (await store().checkResults.summary(saved.id))!);
    expect(changes.previous).toEqual({ runId: previous!.id, syncId: 'sync-snap-1', evaluatedAt: at(1) });
    expect(changes.checks).toEqual(expected.checks.map(({ id, ...rest }) => ({ checkId: id, ...rest })));
    // The fixture has something in every direction, so the equality above says something.
    expect(changes.checks.flatMap((each) => each.newlyFailing).length).toBeGreaterThan(20);
    expect(changes.checks.flatMap((each) => each.newlyFixed).length).toBeGreaterThan(20);
    expect(changes.checks.find((each) => each.checkId === 'gone')?.after).toBeNull();
  });

  it('reads a run’s rows failing in it or in the other run, by check in entity order', async () => {
    const entity = (entityId: string, status: CheckStatus): CheckEntityResultRecord => ({ entityType: 'user', entityId, entityName: entityId, status, reason: status, fields: {} });
    const a = await store().checkResults.save(run(org(), 'snap-a', 1, [{ ...check('c', 0, 0), entities: [entity('u1', 'fail'), entity('u2', 'pass'), entity('u3', 'pass'), entity('u4', 'error')] }]));
    const b = await store().checkResults.save(run(org(), 'snap-b', 2, [{ ...check('c', 0, 0), entities: [entity('u1', 'pass'), entity('u2', 'pass'), entity('u3', 'fail')] }]));
    const rowsOfA = await store().checkResults.entitiesFailingInEither(a.id, b.id, ['c']);
    expect(rowsOfA.get('c')?.map((row) => [row.entityId, row.status])).toEqual([['u1', 'fail'], ['u3', 'pass']]);
    const rowsOfB = await store().checkResults.entitiesFailingInEither(b.id, a.id, ['c']);
    expect(rowsOfB.get('c')?.map((row) => [row.entityId, row.status])).toEqual([['u1', 'pass'], ['u3', 'fail']]);
    expect((await store().checkResults.entitiesFailingInEither(a.id, b.id, [])).size).toBe(0);
  });

  it('gives the webhook notifier the same changes as events, none for a first run', async () => {
    const entity = (entityId: string, status: CheckStatus): CheckEntityResultRecord => ({ entityType: 'user', entityId, entityName: `${entityId}@example.com`, status, reason: status, fields: {} });
    const first = await store().checkResults.save(run(org(), 'snap-1', 1, [{ ...check('mfa', 0, 0), entities: [entity('u1', 'fail'), entity('u2', 'pass')] }]));
    expect(await testChangeEvents(store(), first.id, at(1))).toEqual([]);
    const second = await store().checkResults.save(run(org(), 'snap-2', 2, [{ ...check('mfa', 0, 0), entities: [entity('u1', 'pass'), entity('u2', 'fail'), entity('u3', 'fail')] }]));
    const events = await testChangeEvents(store(), second.id, at(2));
    expect(events.map((event) => [event.type, event.summary])).toEqual([
      ['tests.newly_failing', '2 entities newly failing: mfa (2)'],
      ['tests.newly_fixed', '1 entity newly fixed: mfa (1)'],
    ]);
    expect(events[0]?.data).toMatchObject({ runId: second.id, previousRunId: first.id, count: 2, truncated: false, entities: [{ checkId: 'mfa', entityId: 'u2', before: 'pass', after: 'fail' }, { checkId: 'mfa', entityId: 'u3', before: null, after: 'fail' }] });
    expect(await testChangeEvents(store(), 'no-such-run', at(2))).toEqual([]);
  });
});
