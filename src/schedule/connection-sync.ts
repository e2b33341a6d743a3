import { join } from 'node:path';
import type { SyncProgressListener } from '../collect/run-collectors.js';
import type { Dispatcher } from 'undici';
import { connectionReach } from '../app/connection-access.js';
import { createEgressDispatcher, proxyDispatcher } from '../app/egress.js';
import { resolveKeyDirectory } from '../app/evidence.js';
import { runSyncPipeline } from '../app/pipeline.js';
import type { WebhookNotifier } from '../app/webhooks/deliver.js';
import { testChangeEvents } from '../app/webhooks/test-change-events.js';
import type { ClientTuning } from '../app/sync-session.js';
import type { SecretKeyLocation } from '../app/secrets/secret-key.js';
import { ALL_COLLECTORS } from '../collect/index.js';
import type { Env } from '../config/env.js';
import { installationDir } from '../config/installation.js';
import type { Clock, Logger } from '../config/runtime.js';
import type { Store } from '../store/store.js';
import { runResultOf } from './run-result.js';
import type { RunConnectionSync } from './run-scheduled-sync.js';

export interface ConnectionSyncDeps {
  store: Store;
  /** The database's URL: where the installation folder (evidence, keys) is. */
  databaseUrl: string;
  env: Env;
  secretKey: SecretKeyLocation;
  clock: Clock;
  logger: Logger;
  clientTuning?: ClientTuning | undefined;
  /** Where a sync of an org reports its progress as it runs (`serve` streams it to watchers). */
  progressFor?: ((org: string) => SyncProgressListener | undefined) | undefined;
  /** Told of entities newly failing or fixed once a sync's tests ran (worked out in the background, only for subscribers). */
  notifier?: WebhookNotifier | undefined;
}

/** Each connection's evidence exports: `<installation>/evidence/<domain>/`, one folder per successful sync. */
export function connectionEvidenceFolder(databaseUrl: string, env: Env, domain: string): string {
  return join(installationDir(databaseUrl, env), 'evidence', domain);
}

/**
 * The scheduler's sync of a stored connection: opens its sealed credential (a key that cannot open it is a `not_run`
 * with the secrets error's own advice, never a crash), then the application's pipeline — sync, the tests, the signed
 * evidence export kept per connection with its retention count — under the lease the scheduler already holds.
 */
export function createConnectionSyncRunner(deps: ConnectionSyncDeps): RunConnectionSync {
  const keyDir = resolveKeyDirectory(undefined, deps.env, deps.databaseUrl);
  return async (scheduled, { signal, trigger }) => {
    const record = await deps.store.connections.get(scheduled.id);
    if (record === undefined) return { kind: 'not_run', error: { code: 'CONNECTION_REMOVED', message: `Connection "${scheduled.name}" was removed.` } };
    const reach = await connectionReach(deps, record);
    const dispatcher: Dispatcher | undefined =
      record.proxyUrl === null ? createEgressDispatcher(deps.env) : proxyDispatcher({ httpsProxy: record.proxyUrl, httpProxy: record.proxyUrl });
    try {
      const outcome = await runSyncPipeline({
        org: reach.org,
        baseUrl: reach.baseUrl,
        auth: reach.auth,
        database: deps.store,
        collectors: ALL_COLLECTORS,
        trigger: trigger === 'manual' ? 'manual' : 'schedule',
        timeoutMs: record.settings.budgetS * 1000,
        logWindowDays: record.settings.logWindowDays,
        logEventTypes: record.settings.eventTypes ?? undefined,
        signal,
        heldLease: { signal },
        clock: deps.clock,
        logger: deps.logger,
        dispatcher,
        clientTuning: deps.clientTuning,
        progress: deps.progressFor?.(reach.org),
        evidence: { folder: connectionEvidenceFolder(deps.databaseUrl, deps.env, record.domain), keyDir, keep: record.settings.evidenceRetention },
      });
      const runId = outcome.tests?.id;
      if (runId !== undefined) deps.notifier?.notify(() => testChangeEvents(deps.store, runId, new Date(deps.clock())));
      return runResultOf(outcome.sync);
    } finally {
      await dispatcher?.close();
    }
  };
}
