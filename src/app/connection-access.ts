import type { AuthStrategy } from '../okta/auth/types.js';
import { realClock } from '../okta/deps.js';
import type { ConnectionRecord } from '../store/connection-types.js';
import type { Store } from '../store/store.js';
import { recordAudit } from './audit.js';
import { authForCredential, joinCredential, type CredentialSecret } from './connection-credential.js';
import { findConnection } from './connection-lookup.js';
import type { ConnectionDeps } from './connections.js';
import { InvalidInputError } from './errors.js';
import { openConnectionSecret } from './secrets/connection-secret.js';
import { loadSecretKeyring, type SecretKeyLocation } from './secrets/secret-key.js';
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

/** What a sync of a stored connection needs to reach Okta. */
export interface ConnectionReach {
  connection: ConnectionRecord;
  /** The org key of its snapshots, syncs and evidence: the connection's domain. */
  org: string;
  baseUrl: URL | undefined;
  auth: AuthStrategy;
}

/** The auth strategy and address for a sync of `connection` (the scheduler and `sync --connection` call this). */
export async function connectionReach(deps: { store: Store; secretKey: SecretKeyLocation }, connection: ConnectionRecord): Promise<ConnectionReach> {
  const baseUrl = connection.baseUrl === null ? undefined : new URL(connection.baseUrl);
  const credential = await openStoredCredential(deps, connection);
  const auth = await authForCredential(credential, baseUrl ?? new URL(`https://${connection.domain}`), `the stored private key of connection "${connection.name}"`);
  return { connection, org: connection.domain, baseUrl, auth };
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
    expectedOrgId: connection.org.orgId,
    connectionName: connection.name,
    ...(deps.clock === undefined ? {} : { clock: deps.clock }),
    ...(deps.clientTuning === undefined ? {} : { clientTuning: deps.clientTuning }),
    ...(deps.testTimeoutMs === undefined ? {} : { timeoutMs: deps.testTimeoutMs }),
  });
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
