import { expect, it } from 'vitest';
import { describeEachBackend } from '../testing/backend-suite.js';
import type { LeaseHolder } from '../types.js';

const TTL = 30_000;
const T0 = new Date('2026-01-01T12:00:00.000Z');
const after = (ms: number) => new Date(T0.getTime() + ms);
const holder = (id: string, pid = 100): LeaseHolder => ({ id, host: 'host-a', pid });

describeEachBackend('sync leases on %s', ({ store, org }) => {
  it('gives a free org to the first holder and refuses a second while the heartbeat holds', async () => {
    const first = await store().leases.acquire({ org: org(), holder: holder('h1'), now: T0, ttlMs: TTL });
    expect(first).toEqual({
      acquired: true,
      lease: { org: org(), holder: holder('h1'), acquiredAt: T0, heartbeatAt: T0, expiresAt: after(TTL) },
    });
    const second = await store().leases.acquire({ org: org(), holder: holder('h2', 200), now: after(TTL - 1), ttlMs: TTL });
    expect(second).toMatchObject({ acquired: false, lease: { holder: holder('h1') } });
    // Another org is unaffected.
    expect(await store().leases.acquire({ org: `x.${org()}`, holder: holder('h2', 200), now: T0, ttlMs: TTL })).toMatchObject({ acquired: true });
  });

  it('lets another holder take a lease whose heartbeat lapsed, and the old holder can neither renew nor release it', async () => {
    await store().leases.acquire({ org: org(), holder: holder('h1'), now: T0, ttlMs: TTL });
    const taken = await store().leases.acquire({ org: org(), holder: holder('h2', 200), now: after(TTL), ttlMs: TTL });
    expect(taken).toMatchObject({ acquired: true, lease: { holder: holder('h2', 200), acquiredAt: after(TTL) } });
    expect(await store().leases.renew(org(), 'h1', after(TTL + 1), TTL)).toBe(false);
    expect(await store().leases.release(org(), 'h1')).toBe(false);
    expect((await store().leases.get(org()))?.holder.id).toBe('h2');
  });

  it('a heartbeat keeps the lease past its first expiry', async () => {
    await store().leases.acquire({ org: org(), holder: holder('h1'), now: T0, ttlMs: TTL });
    expect(await store().leases.renew(org(), 'h1', after(20_000), TTL)).toBe(true);
    expect(await store().leases.acquire({ org: org(), holder: holder('h2'), now: after(TTL + 1), ttlMs: TTL })).toMatchObject({ acquired: false });
    expect(await store().leases.get(org())).toMatchObject({ heartbeatAt: after(20_000), expiresAt: after(20_000 + TTL), acquiredAt: T0 });
  });

  it('takes over at once from the holder the caller found dead, and only from that one', async () => {
    await store().leases.acquire({ org: org(), holder: holder('dead'), now: T0, ttlMs: TTL });
    expect(await store().leases.acquire({ org: org(), holder: holder('h2'), now: after(1), ttlMs: TTL, takeOverFrom: 'someone-else' })).toMatchObject({
      acquired: false,
    });
    expect(await store().leases.acquire({ org: org(), holder: holder('h2'), now: after(1), ttlMs: TTL, takeOverFrom: 'dead' })).toMatchObject({
      acquired: true,
      lease: { holder: { id: 'h2' } },
    });
  });

  it('re-acquiring by the same holder succeeds; release frees the org; force-release removes any holder', async () => {
    await store().leases.acquire({ org: org(), holder: holder('h1'), now: T0, ttlMs: TTL });
    expect(await store().leases.acquire({ org: org(), holder: holder('h1'), now: after(5), ttlMs: TTL })).toMatchObject({ acquired: true });
    expect(await store().leases.release(org(), 'h1')).toBe(true);
    expect(await store().leases.get(org())).toBeUndefined();
    await store().leases.acquire({ org: org(), holder: holder('h3'), now: T0, ttlMs: TTL });
    expect((await store().leases.forceRelease(org()))?.holder.id).toBe('h3');
    expect(await store().leases.forceRelease(org())).toBeUndefined();
    expect((await store().leases.list()).some((lease) => lease.org === org())).toBe(false);
  });

  it('of many holders racing for one org, exactly one wins', async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => store().leases.acquire({ org: org(), holder: holder(`r${i}`, 1000 + i), now: T0, ttlMs: TTL })),
    );
    expect(results.filter((result) => result.acquired)).toHaveLength(1);
  });
});
