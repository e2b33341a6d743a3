import type { Env } from '../config/env.js';
import { realClock, type Clock } from '../config/runtime.js';
import { parseBaseUrlOverride, parseOktaDomain } from '../okta/domain.js';
import { isOktaClientError } from '../okta/errors.js';
import type { ConnectionRecord, ConnectionSettings } from '../store/connection-types.js';
import { isStoreError } from '../store/errors.js';
import type { Store } from '../store/store.js';
import { changedFields, recordAudit } from './audit.js';
import { openStoredCredential } from './connection-access.js';
import { authForCredential, splitCredential, type CredentialSecret } from './connection-credential.js';
import { findConnection } from './connection-lookup.js';
import { checkConnectionName, checkProxyUrl, resolveConnectionSettings, type ConnectionSettingsInput } from './connection-settings.js';
import { createEgressDispatcher, proxyDispatcher } from './egress.js';
import { InvalidInputError } from './errors.js';
import { restartPausedSchedule } from './paused-schedule.js';
import { sealConnectionSecret } from './secrets/connection-secret.js';
import { keyForSealing } from './secrets/sealing-key.js';
import type { SecretKeyLocation } from './secrets/secret-key.js';
import type { ClientTuning } from './sync-session.js';
import { testConnection, type TestConnectionReport } from './test-connection.js';

/*
 * Stored connections: connect (test, then store), list, show, update, remove. Every change is written together with
 * its audit entry in one transaction, so a kill at any moment leaves either both or neither.
 */

/** What the connection operations need; the adapters (CLI, server) build it. */
export interface ConnectionDeps {
  store: Store;
  secretKey: SecretKeyLocation;
  /** Who acts, for the audit log: `cli:<os user>`, `api:<token name>`. */
  actor: string;
  clock?: Clock;
  clientTuning?: ClientTuning;
  testTimeoutMs?: number;
  /** The environment, for HTTPS_PROXY/NO_PROXY when a connection has no proxy of its own. */
  env?: Env | undefined;
}

/** Test connection found the credential cannot read users: nothing was stored. Exit code 2 in the CLI. */
export class ConnectionTestFailedError extends InvalidInputError {
  constructor(
    message: string,
    readonly report: TestConnectionReport,
  ) {
    super(message);
    this.name = 'ConnectionTestFailedError';
  }
}

export interface NewConnectionInput {
  name: string;
  domain: string;
  baseUrl?: string | undefined;
  proxyUrl?: string | undefined;
  credential: CredentialSecret;
  settings?: ConnectionSettingsInput;
  /** Store without Test connection (e.g. prepared before the network allows it). */
  skipTest?: boolean;
}

export interface SavedConnection {
  connection: ConnectionRecord;
  /** Null with `skipTest`. */
  report: TestConnectionReport | null;
  /** Things the person should fix but that did not stop the operation (e.g. a key file readable by others). */
  warnings: string[];
}

function invalid(error: unknown): never {
  if (isOktaClientError(error, 'OKTA_DOMAIN_INVALID') || isOktaClientError(error, 'OKTA_BASE_URL_INVALID')) throw new InvalidInputError(error.message, { cause: error });
  if (isStoreError(error, 'STORE_CONFLICT')) throw new InvalidInputError(error.message, { cause: error });
  throw error;
}

/** Runs Test connection and refuses a credential that cannot read users, or that answers for another org. */
async function testBeforeSaving(
  deps: ConnectionDeps,
  target: { name: string; domain: string; baseUrl: string | null; proxyUrl: string | null; expectedOrgId: string | null },
  credential: CredentialSecret,
): Promise<TestConnectionReport> {
  const baseUrl = target.baseUrl === null ? undefined : new URL(target.baseUrl);
  const dispatcher = target.proxyUrl === null ? createEgressDispatcher(deps.env ?? {}) : proxyDispatcher({ httpsProxy: target.proxyUrl, httpProxy: target.proxyUrl });
  let report: TestConnectionReport;
  try {
    const auth = await authForCredential(credential, baseUrl ?? new URL(`https://${target.domain}`), `the private key for connection "${target.name}"`, dispatcher);
    report = await testConnection({
      domain: target.domain,
      baseUrl,
      auth,
      dispatcher,
      expectedOrgId: target.expectedOrgId,
      connectionName: target.name,
      ...(deps.clock === undefined ? {} : { clock: deps.clock }),
      ...(deps.clientTuning === undefined ? {} : { clientTuning: deps.clientTuning }),
      ...(deps.testTimeoutMs === undefined ? {} : { timeoutMs: deps.testTimeoutMs }),
    });
  } finally {
    await dispatcher?.close();
  }
  if (!report.canReadUsers) {
    const why = report.fatal?.message ?? report.datasets.find((d) => d.id === 'users')?.reason ?? 'users could not be read';
    throw new ConnectionTestFailedError(`not saved: Test connection could not read users of ${target.domain}: ${why} (use --skip-test to store it anyway)`, report);
  }
  return report;
}

function orgOf(report: TestConnectionReport | null, at: Date) {
  return report?.org == null ? undefined : { orgId: report.org.orgId, pipeline: report.org.pipeline, verifiedAt: at };
}

/** Sealed with the installation's key, created on first use (never while sealed credentials exist without it). */
async function seal(deps: ConnectionDeps, secret: string, domain: string): Promise<{ sealed: string; warnings: string[] }> {
  const { key, warnings } = await keyForSealing(deps.store, deps.secretKey);
  return { sealed: sealConnectionSecret(secret, key, domain), warnings };
}

/** Test connection, then store it with its credential sealed, and audit it. */
export async function createConnection(deps: ConnectionDeps, input: NewConnectionInput): Promise<SavedConnection> {
  const name = checkConnectionName(input.name);
  let domain: string;
  let baseUrl: string | null;
  try {
    domain = parseOktaDomain(input.domain);
    baseUrl = input.baseUrl === undefined ? null : parseBaseUrlOverride(input.baseUrl).href;
  } catch (error) {
    invalid(error);
  }
  const proxyUrl = input.proxyUrl === undefined ? null : checkProxyUrl(input.proxyUrl);
  const settings = resolveConnectionSettings(input.settings ?? {});
  // Before the network: a duplicate is known without a 10-second test.
  const taken = (await deps.store.connections.findByName(name)) ?? (await deps.store.connections.findByDomain(domain));
  if (taken !== undefined) {
    const update = `"okta-evidence connections update ${quoteName(taken.name)}"`;
    throw new InvalidInputError(
      taken.domain === domain
        ? `the connection "${taken.name}" already reads ${domain} (one connection per Okta org keeps its evidence chain whole): change it with ${update}`
        : `a connection named "${taken.name}" already exists: choose another name, or change it with ${update}`,
    );
  }

  const report = input.skipTest === true ? null : await testBeforeSaving(deps, { name, domain, baseUrl, proxyUrl, expectedOrgId: null }, input.credential);
  const { info, secret } = splitCredential(input.credential);
  const { sealed, warnings } = await seal(deps, secret, domain);
  const now = new Date((deps.clock ?? realClock)());
  const connection = await deps.store
    .transaction(async (tx) => {
      const created = await tx.connections.create({ name, domain, baseUrl, proxyUrl, credential: info, sealedSecret: sealed, settings, org: orgOf(report, now) });
      await recordAudit(tx, {
        actor: deps.actor,
        action: 'connection.create',
        connection: created,
        details: { domain, baseUrl, proxyUrl, credential: info, settings, tested: report !== null, orgId: created.org.orgId },
      });
      return created;
    })
    .catch(invalid);
  return { connection, report, warnings };
}

/** `okta-evidence connections update N …`: the name, base URL, proxy, settings and credential may change; the domain never does. */
export interface ConnectionUpdateInput {
  name?: string;
  baseUrl?: string | null;
  proxyUrl?: string | null;
  settings?: ConnectionSettingsInput;
  credential?: CredentialSecret;
  skipTest?: boolean;
}

/** Applies an update; a new credential or base URL is tested first (and must answer for the recorded org). */
export async function updateConnection(deps: ConnectionDeps, nameOrId: string, input: ConnectionUpdateInput): Promise<SavedConnection> {
  const current = await findConnection(deps.store, nameOrId);
  const name = input.name === undefined ? current.name : checkConnectionName(input.name);
  let baseUrl = current.baseUrl;
  try {
    if (input.baseUrl !== undefined) baseUrl = input.baseUrl === null ? null : parseBaseUrlOverride(input.baseUrl).href;
  } catch (error) {
    invalid(error);
  }
  const proxyUrl = input.proxyUrl === undefined ? current.proxyUrl : input.proxyUrl === null ? null : checkProxyUrl(input.proxyUrl);
  const settings: ConnectionSettings = resolveConnectionSettings(input.settings ?? {}, current.settings);
  const reachChanged = input.credential !== undefined || baseUrl !== current.baseUrl || proxyUrl !== current.proxyUrl;

  let report: TestConnectionReport | null = null;
  if (reachChanged && input.skipTest !== true) {
    const credential = input.credential ?? (await openStoredCredential(deps, current));
    report = await testBeforeSaving(deps, { name, domain: current.domain, baseUrl, proxyUrl, expectedOrgId: current.org.orgId }, credential);
  }
  const replacement = input.credential === undefined ? undefined : splitCredential(input.credential);
  const sealed = replacement === undefined ? undefined : await seal(deps, replacement.secret, current.domain);
  const now = new Date((deps.clock ?? realClock)());

  const connection = await deps.store
    .transaction(async (tx) => {
      let updated = await tx.connections.update(current.id, { name, baseUrl, proxyUrl, settings });
      if (replacement !== undefined && sealed !== undefined) {
        // A new credential for the same org keeps the recorded org id; untested, it forgets it until the next test.
        updated = await tx.connections.replaceCredential(current.id, replacement.info, sealed.sealed, orgOf(report, now) ?? (input.skipTest === true ? undefined : current.org));
        if (current.health.pausedReason !== null) {
          await restartPausedSchedule(tx.connections, current.id);
          updated = (await tx.connections.get(current.id)) ?? updated;
        }
      } else if (report?.org != null) {
        updated = await tx.connections.recordOrg(current.id, { orgId: report.org.orgId, pipeline: report.org.pipeline, verifiedAt: now });
      }
      const changed = changedFields(
        { name: current.name, baseUrl: current.baseUrl, proxyUrl: current.proxyUrl, ...current.settings },
        { name: updated.name, baseUrl: updated.baseUrl, proxyUrl: updated.proxyUrl, ...updated.settings },
      );
      const details: Record<string, unknown> = { changed };
      if (replacement !== undefined) details.credentialReplaced = { from: current.credential, to: replacement.info, tested: report !== null };
      if (Object.keys(changed).length > 0 || replacement !== undefined) await recordAudit(tx, { actor: deps.actor, action: 'connection.update', connection: updated, details });
      return updated;
    })
    .catch(invalid);
  return { connection, report, warnings: sealed?.warnings ?? [] };
}

/** Removes a connection and its credential; its snapshots, results and evidence stay (they are the audit trail). */
export async function removeConnection(deps: Pick<ConnectionDeps, 'store' | 'actor'>, nameOrId: string): Promise<ConnectionRecord> {
  const connection = await findConnection(deps.store, nameOrId);
  await deps.store.transaction(async (tx) => {
    await tx.connections.remove(connection.id);
    await recordAudit(tx, { actor: deps.actor, action: 'connection.remove', connection, details: { domain: connection.domain, dataKept: true } });
  });
  return connection;
}

function quoteName(name: string): string {
  return /\s/.test(name) ? JSON.stringify(name) : name;
}
