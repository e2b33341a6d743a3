import type { GithubCredential } from '../../github/client.js';
import { resolveGithubApi } from '../../github/api-url.js';
import { isGithubClientError } from '../../github/errors.js';
import type { DownstreamService, GithubConnectionRecord } from '../../store/index.js';
import { isStoreError } from '../../store/errors.js';
import type { Store } from '../../store/store.js';
import { changedFields, recordAudit } from '../audit.js';
import { findConnection } from '../connection-lookup.js';
import { checkConnectionName, DEFAULT_CONNECTION_SETTINGS, resolveConnectionSettings } from '../connection-settings.js';
import type { ConnectionDeps } from '../connections.js';
import { InvalidInputError } from '../errors.js';
import { restartPausedSchedule } from '../paused-schedule.js';
import { openConnectionSecret, sealConnectionSecret } from '../secrets/connection-secret.js';
import { keyForSealing } from '../secrets/sealing-key.js';
import { loadSecretKeyring } from '../secrets/secret-key.js';
import { githubSealContext, joinGithubCredential, splitGithubCredential } from './credential.js';
import { testGithubConnection, type GithubTestReport } from './test-connection.js';

/*
 * Stored GitHub connections: one organization read into one downstream service (kind `github`) mapped to an Okta
 * connection's org and the Okta app its members sign in through. Stored like an Okta connection: tested first, the
 * secret sealed (AES-256-GCM, bound to the service), every change audited in the same transaction.
 */

export interface GithubSettingsInput {
  autoSync?: boolean | undefined;
  syncInterval?: string | undefined;
  budget?: string | undefined;
}

export interface NewGithubConnectionInput {
  name: string;
  org: string;
  baseUrl?: string | null | undefined;
  enterprise?: string | null | undefined;
  credential: GithubCredential;
  /** The Okta connection (name or id) whose org the members sign in through. */
  oktaConnection: string;
  /** The Okta app id of GitHub in that org. */
  oktaApp: string;
  settings?: GithubSettingsInput | undefined;
  skipTest?: boolean | undefined;
}

export interface SavedGithubConnection {
  connection: GithubConnectionRecord;
  service: DownstreamService;
  report: GithubTestReport | null;
  warnings: string[];
}

/** Thrown when Test connection could not read the members: nothing was stored. The report says why. */
export class GithubConnectionTestFailedError extends InvalidInputError {
  constructor(
    message: string,
    readonly report: GithubTestReport,
  ) {
    super(message);
    this.name = 'GithubConnectionTestFailedError';
  }
}

const ORG_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?$/;

function checkLogin(value: string, what: string): string {
  const trimmed = value.trim();
  if (!ORG_LOGIN.test(trimmed)) throw new InvalidInputError(`${what} ${JSON.stringify(value)} is not a GitHub login (letters, digits and inner hyphens, up to 39)`);
  return trimmed;
}

function githubSettings(input: GithubSettingsInput, base: GithubConnectionRecord['settings'] = { autoSync: true, syncIntervalS: DEFAULT_CONNECTION_SETTINGS.syncIntervalS, budgetS: 600 }) {
  const resolved = resolveConnectionSettings(
    { ...(input.autoSync === undefined ? {} : { autoSync: input.autoSync }), ...(input.syncInterval === undefined ? {} : { syncInterval: input.syncInterval }), ...(input.budget === undefined ? {} : { budget: input.budget }) },
    { ...DEFAULT_CONNECTION_SETTINGS, ...base },
  );
  return { autoSync: resolved.autoSync, syncIntervalS: resolved.syncIntervalS, budgetS: resolved.budgetS };
}

/** The Okta side of the mapping: the connection's org, and the app, checked against its current snapshot when there is one. */
async function oktaMapping(store: Store, oktaConnection: string, oktaApp: string): Promise<{ oktaOrg: string; oktaAppId: string; warnings: string[] }> {
  const connection = await findConnection(store, oktaConnection);
  const appId = oktaApp.trim();
  if (appId === '') throw new InvalidInputError('--okta-app needs the Okta app id of GitHub (e.g. 0oa1b2c3d4EXAMPLE)');
  const snapshot = await store.snapshots.current(connection.domain);
  if (snapshot === undefined) {
    return { oktaOrg: connection.domain, oktaAppId: appId, warnings: [`${connection.domain} has not been synced yet: the Okta app ${appId} is checked at its first sync`] };
  }
  if ((await store.entities.find('apps', snapshot.id, { id: appId })) === undefined) {
    const github = (await store.pages.apps(snapshot.id, { search: 'github' }, { limit: 5 })).items.map((a) => `${a.id} (${a.label})`);
    throw new InvalidInputError(`the Okta app ${JSON.stringify(appId)} is not in ${connection.domain}'s current snapshot${github.length === 0 ? '' : `; apps named like GitHub: ${github.join(', ')}`}`);
  }
  return { oktaOrg: connection.domain, oktaAppId: appId, warnings: [] };
}

async function sealGithubSecret(deps: ConnectionDeps, secret: string, serviceId: string): Promise<{ sealed: string; warnings: string[] }> {
  const { key, warnings } = await keyForSealing(deps.store, deps.secretKey);
  return { sealed: sealConnectionSecret(secret, key, githubSealContext(serviceId)), warnings };
}

function refuseUnlessMembersReadable(report: GithubTestReport, org: string): void {
  if (report.canReadMembers) return;
  const why = report.fatal?.message ?? report.datasets.find((d) => d.dataset === 'members')?.reason ?? 'members could not be read';
  throw new GithubConnectionTestFailedError(`not saved: Test connection could not read the members of ${org}: ${why} (use --skip-test to store it anyway)`, report);
}

function asInvalid(error: unknown): never {
  if (isStoreError(error, 'STORE_CONFLICT')) throw new InvalidInputError(error.message, { cause: error });
  if (isGithubClientError(error, 'GITHUB_BASE_URL_INVALID')) throw new InvalidInputError(error.message, { cause: error });
  throw error;
}

export async function createGithubConnection(deps: ConnectionDeps, input: NewGithubConnectionInput): Promise<SavedGithubConnection> {
  const name = checkConnectionName(input.name);
  const org = checkLogin(input.org, 'the organization');
  const enterprise = input.enterprise == null || input.enterprise.trim() === '' ? null : checkLogin(input.enterprise, 'the enterprise');
  let apiUrl: string;
  try {
    apiUrl = resolveGithubApi(input.baseUrl).apiUrl;
  } catch (error) {
    asInvalid(error);
  }
  const settings = githubSettings(input.settings ?? {});
  const taken = await deps.store.githubConnections.findByName(name);
  if (taken !== undefined) throw new InvalidInputError(`a GitHub connection named "${taken.name}" already exists: choose another name, or change it with "okta-evidence connections update-github ${taken.name}"`);
  const mapping = await oktaMapping(deps.store, input.oktaConnection, input.oktaApp);

  const report = input.skipTest === true ? null : await testGithubConnection({ baseUrl: input.baseUrl ?? null, org, enterprise, credential: input.credential, env: deps.env });
  if (report !== null) refuseUnlessMembersReadable(report, org);
  const serviceName = `GitHub ${org}${apiUrl === 'https://api.github.com' ? '' : ` (${new URL(apiUrl).host})`}`;
  const { info, secret } = splitGithubCredential(input.credential);
  const service = await deps.store.downstream.upsertService({ kind: 'github', name: serviceName, oktaOrg: mapping.oktaOrg, oktaAppId: mapping.oktaAppId }).catch(asInvalid);
  const { sealed, warnings } = await sealGithubSecret(deps, secret, service.id);
  const connection = await deps.store
    .transaction(async (tx) => {
      const created = await tx.githubConnections.create({ name, apiUrl, org, enterprise, serviceId: service.id, credential: info, sealedSecret: sealed, settings, orgId: report?.org?.id ?? null });
      await recordAudit(tx, {
        actor: deps.actor,
        action: 'connection.create',
        connection: created,
        details: { kind: 'github', apiUrl, org, enterprise, credential: info, settings, service: service.id, oktaOrg: mapping.oktaOrg, oktaAppId: mapping.oktaAppId, tested: report !== null },
      });
      return created;
    })
    .catch(asInvalid);
  return { connection, service, report, warnings: [...mapping.warnings, ...warnings] };
}

export interface GithubConnectionUpdate {
  name?: string | undefined;
  enterprise?: string | null | undefined;
  settings?: GithubSettingsInput | undefined;
  credential?: GithubCredential | undefined;
  oktaApp?: string | undefined;
  skipTest?: boolean | undefined;
}

export async function updateGithubConnection(deps: ConnectionDeps, nameOrId: string, input: GithubConnectionUpdate): Promise<SavedGithubConnection> {
  const current = await findGithubConnection(deps.store, nameOrId);
  const service = await deps.store.downstream.getService(current.serviceId);
  if (service === undefined) throw new InvalidInputError(`the GitHub connection "${current.name}" has lost its service; remove it and connect again`);
  const name = input.name === undefined ? current.name : checkConnectionName(input.name);
  const enterprise = input.enterprise === undefined ? current.enterprise : input.enterprise === null || input.enterprise.trim() === '' ? null : checkLogin(input.enterprise, 'the enterprise');
  const settings = githubSettings(input.settings ?? {}, current.settings);
  let report: GithubTestReport | null = null;
  if (input.credential !== undefined && input.skipTest !== true) {
    report = await testGithubConnection({ baseUrl: current.apiUrl, org: current.org, enterprise, credential: input.credential, expectedOrgId: current.orgId, env: deps.env });
    refuseUnlessMembersReadable(report, current.org);
  }
  const mapping = input.oktaApp === undefined ? undefined : await oktaMappingForService(deps.store, service, input.oktaApp);
  const replacement = input.credential === undefined ? undefined : splitGithubCredential(input.credential);
  const sealed = replacement === undefined ? undefined : await sealGithubSecret(deps, replacement.secret, current.serviceId);
  const connection = await deps.store
    .transaction(async (tx) => {
      let updated = await tx.githubConnections.update(current.id, { name, enterprise, settings });
      if (replacement !== undefined && sealed !== undefined) {
        updated = await tx.githubConnections.replaceCredential(current.id, replacement.info, sealed.sealed, report?.org?.id ?? current.orgId);
        if (current.health.pausedReason !== null) {
          await restartPausedSchedule(tx.githubConnections, current.id);
          updated = (await tx.githubConnections.get(current.id)) ?? updated;
        }
      }
      if (mapping !== undefined) await tx.downstream.upsertService({ ...service, oktaAppId: mapping.oktaAppId });
      const changed = changedFields(
        { name: current.name, enterprise: current.enterprise, ...current.settings, oktaAppId: service.oktaAppId },
        { name: updated.name, enterprise: updated.enterprise, ...updated.settings, oktaAppId: mapping?.oktaAppId ?? service.oktaAppId },
      );
      const details: Record<string, unknown> = { kind: 'github', changed };
      if (replacement !== undefined) details.credentialReplaced = { from: current.credential, to: replacement.info, tested: report !== null };
      if (Object.keys(changed).length > 0 || replacement !== undefined) await recordAudit(tx, { actor: deps.actor, action: 'connection.update', connection: updated, details });
      return updated;
    })
    .catch(asInvalid);
  return { connection, service: (await deps.store.downstream.getService(current.serviceId)) ?? service, report, warnings: [...(mapping?.warnings ?? []), ...(sealed?.warnings ?? [])] };
}

async function oktaMappingForService(store: Store, service: DownstreamService, oktaApp: string) {
  const okta = await store.connections.findByDomain(service.oktaOrg);
  if (okta === undefined) return { oktaOrg: service.oktaOrg, oktaAppId: oktaApp.trim(), warnings: [`no Okta connection reads ${service.oktaOrg} any more: the app id is stored unchecked`] };
  return oktaMapping(store, okta.id, oktaApp);
}

/** Removes the connection and its credential; the service and its snapshots stay (they are the audit trail). */
export async function removeGithubConnection(deps: Pick<ConnectionDeps, 'store' | 'actor'>, nameOrId: string): Promise<GithubConnectionRecord> {
  const connection = await findGithubConnection(deps.store, nameOrId);
  await deps.store.transaction(async (tx) => {
    await tx.githubConnections.remove(connection.id);
    await recordAudit(tx, { actor: deps.actor, action: 'connection.remove', connection, details: { kind: 'github', org: connection.org, service: connection.serviceId, dataKept: true } });
  });
  return connection;
}

export async function findGithubConnection(store: Store, nameOrId: string): Promise<GithubConnectionRecord> {
  const found = (await store.githubConnections.findByName(nameOrId)) ?? (await store.githubConnections.get(nameOrId));
  if (found === undefined) {
    const names = (await store.githubConnections.list()).map((c) => c.name);
    throw new InvalidInputError(`no GitHub connection named "${nameOrId}" (${names.length === 0 ? 'there are none yet: add one with "okta-evidence connect github"' : `known: ${names.join(', ')}`})`);
  }
  return found;
}

export function listGithubConnections(store: Store): Promise<GithubConnectionRecord[]> {
  return store.githubConnections.list();
}

/** The one place a stored GitHub credential is opened (a sync or a test of a stored connection). */
export async function openGithubCredential(deps: Pick<ConnectionDeps, 'store' | 'secretKey'>, connection: GithubConnectionRecord): Promise<GithubCredential> {
  const sealed = await deps.store.githubConnections.readSealedSecret(connection.id);
  if (sealed === undefined) throw new InvalidInputError(`the GitHub connection "${connection.name}" was removed meanwhile`);
  const keyring = await loadSecretKeyring(deps.secretKey);
  return joinGithubCredential(connection.credential, openConnectionSecret(sealed, keyring, { name: connection.name, domain: githubSealContext(connection.serviceId) }));
}

export async function testStoredGithubConnection(deps: ConnectionDeps, nameOrId: string): Promise<{ connection: GithubConnectionRecord; report: GithubTestReport }> {
  const connection = await findGithubConnection(deps.store, nameOrId);
  const credential = await openGithubCredential(deps, connection);
  const report = await testGithubConnection({ baseUrl: connection.apiUrl, org: connection.org, enterprise: connection.enterprise, credential, expectedOrgId: connection.orgId, env: deps.env });
  await recordAudit(deps.store, { actor: deps.actor, action: 'connection.test', connection, details: { kind: 'github', fatal: report.fatal?.code ?? null } });
  return { connection, report };
}
