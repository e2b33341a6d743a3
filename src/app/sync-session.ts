import type { Dispatcher } from 'undici';
import type { AuthStrategy } from '../okta/auth/types.js';
import { createOktaClient, type OktaClientOptions } from '../okta/client.js';
import { realClock, silentLogger, type Clock, type OktaLogger } from '../okta/deps.js';
import type { Collector } from '../collect/collector.js';
import { runSync, type SyncOptions, type SyncOutcome, type SyncProgressListener } from '../collect/sync-run.js';
import type { Store } from '../store/store.js';
import type { SyncTrigger } from '../store/types.js';
import { withStore } from './database-url.js';

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
  /** An open store (left open), or a database URL opened and closed around the sync. */
  database: string | Store;
  collectors: readonly Collector[];
  trigger: SyncTrigger;
  timeoutMs: number;
  logWindowDays: number;
  /** Default: the sync engine's (`SYNC_DEFAULTS.logRetentionDays`). */
  logRetentionDays?: number | undefined;
  /** The share of the budget re-verification of the oldest data may take (default `REVERIFY_SHARE.default`). */
  reverifyShare?: number | undefined;
  logEventTypes?: SyncOptions['logEventTypes'];
  progress?: SyncProgressListener | undefined;
  signal?: AbortSignal | undefined;
  clock?: Clock | undefined;
  logger?: OktaLogger | undefined;
  /** The egress pool (a proxy, see `createEgressDispatcher`), owned by the caller; default: the client's own pool. */
  dispatcher?: Dispatcher | undefined;
  clientTuning?: ClientTuning | undefined;
}

/** Opens the database (unless given one) and an Okta client, runs one sync, and closes what it opened whatever happens. */
export function runSyncSession(input: SyncSessionInput): Promise<{ outcome: SyncOutcome; location: string }> {
  return withStore(input.database, (store) => syncWithStore(store, input));
}

async function syncWithStore(store: Store, input: SyncSessionInput): Promise<{ outcome: SyncOutcome; location: string }> {
  const clock = input.clock ?? realClock;
  const tuning = input.clientTuning ?? {};
  const client = createOktaClient({
    domain: input.org,
    baseUrl: input.baseUrl,
    auth: input.auth,
    clock,
    ...(input.dispatcher === undefined ? {} : { dispatcher: input.dispatcher }),
    ...tuning,
    retry: { ...SYNC_RETRY, ...tuning.retry },
  });
  try {
    const outcome = await runSync(
      { store, client, org: input.org, collectors: input.collectors, clock, logger: input.logger ?? silentLogger, progress: input.progress },
      {
        trigger: input.trigger,
        timeoutMs: input.timeoutMs,
        logWindowDays: input.logWindowDays,
        logRetentionDays: input.logRetentionDays,
        reverifyShare: input.reverifyShare,
        logEventTypes: input.logEventTypes,
        signal: input.signal,
      },
    );
    return { outcome, location: store.location };
  } finally {
    await client.close();
  }
}
