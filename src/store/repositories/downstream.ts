import type { Insertable, Selectable } from 'kysely';
import type { DownstreamRepository, DownstreamSnapshotSummary } from '../downstream-store-types.js';
import {
  ACCOUNT_KINDS,
  DOWNSTREAM_KINDS,
  OWN_MFA_STATES,
  type DownstreamAccount,
  type DownstreamCompleteness,
  type DownstreamFact,
  type DownstreamService,
  type DownstreamSnapshot,
} from '../downstream-types.js';
import { StoreError } from '../errors.js';
import type { DownstreamCredentialsTable, DownstreamServicesTable, DownstreamSnapshotsTable, StoreDb } from '../schema.js';
import { inTransaction, type RepositoryContext } from './context.js';
import { foldName } from './connection-lookup.js';
import { inBatches, rowsPerStatement } from './paging.js';
import { readBoolean, readJson, readNumber, writeBoolean, writeDate, writeJson, writeText } from './row-values.js';

/*
 * Downstream services and their snapshots (migration 0011). A snapshot is written whole in one transaction and
 * becomes the service's current one there; the one before is flagged superseded and kept unchanged, so each service
 * keeps its own history and a read that fails half-way never replaces the last good one.
 */

const ACCOUNT_COLUMNS = 7;
const CREDENTIAL_COLUMNS = 8;

export function createDownstreamRepository(ctx: RepositoryContext): DownstreamRepository {
  const { db } = ctx;

  async function serviceRow(trx: StoreDb, id: string): Promise<DownstreamService | undefined> {
    const row = await trx.selectFrom('downstream_services').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : toService(row);
  }

  async function assembleSnapshot(row: Selectable<DownstreamSnapshotsTable>): Promise<DownstreamSnapshot & { snapshotId: string }> {
    const service = await serviceRow(db, row.service_id);
    if (service === undefined) throw new StoreError('STORE_INVALID_STATE', `Downstream service ${row.service_id} does not exist.`);
    const accounts = await db.selectFrom('downstream_accounts').selectAll().where('snapshot_id', '=', row.id).orderBy('account_id').execute();
    const credentials = await db.selectFrom('downstream_credentials').selectAll().where('snapshot_id', '=', row.id).orderBy('position').execute();
    return {
      snapshotId: row.id,
      service,
      readAt: row.read_at,
      accounts: accounts.map(
        (a): DownstreamAccount => ({
          accountId: a.account_id,
          login: a.login,
          email: a.email,
          kind: ACCOUNT_KINDS.find((k) => k === a.kind) ?? 'account',
          ownMfa: OWN_MFA_STATES.find((s) => s === a.own_mfa) ?? 'unknown',
          samlNameId: a.saml_name_id,
        }),
      ),
      credentials: credentials.map((c) => ({
        login: c.login,
        credentialId: c.credential_id,
        credentialType: c.credential_type,
        authorizedAt: c.authorized_at,
        lastAccessedAt: c.last_accessed_at,
        expiresAt: c.expires_at,
      })),
      requiresOwnMfa: readNullableBoolean(row.requires_own_mfa, 'downstream_snapshots.requires_own_mfa'),
      samlConfigured: readNullableBoolean(row.saml_configured, 'downstream_snapshots.saml_configured'),
      ssoEnforced: readJson(row.sso_enforced, 'downstream_snapshots.sso_enforced') as DownstreamFact<boolean>,
      completeness: readJson(row.completeness, 'downstream_snapshots.completeness') as DownstreamCompleteness,
    };
  }

  return {
    async upsertService(input) {
      const now = writeDate(ctx.now());
      return inTransaction(db, async (trx) => {
        const existing =
          input.id !== undefined
            ? await trx.selectFrom('downstream_services').select(['id']).where('id', '=', input.id).executeTakeFirst()
            : await trx.selectFrom('downstream_services').select(['id']).where('name_folded', '=', foldName(input.name)).executeTakeFirst();
        if (input.id !== undefined && existing === undefined) {
          throw new StoreError('STORE_INVALID_STATE', `Downstream service ${input.id} does not exist (it may have been removed).`);
        }
        const taken = await trx.selectFrom('downstream_services').select(['id', 'name']).where('name_folded', '=', foldName(input.name)).executeTakeFirst();
        if (taken !== undefined && taken.id !== existing?.id) {
          throw new StoreError('STORE_CONFLICT', `A downstream service named "${taken.name}" already exists: choose another name, or update that one.`);
        }
        const values = { kind: input.kind, name: writeText(input.name), name_folded: foldName(input.name), okta_org: input.oktaOrg, okta_app_id: input.oktaAppId, updated_at: now };
        const id = existing?.id ?? ctx.newId(ctx.now());
        if (existing === undefined) await trx.insertInto('downstream_services').values({ id, ...values, created_at: now }).execute();
        else await trx.updateTable('downstream_services').set(values).where('id', '=', id).execute();
        const saved = await serviceRow(trx, id);
        if (saved === undefined) throw new StoreError('STORE_INVALID_STATE', `Downstream service ${id} vanished while it was saved.`);
        return saved;
      });
    },

    getService: (id) => serviceRow(db, id),

    async findServiceByName(name) {
      const row = await db.selectFrom('downstream_services').selectAll().where('name_folded', '=', foldName(name)).executeTakeFirst();
      return row === undefined ? undefined : toService(row);
    },

    async listServices() {
      const rows = await db.selectFrom('downstream_services').selectAll().orderBy('name_folded').execute();
      return rows.map(toService);
    },

    async removeService(id) {
      return inTransaction(db, async (trx) => {
        const snapshots = trx.selectFrom('downstream_snapshots').select('id').where('service_id', '=', id);
        await trx.deleteFrom('downstream_accounts').where('snapshot_id', 'in', snapshots).execute();
        await trx.deleteFrom('downstream_credentials').where('snapshot_id', 'in', snapshots).execute();
        await trx.deleteFrom('downstream_snapshots').where('service_id', '=', id).execute();
        const result = await trx.deleteFrom('downstream_services').where('id', '=', id).executeTakeFirst();
        return Number(result.numDeletedRows) > 0;
      });
    },

    async saveSnapshot(snapshot) {
      assertUniqueAccounts(snapshot);
      const serviceId = snapshot.service.id;
      return inTransaction(db, async (trx) => {
        if ((await serviceRow(trx, serviceId)) === undefined) {
          throw new StoreError('STORE_INVALID_STATE', `Downstream service ${serviceId} does not exist: create it (upsertService) before storing a read of it.`);
        }
        const snapshotId = ctx.newId(ctx.now());
        await trx.updateTable('downstream_snapshots').set({ is_current: writeBoolean(false) }).where('service_id', '=', serviceId).execute();
        await trx
          .insertInto('downstream_snapshots')
          .values({
            id: snapshotId,
            service_id: serviceId,
            read_at: snapshot.readAt,
            stored_at: writeDate(ctx.now()),
            is_current: writeBoolean(true),
            requires_own_mfa: snapshot.requiresOwnMfa === null ? null : writeBoolean(snapshot.requiresOwnMfa),
            saml_configured: snapshot.samlConfigured === null ? null : writeBoolean(snapshot.samlConfigured),
            sso_enforced: writeJson(snapshot.ssoEnforced),
            completeness: writeJson(snapshot.completeness),
            account_count: snapshot.accounts.length,
            credential_count: snapshot.credentials.length,
          })
          .execute();
        for await (const batch of inBatches(snapshot.accounts, rowsPerStatement(ctx.profile, ACCOUNT_COLUMNS))) {
          await trx
            .insertInto('downstream_accounts')
            .values(
              batch.map((a) => ({
                snapshot_id: snapshotId,
                account_id: writeText(a.accountId),
                login: writeText(a.login),
                email: writeText(a.email),
                kind: a.kind,
                own_mfa: a.ownMfa,
                saml_name_id: writeText(a.samlNameId),
              })),
            )
            .execute();
        }
        const credentialRows: Insertable<DownstreamCredentialsTable>[] = snapshot.credentials.map((c, position) => ({
          snapshot_id: snapshotId,
          position,
          login: writeText(c.login),
          credential_id: writeText(c.credentialId),
          credential_type: writeText(c.credentialType),
          authorized_at: c.authorizedAt,
          last_accessed_at: c.lastAccessedAt,
          expires_at: c.expiresAt,
        }));
        for await (const batch of inBatches(credentialRows, rowsPerStatement(ctx.profile, CREDENTIAL_COLUMNS))) {
          await trx.insertInto('downstream_credentials').values(batch).execute();
        }
        return { snapshotId };
      });
    },

    async currentSnapshot(serviceId) {
      const row = await db
        .selectFrom('downstream_snapshots')
        .selectAll()
        .where('service_id', '=', serviceId)
        .where('is_current', '=', writeBoolean(true))
        .executeTakeFirst();
      return row === undefined ? undefined : assembleSnapshot(row);
    },

    async getSnapshot(snapshotId) {
      const row = await db.selectFrom('downstream_snapshots').selectAll().where('id', '=', snapshotId).executeTakeFirst();
      return row === undefined ? undefined : assembleSnapshot(row);
    },

    async listSnapshots(serviceId, options) {
      const rows = await db
        .selectFrom('downstream_snapshots')
        .selectAll()
        .where('service_id', '=', serviceId)
        .orderBy('id', 'desc')
        .limit(options?.limit ?? 100)
        .execute();
      return rows.map(toSummary);
    },

    async pruneSnapshots(serviceId, keep) {
      const rows = await db.selectFrom('downstream_snapshots').select(['id', 'is_current']).where('service_id', '=', serviceId).orderBy('id', 'desc').execute();
      const doomed = rows
        .filter((row) => !readBoolean(row.is_current, 'downstream_snapshots.is_current'))
        .slice(Math.max(0, keep - 1))
        .map((row) => row.id);
      if (doomed.length === 0) return [];
      await inTransaction(db, async (trx) => {
        await trx.deleteFrom('downstream_accounts').where('snapshot_id', 'in', doomed).execute();
        await trx.deleteFrom('downstream_credentials').where('snapshot_id', 'in', doomed).execute();
        await trx.deleteFrom('downstream_snapshots').where('id', 'in', doomed).execute();
      });
      return doomed;
    },
  };
}

/** An account listed twice would make one person two verdicts: refuse the whole read, naming the id. */
function assertUniqueAccounts(snapshot: DownstreamSnapshot): void {
  const seen = new Set<string>();
  for (const account of snapshot.accounts) {
    if (seen.has(account.accountId)) {
      throw new StoreError('STORE_INVALID_INPUT', `Account ${JSON.stringify(account.accountId)} (${account.login}) appears twice in the read of ${snapshot.service.name}; nothing was stored.`);
    }
    seen.add(account.accountId);
  }
}

function isComplete(completeness: DownstreamCompleteness): boolean {
  return completeness.accounts && completeness.ownMfa && completeness.samlIdentities && completeness.credentials;
}

function readNullableBoolean(value: unknown, column: string): boolean | null {
  return value === null || value === undefined ? null : readBoolean(value, column);
}

function toService(row: Selectable<DownstreamServicesTable>): DownstreamService {
  const kind = DOWNSTREAM_KINDS.find((k) => k === row.kind);
  if (kind === undefined) throw new StoreError('STORE_QUERY_FAILED', `Downstream service ${row.id} has an unknown kind ${JSON.stringify(row.kind)}.`);
  return { id: row.id, kind, name: row.name, oktaOrg: row.okta_org, oktaAppId: row.okta_app_id };
}

function toSummary(row: Selectable<DownstreamSnapshotsTable>): DownstreamSnapshotSummary {
  const completeness = readJson(row.completeness, 'downstream_snapshots.completeness') as DownstreamCompleteness;
  return {
    id: row.id,
    serviceId: row.service_id,
    readAt: row.read_at,
    current: readBoolean(row.is_current, 'downstream_snapshots.is_current'),
    accountCount: readNumber(row.account_count, 'downstream_snapshots.account_count'),
    credentialCount: readNumber(row.credential_count, 'downstream_snapshots.credential_count'),
    complete: isComplete(completeness),
  };
}
