import type { GithubClientOptions } from '../../github/client.js';
import type { GithubDatasetStatus } from '../../github/datasets.js';
import { isGithubClientError } from '../../github/errors.js';
import type { PacingStats } from '../../github/pacing.js';
import { readGithubOrganization } from '../../github/read-org.js';
import type { Clock, Logger } from '../../config/runtime.js';
import type { DownstreamSnapshot, GithubConnectionRecord } from '../../store/index.js';
import type { Store } from '../../store/store.js';
import type { ConnectionDeps } from '../connections.js';
import type { DownstreamEvidenceSummary, DownstreamEvidenceTarget } from '../downstream/evidence.js';
import { runDownstreamPassthrough } from '../downstream/passthrough.js';
import { createEgressFetch } from '../egress.js';
import { openGithubCredential } from './connections.js';

/*
 * A GitHub sync: read the organization, store the read as its service's current DownstreamSnapshot (the last good one
 * stays when the read fails), then hand the stored snapshot to what evaluates it — THE SEAM for the cross-IdP MFA
 * passthrough rule and its evidence: `DownstreamSnapshotStored` handlers, by default `DOWNSTREAM_SNAPSHOT_HANDLERS`
 * below (the passthrough evaluation, src/app/downstream/, which also writes the service's signed evidence export when
 * the sync names an evidence target). A handler's failure is reported, never undoes the stored snapshot.
 */

export interface DownstreamSnapshotStoredEvent {
  store: Store;
  connection: GithubConnectionRecord;
  snapshotId: string;
  snapshot: DownstreamSnapshot;
  now: Date;
  logger?: Logger | undefined;
  /** Where the service's evidence goes; without it no export is written. */
  evidence?: DownstreamEvidenceTarget | undefined;
}

/** What a handler reports back: the evidence export it wrote, if any. */
export interface DownstreamSnapshotHandled {
  evidence?: DownstreamEvidenceSummary | undefined;
}

export type DownstreamSnapshotStored = (event: DownstreamSnapshotStoredEvent) => Promise<DownstreamSnapshotHandled | undefined>;

/** The passthrough rule over the new snapshot and the mapped Okta org's current one, its results stored and exported. */
const evaluatePassthrough: DownstreamSnapshotStored = async (event) => {
  const outcome = await runDownstreamPassthrough({ database: event.store, service: event.snapshot.service.id, now: event.now, evidence: event.evidence });
  return { evidence: outcome.exported };
};

/** What runs after every stored GitHub snapshot (scheduler, Sync Now, CLI, demo). */
export const DOWNSTREAM_SNAPSHOT_HANDLERS: DownstreamSnapshotStored[] = [evaluatePassthrough];

export interface GithubSyncInput {
  /** `env` (optional) routes the reads through HTTPS_PROXY/NO_PROXY as for Okta (src/app/egress.ts). */
  deps: Pick<ConnectionDeps, 'store' | 'secretKey' | 'env'>;
  connection: GithubConnectionRecord;
  clock: Clock;
  signal?: AbortSignal | undefined;
  logger?: Logger | undefined;
  /** Defaults to DOWNSTREAM_SNAPSHOT_HANDLERS. */
  handlers?: readonly DownstreamSnapshotStored[] | undefined;
  /** Default: direct, or the egress proxy `deps.env` names. */
  fetch?: GithubClientOptions['fetch'];
  /** Snapshots kept per service (the current one included); default 30. */
  keep?: number | undefined;
  /** Write the service's signed evidence export after the evaluation (the scheduler always does; the CLI on --export). */
  evidence?: DownstreamEvidenceTarget | undefined;
}

export type GithubSyncOutcome =
  | {
      ok: true;
      snapshotId: string;
      complete: boolean;
      datasets: GithubDatasetStatus[];
      stats: PacingStats;
      handlerErrors: string[];
      /** The export written after the evaluation; absent without an evidence target or when the evaluation failed. */
      evidence?: DownstreamEvidenceSummary | undefined;
      durationMs: number;
    }
  | { ok: false; error: { code: string; message: string }; stats: PacingStats | null; durationMs: number };

export async function runGithubSync(input: GithubSyncInput): Promise<GithubSyncOutcome> {
  const { store } = input.deps;
  const started = input.clock();
  const service = await store.downstream.getService(input.connection.serviceId);
  if (service === undefined) return { ok: false, error: { code: 'GITHUB_SERVICE_MISSING', message: `The service of GitHub connection "${input.connection.name}" was removed.` }, stats: null, durationMs: 0 };
  let stats: PacingStats | null = null;
  const egress = input.fetch === undefined ? createEgressFetch(input.deps.env ?? {}) : undefined;
  try {
    const credential = await openGithubCredential(input.deps, input.connection);
    // The budget bounds the whole read: its signal aborts every request still waiting or in flight.
    const budget = AbortSignal.timeout(input.connection.settings.budgetS * 1000);
    const signal = input.signal === undefined ? budget : AbortSignal.any([budget, input.signal]);
    const { createGithubClient } = await import('../../github/client.js');
    const client = await createGithubClient({ baseUrl: input.connection.apiUrl, org: input.connection.org, credential, signal, fetch: input.fetch ?? egress?.fetch, throttleId: input.connection.id });
    stats = client.stats;
    const read = await readGithubOrganization(client, { enterprise: input.connection.enterprise });
    if (input.connection.orgId !== null && read.orgId !== input.connection.orgId) {
      return { ok: false, error: { code: 'CONNECTION_ORG_MISMATCH', message: `${input.connection.org} is now organization ${read.orgId}, not ${input.connection.orgId}: nothing was stored.` }, stats, durationMs: input.clock() - started };
    }
    const readAt = new Date(input.clock()).toISOString();
    const snapshot: DownstreamSnapshot = {
      service,
      readAt,
      accounts: read.accounts,
      credentials: read.credentials,
      requiresOwnMfa: read.requiresOwnMfa,
      samlConfigured: read.samlConfigured,
      ssoEnforced: read.ssoEnforced,
      completeness: read.completeness,
    };
    const { snapshotId } = await store.downstream.saveSnapshot(snapshot);
    await store.downstream.pruneSnapshots(service.id, input.keep ?? 30);
    const handlerErrors: string[] = [];
    let evidence: DownstreamEvidenceSummary | undefined;
    for (const handler of input.handlers ?? DOWNSTREAM_SNAPSHOT_HANDLERS) {
      try {
        const handled = await handler({ store, connection: input.connection, snapshotId, snapshot, now: new Date(input.clock()), logger: input.logger, evidence: input.evidence });
        evidence = handled?.evidence ?? evidence;
      } catch (error) {
        handlerErrors.push(error instanceof Error ? error.message : String(error));
        input.logger?.warn({ connectionId: input.connection.id, error: handlerErrors.at(-1) }, 'downstream snapshot handler failed');
      }
    }
    const complete = Object.values(read.completeness).every((v) => v !== false);
    return { ok: true, snapshotId, complete, datasets: read.datasets, stats, handlerErrors, evidence, durationMs: input.clock() - started };
  } catch (error) {
    if (isGithubClientError(error)) return { ok: false, error: { code: error.code, message: error.message }, stats, durationMs: input.clock() - started };
    const code = typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : 'GITHUB_SYNC_FAILED';
    return { ok: false, error: { code, message: error instanceof Error ? error.message : String(error) }, stats, durationMs: input.clock() - started };
  } finally {
    await egress?.close();
  }
}
