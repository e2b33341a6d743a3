import type { Dispatcher } from 'undici';
import type { Env } from '../config/env.js';
import type { AuthStrategy } from '../okta/auth/types.js';
import { realClock } from '../config/runtime.js';
import type { ConnectionRecord } from '../store/connection-types.js';
import type { Store } from '../store/store.js';
import { recordAudit } from './audit.js';
import { authForCredential, joinCredential, type CredentialSecret } from './connection-credential.js';
import { findConnection } from './connection-lookup.js';
import type { ConnectionDeps } from './connections.js';
import { createEgressDispatcher, proxyDispatcher } from './egress.js';
import { InvalidInputError } from './errors.js';
import { openConnectionSecret } from './secrets/connection-secret.js';
import { loadSecretKeyring, type SecretKeyLocation } from './secrets/secret-key.js';
import type { SyncSessionInput } from './sync-session.js';
import { testConnection, type TestConnectionReport } from './test-connection.js';

/*
 * The one place a stored credential is opened: for a sync or a test of a stored connection. The clear value lives
 * in the auth strategy of that one run and nowhere else.
 */

/** Opens the connection's sealed secret. A missing or wrong key is a SecretsError that says how to recover. */
export async function openStoredCredential(deps: { store: Store; secretKey: SecretKeyLocation }, connection: ConnectionRecord): Promise<CredentialSecret> {
  const sealed = await deps.store.connections.readSealedSecret(connection.id);
  if (sealed === undefined) throw new InvalidInputError(`connection "${connection.name}" was removed meanwhile`);
  const keyring = await loadSecretKeyring(deps.secretKey);
  return joinCredential(connection.credential, openConnectionSecret(sealed, keyring, connection));
}

/** What a sync of a stored connection needs to reach Okta. Close it when the sync is done (it may own a proxy pool). */
export interface ConnectionReach {
  connection: ConnectionRecord;
  /** The org key of its snapshots, syncs and evidence: the connection's domain. */
  org: string;
  baseUrl: URL | undefined;
  auth: AuthStrategy;
  /** The connection's proxy, else HTTPS_PROXY/NO_PROXY from `env`; undefined for a direct connection. */
  dispatcher: Dispatcher | undefined;
  close(): Promise<void>;
}

/**
 * The auth strategy, address and egress for a sync of `connection`: the scheduler and `sync --connection` call this,
 * and it is the only caller of `openStoredCredential` besides a test of a stored connection.
 */
export async function connectionReach(deps: { store: Store; secretKey: SecretKeyLocation; env?: Env | undefined }, connection: ConnectionRecord): Promise<ConnectionReach> {
  const baseUrl = connection.baseUrl === null ? undefined : new URL(connection.baseUrl);
  const credential = await openStoredCredential(deps, connection);
  const dispatcher = connection.proxyUrl === null ? createEgressDispatcher(deps.env ?? {}) : proxyDispatcher({ httpsProxy: connection.proxyUrl, httpProxy: connection.proxyUrl });
  try {
    const auth = await authForCredential(credential, baseUrl ?? new URL(`https://${connection.domain}`), `the stored private key of connection "${connection.name}"`, dispatcher);
    return { connection, org: connection.domain, baseUrl, auth, dispatcher, close: async () => dispatcher?.close() };
  } catch (error) {
    await dispatcher?.close();
    throw error;
  }
}

/**
 * The sync settings of a stored connection, as `runSyncSession` / `runSyncPipeline` take them (add `database`,
 * `collectors`, `trigger` and the rest): its org key, address, credential, budget, System Log window and event types.
 */
export function connectionSyncSettings(reach: ConnectionReach): Pick<SyncSessionInput, 'org' | 'baseUrl' | 'auth' | 'timeoutMs' | 'logWindowDays' | 'logEventTypes' | 'dispatcher'> {
  const settings = reach.connection.settings;
  return {
    org: reach.org,
    baseUrl: reach.baseUrl,
    auth: reach.auth,
    timeoutMs: settings.budgetS * 1000,
    logWindowDays: settings.logWindowDays,
    logEventTypes: settings.eventTypes ?? undefined,
    dispatcher: reach.dispatcher,
  };
}

/** After a sync of a stored connection: its last sync, shown by `connections list` (the scheduler records its own runs too). */
export async function recordConnectionSync(store: Store, connection: ConnectionRecord, sync: { syncId: string; status: string }, at: Date): Promise<void> {
  if (sync.status === 'succeeded' || sync.status === 'partial') await store.connections.updateSchedule(connection.id, { lastSyncId: sync.syncId, lastSyncAt: at });
}

/**
 * `connections test N`: Test connection with the stored credential, refusing an org other than the recorded one.
 * The first successful test records the org id and pipeline. The test itself is audited (who tested, the outcome).
 */
export async function testStoredConnection(deps: ConnectionDeps, nameOrId: string): Promise<{ connection: ConnectionRecord; report: TestConnectionReport }> {
  let connection = await findConnection(deps.store, nameOrId);
  const reach = await connectionReach(deps, connection);
  const report = await testConnection({
    domain: connection.domain,
    baseUrl: reach.baseUrl,
    auth: reach.auth,
    dispatcher: reach.dispatcher,
    expectedOrgId: connection.org.orgId,
    connectionName: connection.name,
    ...(deps.clock === undefined ? {} : { clock: deps.clock }),
    ...(deps.clientTuning === undefined ? {} : { clientTuning: deps.clientTuning }),
    ...(deps.testTimeoutMs === undefined ? {} : { timeoutMs: deps.testTimeoutMs }),
  }).finally(() => reach.close());
  const verifiedAt = new Date((deps.clock ?? realClock)());
  connection = await deps.store.transaction(async (tx) => {
    const org = report.org;
    const record = report.fatal === null && org !== null;
    const updated = record ? await tx.connections.recordOrg(connection.id, { orgId: org.orgId, pipeline: org.pipeline, verifiedAt }) : connection;
    await recordAudit(tx, {
      actor: deps.actor,
      action: 'connection.test',
      connection,
      details: { canReadUsers: report.canReadUsers, fatal: report.fatal?.code ?? null, states: Object.fromEntries(report.datasets.map((d) => [d.id, d.state])) },
    });
    return updated;
  });
  return { connection, report };
}
