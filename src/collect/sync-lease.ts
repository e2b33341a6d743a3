import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Clock, Logger } from '../config/runtime.js';
import type { SyncLeaseRepository } from '../store/store.js';
import type { LeaseHolder, SyncLease } from '../store/types.js';

/** A holder whose heartbeat stopped this long ago (killed, frozen, cut off) loses the org to the next process. */
export const DEFAULT_LEASE_TTL_MS = 30_000;

/** Whether a process with this id is running on this host (false only when it certainly is not). */
export type ProcessProbe = (pid: number) => boolean;

export const probeLocalProcess: ProcessProbe = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
};

export interface SyncLeaseOptions {
  clock: Clock;
  logger: Logger;
  /** Default 30 s. The heartbeat renews it every third of that. */
  ttlMs?: number | undefined;
  /** This process; default the machine's host name and `process.pid`. */
  host?: string | undefined;
  pid?: number | undefined;
  probe?: ProcessProbe | undefined;
}

export class SyncLeaseHeldError extends Error {
  readonly code = 'SYNC_LEASE_HELD';
  constructor(readonly lease: SyncLease, nowMs: number) {
    const { holder, heartbeatAt, expiresAt } = lease;
    const ago = Math.max(0, Math.round((nowMs - heartbeatAt.getTime()) / 1000));
    const lapses = Math.max(0, Math.ceil((expiresAt.getTime() - nowMs) / 1000));
    super(
      `Another sync of ${lease.org} is running (host ${holder.host}, pid ${holder.pid}, started ${lease.acquiredAt.toISOString()}, last heartbeat ${ago} s ago): ` +
        `wait for it to end. If that process is gone, its lease lapses in ${lapses} s, or run sync again with --force-unlock.`,
    );
    this.name = 'SyncLeaseHeldError';
  }
}

/** A lease this process holds: `signal` aborts if the lease is lost (the heartbeat could not keep it). */
export interface HeldSyncLease {
  readonly lease: SyncLease;
  readonly signal: AbortSignal;
  /** Stops the heartbeat and frees the org; safe to call twice. */
  release(): Promise<void>;
}

/**
 * Takes the org's sync lease or explains who holds it. A holder on this host whose pid is gone (kill -9, out of
 * memory) is taken over at once; a holder elsewhere only once its heartbeat lapsed (`ttlMs`).
 */
export async function acquireSyncLease(leases: SyncLeaseRepository, org: string, options: SyncLeaseOptions): Promise<HeldSyncLease> {
  const ttlMs = options.ttlMs ?? DEFAULT_LEASE_TTL_MS;
  const host = options.host ?? hostname();
  const holder: LeaseHolder = { id: randomUUID(), host, pid: options.pid ?? process.pid };
  const probe = options.probe ?? probeLocalProcess;
  const attempt = (takeOverFrom?: string) => leases.acquire({ org, holder, now: new Date(options.clock()), ttlMs, takeOverFrom });
  let result = await attempt();
  if (!result.acquired && result.lease === undefined) result = await attempt();
  if (!result.acquired && result.lease !== undefined && result.lease.holder.host === host && result.lease.holder.pid !== holder.pid && !probe(result.lease.holder.pid)) {
    options.logger.warn({ org, deadPid: result.lease.holder.pid }, 'sync lease held by a process that is gone: taking over');
    result = await attempt(result.lease.holder.id);
  }
  if (!result.acquired) {
    if (result.lease === undefined) throw new Error(`The sync lease of ${org} changed hands twice while being taken; try again.`);
    throw new SyncLeaseHeldError(result.lease, options.clock());
  }
  return startHeartbeat(leases, result.lease, ttlMs, options);
}

function startHeartbeat(leases: SyncLeaseRepository, lease: SyncLease, ttlMs: number, options: SyncLeaseOptions): HeldSyncLease {
  const { org, holder } = lease;
  const lost = new AbortController();
  let expiresAtMs = lease.expiresAt.getTime();
  let released = false;
  const beat = async () => {
    const now = options.clock();
    try {
      if (await leases.renew(org, holder.id, new Date(now), ttlMs)) {
        expiresAtMs = now + ttlMs;
        return;
      }
      lost.abort(new Error(`The sync lease of ${org} was taken by another process.`));
    } catch (error) {
      // A database blip: keep trying until the lease would have lapsed, then stop writing as its holder.
      options.logger.warn({ org, error: error instanceof Error ? error.message : String(error) }, 'sync lease heartbeat failed');
      if (options.clock() >= expiresAtMs) lost.abort(new Error(`The sync lease of ${org} lapsed: its heartbeat could not reach the database.`));
    }
  };
  const timer = setInterval(() => {
    if (!released && !lost.signal.aborted) void beat();
  }, Math.max(1, Math.floor(ttlMs / 3)));
  timer.unref();
  return {
    lease,
    signal: lost.signal,
    async release() {
      if (released) return;
      released = true;
      clearInterval(timer);
      await leases.release(org, holder.id);
    },
  };
}

/** Runs `work` under the org's lease; the work's signal aborts if the lease is lost. Releases whatever happens. */
export async function withSyncLease<T>(
  leases: SyncLeaseRepository,
  org: string,
  options: SyncLeaseOptions,
  work: (held: HeldSyncLease) => Promise<T>,
): Promise<T> {
  const held = await acquireSyncLease(leases, org, options);
  try {
    return await work(held);
  } finally {
    await held.release().catch((error: unknown) => {
      // The lease lapses by itself; a release that cannot reach the database must not hide the work's own outcome.
      options.logger.warn({ org, error: error instanceof Error ? error.message : String(error) }, 'sync lease release failed');
    });
  }
}
