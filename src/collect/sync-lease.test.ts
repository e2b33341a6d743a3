import { expect, it, vi } from 'vitest';
import { silentLogger } from '../config/runtime.js';
import { describeEachBackend } from '../store/testing/backend-suite.js';
import { acquireSyncLease, probeLocalProcess, SyncLeaseHeldError, withSyncLease, type SyncLeaseOptions } from './sync-lease.js';

const T0 = Date.UTC(2026, 0, 1, 12);

function options(overrides: Partial<SyncLeaseOptions> = {}): SyncLeaseOptions {
  return { clock: () => T0, logger: silentLogger, host: 'host-a', pid: 100, probe: () => true, ...overrides };
}

it('probes local processes: this one is alive, a pid past the kernel limit is not', () => {
  expect(probeLocalProcess(process.pid)).toBe(true);
  expect(probeLocalProcess(2 ** 22 + 17)).toBe(false);
});

describeEachBackend('the sync lease on %s', ({ store, org }) => {
  it('refuses a second holder with who holds it, how long ago it beat, and --force-unlock', async () => {
    const first = await acquireSyncLease(store().leases, org(), options());
    const refused = await acquireSyncLease(store().leases, org(), options({ pid: 200, clock: () => T0 + 4_000 })).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(SyncLeaseHeldError);
    expect((refused as SyncLeaseHeldError).code).toBe('SYNC_LEASE_HELD');
    expect((refused as Error).message).toBe(
      `Another sync of ${org()} is running (host host-a, pid 100, started 2026-01-01T12:00:00.000Z, last heartbeat 4 s ago): ` +
        'wait for it to end. If that process is gone, its lease lapses in 26 s, or run sync again with --force-unlock.',
    );
    await first.release();
    await first.release();
    const second = await acquireSyncLease(store().leases, org(), options({ pid: 200 }));
    expect(second.lease.holder.pid).toBe(200);
    await second.release();
  });

  it('takes over at once from a holder on this host whose process is gone (kill -9)', async () => {
    await acquireSyncLease(store().leases, org(), options({ pid: 4242 }));
    const probe = vi.fn((pid: number) => pid !== 4242);
    const taken = await acquireSyncLease(store().leases, org(), options({ pid: 200, probe, clock: () => T0 + 1_000 }));
    expect(probe).toHaveBeenCalledWith(4242);
    expect(taken.lease.holder.pid).toBe(200);
    await taken.release();
  });

  it('waits out a holder on another host (its pid means nothing here) until its heartbeat lapses', async () => {
    await acquireSyncLease(store().leases, org(), options({ host: 'host-b', pid: 4242 }));
    const probe = vi.fn(() => false);
    await expect(acquireSyncLease(store().leases, org(), options({ probe, clock: () => T0 + 29_999 }))).rejects.toBeInstanceOf(SyncLeaseHeldError);
    expect(probe).not.toHaveBeenCalled();
    const taken = await acquireSyncLease(store().leases, org(), options({ probe, clock: () => T0 + 30_000 }));
    expect(taken.lease.holder.host).toBe('host-a');
    await taken.release();
  });

  it('keeps the lease alive by heartbeat and aborts the work when another process took it', async () => {
    let now = T0;
    const clock = () => now;
    const outcome = await withSyncLease(store().leases, org(), options({ clock, ttlMs: 30 }), async (held) => {
      // Real time passes (the heartbeat runs every 10 ms); the fake clock stays, so the heartbeat alone keeps the lease.
      now += 25;
      await vi.waitFor(async () => expect((await store().leases.get(org()))?.heartbeatAt.getTime()).toBe(now), { timeout: 5_000 });
      expect(held.signal.aborted).toBe(false);
      await store().leases.forceRelease(org());
      await store().leases.acquire({ org: org(), holder: { id: 'thief', host: 'host-b', pid: 1 }, now: new Date(now), ttlMs: 60_000 });
      await vi.waitFor(() => expect(held.signal.aborted).toBe(true), { timeout: 5_000 });
      return 'done';
    });
    expect(outcome).toBe('done');
    // The release of a lost lease leaves the new holder's lease alone.
    expect((await store().leases.get(org()))?.holder.id).toBe('thief');
  });
});
