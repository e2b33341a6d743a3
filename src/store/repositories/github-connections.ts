import type { Selectable, Updateable } from 'kysely';
import { HEALTH_STATES, type HealthState } from '../connection-types.js';
import type { GithubConnectionRecord, GithubConnectionRepository, GithubConnectionSettings, GithubCredentialInfo } from '../downstream-store-types.js';
import { StoreError } from '../errors.js';
import type { GithubConnectionsTable, StoreDb } from '../schema.js';
import { connectionStateRows, NEW_CONNECTION_STATE } from './connection-state-rows.js';
import { connectionLookup, foldName } from './connection-lookup.js';
import { inTransaction, type RepositoryContext } from './context.js';
import { readBoolean, readDate, readNullableDate, readNumber, writeBoolean, writeDate } from './row-values.js';
import { sealedSecretRows } from './sealed-secret-rows.js';

/*
 * Stored GitHub connections (migration 0011), the GitHub counterpart of `connections.ts`: no read carries the sealed
 * secret; only `readSealedSecret` (a sync or a test) and key rotation see it.
 */

const PUBLIC_COLUMNS = [
  'id', 'name', 'service_id', 'api_url', 'org_login', 'enterprise_slug', 'credential_kind', 'app_id', 'installation_id', 'org_id', 'auto_sync',
  'sync_interval_s', 'budget_s', 'health_state', 'health_reason', 'consecutive_failures', 'paused_reason', 'next_run_at',
  'last_sync_id', 'last_sync_at', 'created_at', 'updated_at',
] as const satisfies readonly (keyof GithubConnectionsTable)[];

type PublicRow = Pick<Selectable<GithubConnectionsTable>, (typeof PUBLIC_COLUMNS)[number]>;

export function createGithubConnectionRepository(ctx: RepositoryContext): GithubConnectionRepository {
  const { db } = ctx;
  const sealed = sealedSecretRows(db, { table: 'github_connections', boundTo: 'service_id', gone });
  const lookup = connectionLookup(ctx, { table: 'github_connections', selectPublic: (trx) => trx.selectFrom('github_connections').select(PUBLIC_COLUMNS), toRecord, gone });

  return {
    async create(input) {
      const now = writeDate(ctx.now());
      const id = ctx.newId(ctx.now());
      return inTransaction(db, async (trx) => {
        await assertNameFree(trx, input.name);
        const sameService = await trx.selectFrom('github_connections').select('name').where('service_id', '=', input.serviceId).executeTakeFirst();
        if (sameService !== undefined) {
          throw new StoreError('STORE_CONFLICT', `The GitHub connection "${sameService.name}" already reads this service: update it instead.`);
        }
        await trx
          .insertInto('github_connections')
          .values({
            id,
            name: input.name,
            name_folded: foldName(input.name),
            service_id: input.serviceId,
            api_url: input.apiUrl,
            org_login: input.org,
            enterprise_slug: input.enterprise,
            ...credentialColumns(input.credential),
            sealed_secret: input.sealedSecret,
            org_id: input.orgId,
            ...settingsColumns(input.settings),
            ...NEW_CONNECTION_STATE,
            created_at: now,
            updated_at: now,
          })
          .execute();
        return lookup.mustGet(id, trx);
      });
    },

    get: lookup.get,
    findByName: lookup.findByName,
    list: lookup.list,

    async update(id, changes) {
      return inTransaction(db, async (trx) => {
        const current = await lookup.mustGet(id, trx);
        const values: Updateable<GithubConnectionsTable> = {};
        if (changes.name !== undefined && changes.name !== current.name) {
          await assertNameFree(trx, changes.name, id);
          values.name = changes.name;
          values.name_folded = foldName(changes.name);
        }
        if (changes.enterprise !== undefined) values.enterprise_slug = changes.enterprise;
        if (changes.settings !== undefined) Object.assign(values, settingsColumns({ ...current.settings, ...changes.settings }));
        return lookup.setColumns(id, values, trx);
      });
    },

    replaceCredential(id, credential, sealedSecret, orgId) {
      return lookup.setColumns(id, { ...credentialColumns(credential), sealed_secret: sealedSecret, org_id: orgId });
    },

    ...connectionStateRows(db, 'github_connections'),
    // Read and reseal as every sealed-secret table; the list names what the secret is bound to as this table's record does.
    ...sealed,
    async listSealedSecrets() {
      return (await sealed.listSealedSecrets()).map(({ boundTo, ...row }) => ({ ...row, serviceId: boundTo }));
    },
  };
}

function gone(id: string): StoreError {
  return new StoreError('STORE_INVALID_STATE', `GitHub connection ${id} does not exist (it may have been removed).`);
}

async function assertNameFree(trx: StoreDb, name: string, exceptId?: string): Promise<void> {
  const row = await trx.selectFrom('github_connections').select(['id', 'name']).where('name_folded', '=', foldName(name)).executeTakeFirst();
  if (row !== undefined && row.id !== exceptId) {
    throw new StoreError('STORE_CONFLICT', `A GitHub connection named "${row.name}" already exists: choose another name, or update that one.`);
  }
}

function credentialColumns(credential: GithubCredentialInfo): Pick<GithubConnectionsTable, 'credential_kind' | 'app_id' | 'installation_id'> {
  return credential.kind === 'app'
    ? { credential_kind: 'app', app_id: credential.appId, installation_id: credential.installationId }
    : { credential_kind: 'token', app_id: null, installation_id: null };
}

function settingsColumns(settings: GithubConnectionSettings) {
  return { auto_sync: writeBoolean(settings.autoSync), sync_interval_s: settings.syncIntervalS, budget_s: settings.budgetS };
}

function readCredential(row: PublicRow): GithubCredentialInfo {
  if (row.credential_kind === 'token') return { kind: 'token' };
  if (row.credential_kind === 'app' && row.app_id !== null) return { kind: 'app', appId: row.app_id, installationId: row.installation_id };
  throw new StoreError('STORE_QUERY_FAILED', `GitHub connection ${row.id} has an unknown credential kind ${JSON.stringify(row.credential_kind)}.`);
}

function toRecord(row: PublicRow): GithubConnectionRecord {
  return {
    id: row.id,
    name: row.name,
    apiUrl: row.api_url,
    org: row.org_login,
    enterprise: row.enterprise_slug,
    serviceId: row.service_id,
    credential: readCredential(row),
    settings: {
      autoSync: readBoolean(row.auto_sync, 'github_connections.auto_sync'),
      syncIntervalS: readNumber(row.sync_interval_s, 'github_connections.sync_interval_s'),
      budgetS: readNumber(row.budget_s, 'github_connections.budget_s'),
    },
    orgId: row.org_id,
    health: {
      state: HEALTH_STATES.find((s) => s === row.health_state) ?? ('unhealthy' satisfies HealthState),
      reason: row.health_reason,
      consecutiveFailures: readNumber(row.consecutive_failures, 'github_connections.consecutive_failures'),
      pausedReason: row.paused_reason,
    },
    schedule: {
      nextRunAt: readNullableDate(row.next_run_at, 'github_connections.next_run_at'),
      lastSyncId: row.last_sync_id,
      lastSyncAt: readNullableDate(row.last_sync_at, 'github_connections.last_sync_at'),
    },
    createdAt: readDate(row.created_at, 'github_connections.created_at'),
    updatedAt: readDate(row.updated_at, 'github_connections.updated_at'),
  };
}
