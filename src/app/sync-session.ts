import type { AuthStrategy } from '../okta/auth/types.js';
import { createOktaClient, type OktaClientOptions } from '../okta/client.js';
import { realClock, silentLogger, type Clock } from '../okta/deps.js';
import type { Collector } from '../collect/collector.js';
import { runSync, type SyncOutcome, type SyncProgressListener } from '../collect/sync-run.js';
import { withSyncLease } from '../schedule/sync-lease.js';
import { openDatabase } from '../store/database.js';
import type { SyncTrigger } from '../store/types.js';

/**
 * A sync's client retries a 5xx or a dropped connection more often than the client's default: the budget bounds the
 * total time anyway, and one unlucky request would otherwise cost its whole dataset and fail the sync.
 */
const SYNC_RETRY = { maxAttempts: 6 } as const;

/** Client settings a caller may tune (tests shrink retry back-off); never credentials or the address. */
export type ClientTuning = Partial<Pick<OktaClientOptions, 'retry' | 'timeouts' | 'concurrency'>>;

export interface SyncSessionInput {
  org: string;
  baseUrl: URL | undefined;
  auth: AuthStrategy;
  databaseUrl: string;
  collectors: readonly Collector[];
  trigger: SyncTrigger;
  timeoutMs: number;
  logWindowDays: number;
  /** Default: the sync engine's (`SYNC_DEFAULTS.logRetentionDays`). */
  logRetentionDays?: number | undefined;
  progress?: SyncProgressListener | undefined;
  signal?: AbortSignal | undefined;
  clock?: Clock | undefined;
  clientTuning?: ClientTuning | undefined;
  /** Removes the org's sync lease first, whoever holds it (`sync --force-unlock`: its holder is known to be gone). */
  forceUnlock?: boolean | undefined;
}

/**
 * Opens the database and an Okta client, runs one sync under the org's sync lease (so a CLI sync and a scheduled one
 * never sync one org at once), and closes both whatever happens.
 */
export async function runSyncSession(input: SyncSessionInput): Promise<{ outcome: SyncOutcome; location: string }> {
  const clock = input.clock ?? realClock;
  const store = await openDatabase(input.databaseUrl);
  try {
    const tuning = input.clientTuning ?? {};
    const client = createOktaClient({
      domain: input.org,
      baseUrl: input.baseUrl,
      auth: input.auth,
      clock,
      ...tuning,
      retry: { ...SYNC_RETRY, ...tuning.retry },
    });
    try {
      if (input.forceUnlock === true) await store.leases.forceRelease(input.org);
      const outcome = await withSyncLease(store.leases, input.org, { clock, logger: silentLogger }, (held) =>
        runSync(
          { store, client, org: input.org, collectors: input.collectors, clock, logger: silentLogger, progress: input.progress },
          {
            trigger: input.trigger,
            timeoutMs: input.timeoutMs,
            logWindowDays: input.logWindowDays,
            logRetentionDays: input.logRetentionDays,
            signal: input.signal === undefined ? held.signal : AbortSignal.any([input.signal, held.signal]),
            leaseHeld: true,
          },
        ),
      );
      return { outcome, location: store.location };
    } finally {
      await client.close();
    }
  } finally {
    await store.close();
  }
}
