import { expect, it } from 'vitest';
import { describeEachBackend } from '../testing/backend-suite.js';
import { makeAppAssignment, makeFactor, makeLogEvent, makePolicy, makeUser, paddedId } from '../testing/fixtures.js';
import type { PageRequest, Store } from '../store.js';
import type { CheckRunRecord, CheckStatus } from '../types.js';

async function seedUsers(store: Store, org: string): Promise<string> {
  const snapshot = await store.snapshots.begin(org);
  const users = Array.from({ length: 25 }, (_, i) =>
    makeUser({
      id: paddedId('00u', i),
      login: `user${i}@example.com`,
      firstName: i === 3 ? 'Zoë' : 'Pat',
      lastName: i === 3 ? 'O_Neil' : `Number${i}`,
      status: i === 7 ? 'DEPROVISIONED' : i === 8 ? 'DEPROVISIONED' : 'ACTIVE',
      lastLogin: i < 5 ? new Date('2025-01-01T00:00:00Z') : new Date('2025-06-01T00:00:00Z'),
    }),
  );
  await store.entities.upsert('users', snapshot.id, users);
  await store.entities.upsert('appAssignments', snapshot.id, [makeAppAssignment({ appId: '0oa1', userId: paddedId('00u', 7) })]);
  await store.entities.upsert('factors', snapshot.id, [
    makeFactor({ userId: paddedId('00u', 1), id: 'f1', factorType: 'sms', status: 'ACTIVE' }),
    makeFactor({ userId: paddedId('00u', 2), id: 'f2', factorType: 'sms', status: 'ACTIVE' }),
    makeFactor({ userId: paddedId('00u', 2), id: 'f3', factorType: 'webauthn', status: 'ACTIVE' }),
  ]);
  await store.snapshots.promote(org, snapshot.id);
  return snapshot.id;
}

async function allPages<T>(fetch: (page: PageRequest) => Promise<{ items: T[]; nextKey: string[] | null }>, limit: number): Promise<T[][]> {
  const pages: T[][] = [];
  let after: string[] | undefined;
  for (;;) {
    const page = await fetch({ limit, ...(after === undefined ? {} : { after }) });
    pages.push(page.items);
    if (page.nextKey === null) return pages;
    after = page.nextKey;
  }
}

/** A check run judging the given users by the MFA check, evaluated on `day` of June 2025. */
function mfaRun(org: string, snapshotId: string, day: number, statuses: Record<string, CheckStatus>): CheckRunRecord {
  const entities = Object.entries(statuses).map(([entityId, status]) => ({ entityType: 'user', entityId, entityName: entityId, status, reason: status, fields: {} }));
  const counts = { pass: 0, fail: 0, not_applicable: 0, error: 0 };
  return {
    org,
    snapshotId,
    syncId: null,
    evaluatedAt: new Date(Date.UTC(2025, 5, day)),
    settings: {},
    results: [{ id: 'mfa-enabled-all-users', title: 'MFA Enabled for All Users', severity: 'critical', status: 'fail', controls: [], counts, entities }],
  };
}

describeEachBackend('snapshot pages on %s', ({ store, org }) => {
  it('return a page’s records exactly as a lookup of each does, whatever their text, dates and nulls hold', async () => {
    // On PostgreSQL a page's rows travel as one JSON value (json-page.ts); a lookup reads its row field by field.
    const snapshot = await store().snapshots.begin(org());
    const awkward = ['quote " and \\ backslash', 'line\nbreak\ttab \u2028 \u0001', 'Zoë 漢字 👩🏽‍💻', 'NUL \u0000 stored as ␀', '', '1234', 'null'];
    const users = awkward.map((text, i) =>
      makeUser({
        id: paddedId('00u', i),
        login: `${text}@example.com`,
        email: i % 2 === 0 ? null : text,
        firstName: text,
        lastName: i === 0 ? null : text,
        displayName: text,
        department: i === 1 ? null : text,
        title: text,
        created: i === 2 ? null : new Date(0),
        lastLogin: i === 3 ? null : new Date(8_640_000_000_000_000),
        passwordChanged: new Date(Date.UTC(2025, 0, 1, 12, 30, 45, 678)),
        providerType: i === 4 ? null : 'FEDERATION',
      }),
    );
    await store().entities.upsert('users', snapshot.id, users);
    await store().snapshots.promote(org(), snapshot.id);
    const page = await store().pages.users({ currentOf: org() }, {}, { limit: 50 });
    const lookedUp = await Promise.all(users.map((user) => store().entities.find('users', snapshot.id, { id: user.id })));
    expect(page.items).toEqual(lookedUp);
    expect(page.items.map((user) => user.firstName)).toEqual(awkward.map((text) => text.replace('\u0000', '␀')));
    expect(page.nextKey).toBeNull();
  });

  it('return JSON columns on a page as a lookup does: a stored JSON string stays a string, null stays null', async () => {
    const snapshot = await store().snapshots.begin(org());
    const policies = [
      makePolicy({ id: '00p1', conditions: '{"looks":"like JSON"}', settings: null }),
      makePolicy({ id: '00p2', conditions: { nested: [1, 'two', { three: null }], quote: 'a " b \\ c' }, settings: 42 }),
      makePolicy({ id: '00p3', conditions: [], settings: 'Zoë 👩🏽‍💻' }),
    ];
    await store().entities.upsert('policies', snapshot.id, policies);
    const page = await store().pages.policies(snapshot.id, {}, { limit: 10 });
    expect(page.items).toEqual(await Promise.all(policies.map((policy) => store().entities.find('policies', snapshot.id, { id: policy.id }))));
    expect(page.items.map((policy) => policy.conditions)).toEqual(policies.map((policy) => policy.conditions));
    expect(page.items.map((policy) => policy.settings)).toEqual([null, 42, 'Zoë 👩🏽‍💻']);
  });

  it('pages users by key without gaps or repeats, and says when the last page is reached', async () => {
    const snapshotId = await seedUsers(store(), org());
    const pages = await allPages((page) => store().pages.users(snapshotId, {}, page), 10);
    expect(pages.map((page) => page.length)).toEqual([10, 10, 5]);
    expect(pages.flat().map((user) => user.id)).toEqual(Array.from({ length: 25 }, (_, i) => paddedId('00u', i)));
  });

  it('filters users by status, search (ignoring case, LIKE characters literal), inactivity and deprovisioned access', async () => {
    const snapshotId = await seedUsers(store(), org());
    const ids = async (filter: Parameters<Store['pages']['users']>[1]) =>
      (await store().pages.users(snapshotId, filter, { limit: 100 })).items.map((user) => user.id);
    expect(await ids({ statuses: ['DEPROVISIONED'] })).toEqual([paddedId('00u', 7), paddedId('00u', 8)]);
    expect(await ids({ search: 'USER12@' })).toEqual([paddedId('00u', 12)]);
    expect(await ids({ search: 'zoë o_neil' })).toEqual([paddedId('00u', 3)]);
    // The full name as typed: ASCII case ignored, the term's other letters lowered (Zoë is stored with a lower ë).
    expect(await ids({ search: 'ZOË O_NEIL' })).toEqual([paddedId('00u', 3)]);
    expect(await ids({ search: 'PAT NUMBER2' })).toEqual([2, 20, 21, 22, 23, 24].map((i) => paddedId('00u', i)));
    expect(await ids({ search: 'o%neil' })).toEqual([]);
    // The texts are searched one by one: a term running from the end of a login into the email matches nothing.
    expect(await ids({ search: `user12@example.com\u001f${paddedId('00u', 12)}` })).toEqual([]);
    expect(await ids({ inactiveBefore: new Date('2025-03-01T00:00:00Z') })).toHaveLength(5);
    expect(await ids({ deprovisionedWithAccess: true })).toEqual([paddedId('00u', 7)]);
    expect(await ids({ strongestFactor: { types: ['sms'], strongerTypes: ['webauthn', 'push'] } })).toEqual([paddedId('00u', 1)]);
    expect(await ids({ strongestFactor: { types: 'none', strongerTypes: ['sms', 'webauthn'] } })).toHaveLength(23);
  });

  it('reads the org’s current snapshot and latest check run inside the page query, and nothing for an org without them', async () => {
    const ids = async (page: Promise<{ items: { id: string }[] }>) => (await page).items.map((item) => item.id);
    expect(await ids(store().pages.users({ currentOf: org() }, {}, { limit: 5 }))).toEqual([]);
    const first = await seedUsers(store(), org());
    expect(await ids(store().pages.users({ currentOf: org() }, {}, { limit: 3 }))).toEqual([0, 1, 2].map((i) => paddedId('00u', i)));
    // A snapshot copied from the current one (an incremental sync) is searched like the one it was copied from.
    const second = await store().snapshots.begin(org(), { copyFrom: first });
    expect((await store().pages.users(second.id, { search: 'ZOË' }, { limit: 5 })).items.map((user) => user.id)).toEqual([paddedId('00u', 3)]);
    for (let i = 0; i < 25; i += 1) await store().entities.remove('users', second.id, { id: paddedId('00u', i) });
    await store().entities.upsert('users', second.id, [makeUser({ id: '00unew', status: 'ACTIVE' })]);
    await store().snapshots.promote(org(), second.id);
    expect(await ids(store().pages.users({ currentOf: org() }, {}, { limit: 3 }))).toEqual(['00unew']);
    // Another org's current snapshot is not read, and a snapshot named by id still is.
    expect(await ids(store().pages.users({ currentOf: `other-${org()}` }, {}, { limit: 3 }))).toEqual([]);
    expect(await ids(store().pages.users(first, {}, { limit: 1 }))).toEqual([paddedId('00u', 0)]);

    // The MFA verdict filter and a check's entities read the latest run, not an older one.
    const verdict = (status: CheckStatus) => ({ verdict: { run: { latestOf: org() }, checkId: 'mfa-enabled-all-users', status } });
    expect(await ids(store().pages.users({ currentOf: org() }, verdict('fail'), { limit: 5 }))).toEqual([]);
    await store().checkResults.save(mfaRun(org(), second.id, 1, { '00unew': 'fail' }));
    expect(await ids(store().pages.users({ currentOf: org() }, verdict('fail'), { limit: 5 }))).toEqual(['00unew']);
    await store().checkResults.save(mfaRun(org(), second.id, 2, { '00unew': 'pass' }));
    expect(await ids(store().pages.users({ currentOf: org() }, verdict('fail'), { limit: 5 }))).toEqual([]);
    expect(await ids(store().pages.users({ currentOf: org() }, verdict('pass'), { limit: 5 }))).toEqual(['00unew']);
    const entities = await store().pages.checkEntities({ latestOf: org() }, { checkId: 'mfa-enabled-all-users' }, { limit: 5 });
    expect(entities.items.map((entity) => [entity.entityId, entity.status])).toEqual([['00unew', 'pass']]);
    expect((await store().pages.checkEntities({ latestOf: `other-${org()}` }, { checkId: 'mfa-enabled-all-users' }, { limit: 5 })).items).toEqual([]);
  });

  it('pages System Log events newest first with filters', async () => {
    const events = Array.from({ length: 7 }, (_, i) =>
      makeLogEvent({
        uuid: `uuid-${i}`,
        published: new Date(Date.UTC(2025, 0, 1, 0, 0, i < 2 ? 0 : i)),
        eventType: i % 2 === 0 ? 'user.session.start' : 'user.lifecycle.deactivate',
        actorId: i === 3 ? '00uactor' : null,
        targetIds: i === 4 ? ['00utarget'] : [],
      }),
    );
    await store().logEvents.insert(org(), events);
    const pages = await allPages((page) => store().pages.logEvents(org(), {}, page), 3);
    expect(pages.flat().map((event) => event.uuid)).toEqual(['uuid-6', 'uuid-5', 'uuid-4', 'uuid-3', 'uuid-2', 'uuid-1', 'uuid-0']);
    const only = async (filter: Parameters<Store['pages']['logEvents']>[1]) => (await store().pages.logEvents(org(), filter, { limit: 10 })).items.map((e) => e.uuid);
    expect(await only({ eventType: 'user.lifecycle.deactivate' })).toEqual(['uuid-5', 'uuid-3', 'uuid-1']);
    expect(await only({ actor: '00uactor' })).toEqual(['uuid-3']);
    expect(await only({ target: '00utarget' })).toEqual(['uuid-4']);
    expect(await only({ since: new Date(Date.UTC(2025, 0, 1, 0, 0, 5)), until: new Date(Date.UTC(2025, 0, 1, 0, 0, 6)) })).toEqual(['uuid-5']);
  });

  it('pages one target’s events newest first across pages, each event once however often it names the target, with other filters', async () => {
    // Events 0–9: even ones name the app (event 4 twice), events 3 and 4 also a user; 6 and 8 are of another type.
    const events = Array.from({ length: 10 }, (_, i) =>
      makeLogEvent({
        uuid: `uuid-${i}`,
        published: new Date(Date.UTC(2025, 0, 1, 0, 0, i)),
        eventType: i === 6 || i === 8 ? 'app.oauth2.token.grant' : 'user.authentication.sso',
        targetIds: [...(i % 2 === 0 ? ['0oaapp'] : []), ...(i === 4 ? ['0oaapp'] : []), ...(i === 3 || i === 4 ? ['00uuser'] : [])],
      }),
    );
    await store().logEvents.insert(org(), events);
    // Inserted again (an overlapping read): nothing is doubled.
    await store().logEvents.insert(org(), events.slice(2, 6));
    const pages = await allPages((page) => store().pages.logEvents(org(), { target: '0oaapp' }, page), 2);
    expect(pages.flat().map((event) => event.uuid)).toEqual(['uuid-8', 'uuid-6', 'uuid-4', 'uuid-2', 'uuid-0']);
    const only = async (filter: Parameters<Store['pages']['logEvents']>[1]) => (await store().pages.logEvents(org(), filter, { limit: 10 })).items.map((e) => e.uuid);
    expect(await only({ target: '0oaapp', eventType: 'user.authentication.sso' })).toEqual(['uuid-4', 'uuid-2', 'uuid-0']);
    expect(await only({ target: '0oaapp', since: new Date(Date.UTC(2025, 0, 1, 0, 0, 2)), until: new Date(Date.UTC(2025, 0, 1, 0, 0, 8)) })).toEqual(['uuid-6', 'uuid-4', 'uuid-2']);
    expect(await only({ target: '00uuser' })).toEqual(['uuid-4', 'uuid-3']);
    // A target is matched whole, not as a part of another id.
    expect(await only({ target: '0oaap' })).toEqual([]);
    // Retention: a pruned event is not found by its targets.
    await store().logEvents.pruneOlderThan(org(), new Date(Date.UTC(2025, 0, 1, 0, 0, 4)));
    expect(await only({ target: '00uuser' })).toEqual(['uuid-4']);
  });

  it('pages one actor’s events newest first whether each names the actor by id or by login, across pages without gaps or repeats', async () => {
    // Events 0–11, one a second (two sharing second 6): the actor is named by id, by login, by both, or someone else.
    const events = Array.from({ length: 12 }, (_, i) =>
      makeLogEvent({
        uuid: `uuid-${String(i).padStart(2, '0')}`,
        published: new Date(Date.UTC(2025, 0, 1, 0, 0, i === 7 ? 6 : i)),
        actorId: i % 3 === 0 ? 'actor@example.com' : i % 3 === 1 ? '00uother' : '00uactor',
        actorAlternateId: i % 3 === 1 ? 'actor@example.com' : i === 5 ? '00uactor' : 'other@example.com',
      }),
    );
    await store().logEvents.insert(org(), events);
    const pages = await allPages((page) => store().pages.logEvents(org(), { actor: 'actor@example.com' }, page), 3);
    expect(pages.map((page) => page.length)).toEqual([3, 3, 2]);
    expect(pages.flat().map((event) => event.uuid)).toEqual(['uuid-10', 'uuid-09', 'uuid-07', 'uuid-06', 'uuid-04', 'uuid-03', 'uuid-01', 'uuid-00']);
    // Event 5 names the actor's id in both fields: it comes once.
    const byId = await allPages((page) => store().pages.logEvents(org(), { actor: '00uactor', eventType: 'user.session.start' }, page), 2);
    expect(byId.flat().map((event) => event.uuid)).toEqual(['uuid-11', 'uuid-08', 'uuid-05', 'uuid-02']);
  });
});

describeEachBackend('server accounts on %s', ({ store, org }) => {
  it('creates users with unique emails whatever the case, and consumes a setup link once', async () => {
    const email = `Admin-${org()}@Example.com`;
    const user = await store().serverAccounts.createUser({ email, displayName: null, role: 'admin', passwordHash: 'x', createdAt: new Date(), reviewAppIds: [] });
    expect(user.email).toBe(email.toLowerCase());
    await expect(
      store().serverAccounts.createUser({ email: email.toUpperCase(), displayName: null, role: 'auditor', passwordHash: 'y', createdAt: new Date(), reviewAppIds: [] }),
    ).rejects.toThrow(/already exists/);
    expect((await store().serverAccounts.findUserByEmail(email))?.id).toBe(user.id);

    const now = new Date('2025-01-01T00:00:00Z');
    await store().serverAccounts.createSetupToken(`hash-${org()}`, now, new Date(now.getTime() + 3_600_000));
    expect(await store().serverAccounts.consumeSetupToken(`hash-${org()}`, new Date(now.getTime() + 3_600_001))).toBe(false);
    expect(await store().serverAccounts.consumeSetupToken(`hash-${org()}`, now)).toBe(true);
    expect(await store().serverAccounts.consumeSetupToken(`hash-${org()}`, now)).toBe(false);
  });

  it('reads a token or a session with its owner in one record, the owner whole and apart from the token', async () => {
    const accounts = store().serverAccounts;
    const createdAt = new Date('2025-02-01T00:00:00Z');
    const user = await accounts.createUser({ email: `owner-${org()}@example.com`, displayName: 'Owner', role: 'reviewer', passwordHash: 'h', createdAt, reviewAppIds: ['0oa1', '0oa2'] });
    const token = await accounts.createToken({ userId: user.id, name: 'ci', tokenHash: `token-${org()}`, access: 'read', createdAt: new Date('2025-03-01T00:00:00Z'), expiresAt: new Date('2026-03-01T00:00:00Z') });
    expect(await accounts.findTokenWithOwner(`token-${org()}`)).toEqual({ token, user });
    expect(await accounts.findTokenWithOwner('no-such-hash')).toBeUndefined();

    const session = { idHash: `session-${org()}`, userId: user.id, createdAt, lastSeenAt: createdAt, expiresAt: new Date('2025-02-02T00:00:00Z') };
    await accounts.createSession(session);
    expect(await accounts.findSessionWithUser(session.idHash)).toEqual({ session, user });
    await accounts.deleteUser(user.id);
    expect(await accounts.findSessionWithUser(session.idHash)).toBeUndefined();
    expect(await accounts.findTokenWithOwner(`token-${org()}`)).toBeUndefined();
  });
});
