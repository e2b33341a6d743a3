import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeUser } from '../store/testing/fixtures.js';
import { SIGN_IN_STATUSES } from './collector.js';
import { factorsCollector, parseFactorList } from './factors.js';
import { all, craftOrg, simFactor, simUser, startHarness } from './testing/collect-kit.js';
import { usersCollector } from './users.js';

describe('factors collector', () => {
  it('reads the factors of users who can sign in, masked, with unknown types such as signed_nonce kept', async () => {
    const users = [simUser('00uA1'), simUser('00uA2', { status: 'LOCKED_OUT' }), simUser('00uS1', { status: 'SUSPENDED' }), simUser('00uD1', { status: 'DEPROVISIONED' })];
    const factors = {
      '00uA1': [
        simFactor('mbl1', 'sms', 'OKTA', { phoneNumber: '+1-555-415-1337' }),
        simFactor('pfd1', 'signed_nonce', 'OKTA', { credentialId: 'ada-credential-id-1', name: 'MacBook Pro', platform: 'MACOS' }),
        simFactor('fwf1', 'webauthn', 'FIDO', { credentialId: 'AHoOEhwvSECRETCRED', authenticatorName: 'YubiKey 5 NFC' }),
        simFactor('ufs1', 'question', 'OKTA', { question: 'disliked_food', questionText: 'What is the food you least liked as a child?' }),
        simFactor('xyz1', 'brand_new_type', 'ACME', { secretThing: 'opaque-secret-value' }, 'PENDING_ACTIVATION'),
      ],
      '00uA2': [simFactor('emf1', 'email', 'OKTA', { email: 'ada.lovelace@example.com' })],
      '00uS1': [simFactor('mbl2', 'sms', 'OKTA', { phoneNumber: '+1-555-010-0199' })],
    };
    const h = await startHarness({ org: craftOrg({ users, factors }) });
    await usersCollector.collect(h.context());

    const result = await factorsCollector.collect(h.context());

    expect(result.datasets).toEqual([{ dataset: 'factors', state: 'complete', count: 6 }]);
    const stored = await all(h.store.entities.stream('factors', h.snapshotId));
    expect(stored.map((f) => [f.userId, f.factorType, f.status, f.profileSummary])).toEqual([
      ['00uA1', 'webauthn', 'ACTIVE', 'YubiKey 5 NFC'],
      ['00uA1', 'sms', 'ACTIVE', 'phone ***37'],
      ['00uA1', 'signed_nonce', 'ACTIVE', 'MacBook Pro (MACOS)'],
      ['00uA1', 'question', 'ACTIVE', 'security question'],
      ['00uA1', 'brand_new_type', 'PENDING_ACTIVATION', null],
      ['00uA2', 'email', 'ACTIVE', 'email a***@example.com'],
    ]);
    expect(stored[0]).toMatchObject({ provider: 'FIDO', vendorName: 'FIDO', created: new Date('2024-05-01T12:00:00.000Z') });
    // SUSPENDED and DEPROVISIONED users cannot sign in: their factors are not read.
    expect(await h.store.entities.count('factors', h.snapshotId, { parentId: '00uS1' })).toBe(0);
    await h.store.close();
    const bytes = readFileSync(h.dbPath).toString('latin1') + readFileSync(`${h.dbPath}-wal`, { flag: 'a+' }).toString('latin1');
    for (const secret of ['415-1337', '4151337', 'ada-credential-id-1', 'AHoOEhwvSECRETCRED', 'least liked', 'opaque-secret-value', 'ada.lovelace']) {
      expect(bytes.includes(secret), secret).toBe(false);
    }
  });

  it('continues where an aborted read stopped, fetching only the users not yet verified', async () => {
    const h = await startHarness({ sim: { users: 60, seed: 11 } });
    await usersCollector.collect(h.context());
    const eligible = h.sim.org.users.filter((u) => (SIGN_IN_STATUSES as readonly string[]).includes(u.status));
    expect(eligible.length).toBeGreaterThan(20);

    const budget = new AbortController();
    const before = h.requests();
    const first = await factorsCollector.collect(
      h.context({
        signal: budget.signal,
        options: { perEntityConcurrency: 1 },
        progress: (dataset, update) => {
          if (dataset === 'factors' && update.count === 10) budget.abort();
        },
      }),
    );
    expect(h.requests() - before).toBe(10);
    expect(first.datasets[0]).toMatchObject({ state: 'partial', reason: `factors read for 10 of ${eligible.length} users; the next sync continues` });
    expect(await h.store.progress.countVerified(h.snapshotId, 'factors')).toBe(10);

    const middle = h.requests();
    const second = await factorsCollector.collect(h.context());
    expect(h.requests() - middle).toBe(eligible.length - 10);
    const expectedCount = eligible.reduce((n, u) => n + (h.sim.org.factorsByUser.get(u.id)?.length ?? 0), 0);
    expect(second.datasets).toEqual([{ dataset: 'factors', state: 'complete', count: expectedCount }]);

    const stored = await all(h.store.entities.stream('factors', h.snapshotId));
    const expectedIds = eligible.flatMap((u) => (h.sim.org.factorsByUser.get(u.id) ?? []).map((f) => `${u.id}/${f.id}`)).sort();
    expect(stored.map((f) => `${f.userId}/${f.id}`).sort()).toEqual(expectedIds);

    // A third run has nothing left to read.
    const last = h.requests();
    await factorsCollector.collect(h.context());
    expect(h.requests() - last).toBe(0);
  });

  it('drops a user deleted in Okta during the sync (404) from the snapshot and says so', async () => {
    const h = await startHarness({ org: craftOrg({ users: [simUser('00uA1')], factors: { '00uA1': [simFactor('emf1', 'email', 'OKTA', { email: 'a@example.com' })] } }) });
    await usersCollector.collect(h.context());
    await h.store.entities.upsert('users', h.snapshotId, [makeUser({ id: '00uGONE' })]);

    const result = await factorsCollector.collect(h.context());

    expect(result.datasets[0]).toMatchObject({ state: 'complete', count: 1, reason: '1 user deleted in Okta during the sync was removed from the snapshot' });
    expect(await h.store.entities.find('users', h.snapshotId, { id: '00uGONE' })).toBeUndefined();
  });

  it('keeps a user whose factor does not parse pending, with a collection error, and clears it once it parses', async () => {
    const broken = { ...simFactor('bad1', 'sms', 'OKTA', {}), factorType: '' };
    const org = craftOrg({ users: [simUser('00uA1'), simUser('00uA2')], factors: { '00uA1': [simFactor('emf1', 'email', 'OKTA', {}), broken] } });
    const h = await startHarness({ org });
    await usersCollector.collect(h.context());

    const result = await factorsCollector.collect(h.context());

    expect(result.errors).toEqual([{ dataset: 'factors', entityId: '00uA1', message: expect.stringContaining('factor bad1: factorType') as unknown }]);
    expect(result.datasets[0]).toMatchObject({ state: 'partial', count: 1 });
    expect(result.datasets[0]?.reason).toContain('factors read for 1 of 2 users; the rest did not parse');
    expect(await h.store.progress.isVerified(h.snapshotId, 'factors', '00uA1')).toBe(false);

    org.factorsByUser.set('00uA1', [simFactor('emf1', 'email', 'OKTA', {})]);
    const again = await factorsCollector.collect(h.context());
    expect(again.datasets).toEqual([{ dataset: 'factors', state: 'complete', count: 1 }]);
    expect(await h.store.entities.count('collectionErrors', h.snapshotId)).toBe(0);
  });
});

describe('parseFactorList', () => {
  it('refuses a body that is not a list', () => {
    expect(parseFactorList('00u1', { errorCode: 'E0000007' })).toEqual({ records: [], problems: ['the factor list is not a JSON array'] });
  });

  it('names three factors that did not parse and counts the rest, so a hostile list cannot make a megabyte message (issue 14 item 5)', () => {
    const { records, problems } = parseFactorList('00u1', Array.from({ length: 900 }, (_, i) => ({ id: `uft${i}`, factorType: 1 })));
    expect(records).toEqual([]);
    expect(problems).toHaveLength(4);
    expect(problems[3]).toBe('897 more factors did not parse');
    expect(problems.join('; ').length).toBeLessThan(1_000);
  });

  it('refuses a factor list longer than a user can hold without parsing its items', () => {
    expect(parseFactorList('00u1', Array.from({ length: 10_000 }, () => ({})))).toEqual({
      records: [],
      problems: ['the factor list holds 10,000 items, more than the 1000 a user can have; none were kept'],
    });
  });
});
