import type { Insertable, Selectable, Updateable } from 'kysely';
import {
  DPOP_MODES,
  HEALTH_STATES,
  type ConnectionRecord,
  type ConnectionRepository,
  type ConnectionSettings,
  type CredentialInfo,
  type DpopSetting,
  type HealthState,
  type NewConnection,
} from '../connection-types.js';
import { StoreError } from '../errors.js';
import type { ConnectionsTable, StoreDb } from '../schema.js';
import { connectionStateRows, NEW_CONNECTION_STATE } from './connection-state-rows.js';
import { connectionLookup, foldName } from './connection-lookup.js';
import { inTransaction, type RepositoryContext } from './context.js';
import {
  readBoolean,
  readDate,
  readNullableDate,
  readNullableJson,
  readNumber,
  writeBoolean,
  writeDate,
  writeJson,
  writeNullableDate,
} from './row-values.js';
import { sealedSecretRows } from './sealed-secret-rows.js';

/** Every column but the sealed secret: no read of a connection carries it, not even by accident. */
const PUBLIC_COLUMNS = [
  'id',
  'name',
  'name_folded',
  'domain',
  'base_url',
  'proxy_url',
  'credential_kind',
  'client_id',
  'key_id',
  'dpop_mode',
  'auto_sync',
  'sync_interval_s',
  'log_window_days',
  'budget_s',
  'event_types',
  'evidence_retention',
  'org_id',
  'pipeline',
  'org_verified_at',
  'health_state',
  'health_reason',
  'consecutive_failures',
  'paused_reason',
  'next_run_at',
  'last_sync_id',
  'last_sync_at',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof ConnectionsTable)[];

type PublicRow = Pick<Selectable<ConnectionsTable>, (typeof PUBLIC_COLUMNS)[number]>;

export function createConnectionRepository(ctx: RepositoryContext): ConnectionRepository {
  const { db } = ctx;
  const sealed = sealedSecretRows(db, { table: 'connections', boundTo: 'domain', gone });
  const state = connectionStateRows(db, 'connections');
  const lookup = connectionLookup(ctx, { table: 'connections', selectPublic: (trx) => trx.selectFrom('connections').select(PUBLIC_COLUMNS), toRecord, gone });

  return {
    async create(input) {
      const now = ctx.now();
      const row: Insertable<ConnectionsTable> = {
        id: ctx.newId(now),
        name: input.name,
        name_folded: foldName(input.name),
        domain: input.domain,
        base_url: input.baseUrl,
        proxy_url: input.proxyUrl,
        ...credentialColumns(input.credential),
        sealed_secret: input.sealedSecret,
        ...settingsColumns(input.settings),
        org_id: input.org?.orgId ?? null,
        pipeline: input.org?.pipeline ?? null,
        org_verified_at: writeNullableDate(input.org?.verifiedAt),
        ...NEW_CONNECTION_STATE,
        created_at: writeDate(now),
        updated_at: writeDate(now),
      };
      return inTransaction(db, async (trx) => {
        await assertFree(trx, { name: input.name, domain: input.domain });
        await insertOrConflict(trx, row, input);
        return lookup.mustGet(row.id, trx);
      });
    },

    get: lookup.get,
    findByName: lookup.findByName,
    list: lookup.list,

    async findByDomain(domain) {
      const row = await db.selectFrom('connections').select(PUBLIC_COLUMNS).where('domain', '=', domain).executeTakeFirst();
      return row === undefined ? undefined : toRecord(row);
    },

    async update(id, changes) {
      return inTransaction(db, async (trx) => {
        const current = await lookup.mustGet(id, trx);
        const values: Updateable<ConnectionsTable> = {};
        if (changes.name !== undefined && changes.name !== current.name) {
          await assertFree(trx, { name: changes.name, exceptId: id });
          values.name = changes.name;
          values.name_folded = foldName(changes.name);
        }
        if (changes.baseUrl !== undefined) values.base_url = changes.baseUrl;
        if (changes.proxyUrl !== undefined) values.proxy_url = changes.proxyUrl;
        if (changes.settings !== undefined) Object.assign(values, settingsColumns({ ...current.settings, ...changes.settings }));
        return lookup.setColumns(id, values, trx);
      });
    },

    replaceCredential(id, credential, sealedSecret, org) {
      return lookup.setColumns(id, {
        ...credentialColumns(credential),
        sealed_secret: sealedSecret,
        org_id: org?.orgId ?? null,
        pipeline: org?.pipeline ?? null,
        org_verified_at: writeNullableDate(org?.verifiedAt),
      });
    },

    recordOrg(id, org) {
      return lookup.setColumns(id, { org_id: org.orgId, pipeline: org.pipeline, org_verified_at: writeNullableDate(org.verifiedAt) });
    },

    ...state,
    // Read and reseal as every sealed-secret table; the list names what the secret is bound to as this table's record does.
    ...sealed,
    async listSealedSecrets() {
      return (await sealed.listSealedSecrets()).map(({ boundTo, ...row }) => ({ ...row, domain: boundTo }));
    },

    async listDue(now, limit = 100) {
      const rows = await db
        .selectFrom('connections')
        .select(PUBLIC_COLUMNS)
        .where('auto_sync', '=', writeBoolean(true))
        .where('health_state', '!=', 'paused')
        .where((eb) => eb.or([eb('next_run_at', 'is', null), eb('next_run_at', '<=', writeDate(now))]))
        .orderBy('next_run_at')
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(toRecord);
    },
  };
}

function gone(id: string): StoreError {
  return new StoreError('STORE_INVALID_STATE', `Connection ${id} does not exist (it may have been removed).`);
}

/** Checks the name and domain before writing, so the usual case gets a message naming the existing connection. */
async function assertFree(trx: StoreDb, wanted: { name?: string; domain?: string; exceptId?: string }): Promise<void> {
  if (wanted.name !== undefined) {
    const row = await trx.selectFrom('connections').select(['id', 'name']).where('name_folded', '=', foldName(wanted.name)).executeTakeFirst();
    if (row !== undefined && row.id !== wanted.exceptId) {
      throw new StoreError('STORE_CONFLICT', `A connection named "${row.name}" already exists: choose another name, or update that one.`);
    }
  }
  if (wanted.domain !== undefined) {
    const row = await trx.selectFrom('connections').select(['id', 'name']).where('domain', '=', wanted.domain).executeTakeFirst();
    if (row !== undefined && row.id !== wanted.exceptId) {
      throw new StoreError(
        'STORE_CONFLICT',
        `The connection "${row.name}" already reads ${wanted.domain}: one connection per Okta org keeps its snapshots and evidence chain whole. Update "${row.name}" instead.`,
      );
    }
  }
}

/** A concurrent create that won the race is caught by the unique indexes; say which, as `assertFree` would. */
async function insertOrConflict(trx: StoreDb, row: Insertable<ConnectionsTable>, input: NewConnection): Promise<void> {
  try {
    await trx.insertInto('connections').values(row).execute();
  } catch (error) {
    if (/unique|duplicate/i.test(error instanceof Error ? error.message : '')) {
      throw new StoreError('STORE_CONFLICT', `A connection named "${input.name}" or to ${input.domain} already exists.`, { cause: error });
    }
    throw error;
  }
}

function credentialColumns(credential: CredentialInfo): Pick<ConnectionsTable, 'credential_kind' | 'client_id' | 'key_id' | 'dpop_mode'> {
  return credential.kind === 'ssws'
    ? { credential_kind: 'ssws', client_id: null, key_id: null, dpop_mode: null }
    : { credential_kind: 'oauth', client_id: credential.clientId, key_id: credential.keyId, dpop_mode: credential.dpop };
}

function settingsColumns(settings: ConnectionSettings) {
  return {
    auto_sync: writeBoolean(settings.autoSync),
    sync_interval_s: settings.syncIntervalS,
    log_window_days: settings.logWindowDays,
    budget_s: settings.budgetS,
    event_types: settings.eventTypes === null ? null : writeJson(settings.eventTypes),
    evidence_retention: settings.evidenceRetention,
  };
}

function readCredential(row: PublicRow): CredentialInfo {
  if (row.credential_kind === 'ssws') return { kind: 'ssws' };
  if (row.credential_kind === 'oauth' && row.client_id !== null) {
    const dpop = DPOP_MODES.find((m) => m === row.dpop_mode) ?? ('auto' satisfies DpopSetting);
    return { kind: 'oauth', clientId: row.client_id, keyId: row.key_id, dpop };
  }
  throw new StoreError('STORE_QUERY_FAILED', `Connection ${row.id} has an unknown credential kind ${JSON.stringify(row.credential_kind)}.`);
}

function readEventTypes(value: unknown): string[] | null {
  const parsed = readNullableJson(value, 'connections.event_types');
  return Array.isArray(parsed) ? parsed.filter((t): t is string => typeof t === 'string') : null;
}

function toRecord(row: PublicRow): ConnectionRecord {
  return {
    id: row.id,
    name: row.name,
    domain: row.domain,
    baseUrl: row.base_url,
    proxyUrl: row.proxy_url,
    credential: readCredential(row),
    settings: {
      autoSync: readBoolean(row.auto_sync, 'connections.auto_sync'),
      syncIntervalS: readNumber(row.sync_interval_s, 'connections.sync_interval_s'),
      logWindowDays: readNumber(row.log_window_days, 'connections.log_window_days'),
      budgetS: readNumber(row.budget_s, 'connections.budget_s'),
      eventTypes: readEventTypes(row.event_types),
      evidenceRetention: readNumber(row.evidence_retention, 'connections.evidence_retention'),
    },
    org: { orgId: row.org_id, pipeline: row.pipeline, verifiedAt: readNullableDate(row.org_verified_at, 'connections.org_verified_at') },
    health: {
      state: HEALTH_STATES.find((s) => s === row.health_state) ?? ('unhealthy' satisfies HealthState),
      reason: row.health_reason,
      consecutiveFailures: readNumber(row.consecutive_failures, 'connections.consecutive_failures'),
      pausedReason: row.paused_reason,
    },
    schedule: {
      nextRunAt: readNullableDate(row.next_run_at, 'connections.next_run_at'),
      lastSyncId: row.last_sync_id,
      lastSyncAt: readNullableDate(row.last_sync_at, 'connections.last_sync_at'),
    },
    createdAt: readDate(row.created_at, 'connections.created_at'),
    updatedAt: readDate(row.updated_at, 'connections.updated_at'),
  };
}
