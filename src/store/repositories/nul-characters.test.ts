import { expect, it } from 'vitest';
import { collect, describeEachBackend } from '../testing/backend-suite.js';
import { makeLogEvent, makePolicy, makeUser } from '../testing/fixtures.js';
import { NUL_REPLACEMENT } from './row-values.js';

/*
 * Issue 14 item 6: one NUL character (U+0000) in a user's department failed every sync on PostgreSQL (text and
 * jsonb cannot hold it). Anyone who can edit their own profile could stop collection. Both databases store it as
 * U+2400 (␀), the documented escape, so both return the same record.
 */
describeEachBackend('NUL characters on %s', ({ store, org }) => {
  it('stores NUL in text and JSON fields as ␀ and reads the same record back on every database', async () => {
    const snapshotId = (await store().snapshots.begin(org())).id;
    await store().entities.upsert('users', snapshotId, [makeUser({ id: '00u1', department: 'Sales\u0000Ops', displayName: '\u0000' })]);
    await store().entities.upsert('policies', snapshotId, [
      makePolicy({ id: '00p1', name: 'MFA\u0000', settings: { 'key\u0000': 'value\u0000', literal: '\\u0000 stays text', list: ['\u0000\u0000'] } }),
    ]);
    await store().entities.upsert('collectionErrors', snapshotId, [{ dataset: 'users', entityId: '00u\u00002', message: 'bad\u0000' }]);

    const [user] = await collect(store().entities.stream('users', snapshotId));
    expect(user).toMatchObject({ department: `Sales${NUL_REPLACEMENT}Ops`, displayName: NUL_REPLACEMENT });
    const [policy] = await collect(store().entities.stream('policies', snapshotId));
    expect(policy).toMatchObject({ name: `MFA${NUL_REPLACEMENT}`, settings: { [`key${NUL_REPLACEMENT}`]: `value${NUL_REPLACEMENT}`, literal: '\\u0000 stays text', list: ['␀␀'] } });
    const [error] = await collect(store().entities.stream('collectionErrors', snapshotId));
    expect(error).toMatchObject({ entityId: `00u${NUL_REPLACEMENT}2`, message: `bad${NUL_REPLACEMENT}` });
  });

  it('stores a System Log event with NUL in its fields and its raw JSON', async () => {
    const published = new Date('2026-03-01T12:00:00Z');
    const event = makeLogEvent({ uuid: 'uuid\u00001', published, actorAlternateId: 'ada\u0000@example.com', raw: { uuid: 'uuid\u00001', debug: { note: '\u0000' } } });
    expect(await store().logEvents.insert(org(), [event])).toBe(1);
    const [stored] = await collect(store().logEvents.stream(org(), { since: new Date(published.getTime() - 1000), until: new Date(published.getTime() + 1000) }));
    expect(stored).toMatchObject({ uuid: 'uuid␀1', actorAlternateId: 'ada␀@example.com', raw: { uuid: 'uuid␀1', debug: { note: '␀' } } });
  });
});
