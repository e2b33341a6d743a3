import type { Insertable, Selectable } from 'kysely';
import { StoreError } from '../errors.js';
import type { ApiTokensTable, ServerSessionsTable, ServerUsersTable, StoreDb } from '../schema.js';
import type { ServerAccountRepository } from '../store.js';
import type { ApiTokenRecord, ServerRole, ServerUserRecord, SessionRecord, TokenAccess } from '../server-types.js';
import type { RepositoryContext } from './context.js';
import { preparedQuery } from './prepared-query.js';
import { readDate, readJson, readNullableDate, readNumber, writeDate, writeJson, writeNullableDate } from './row-values.js';

/** Server users, their sessions and API tokens, and the one-time setup links (migration 0008). */
export function createServerAccountRepository(ctx: RepositoryContext): ServerAccountRepository {
  const { db } = ctx;
  // Every authenticated request makes one of these two reads.
  const sessionWithUser = preparedQuery((handle: StoreDb, idHash: string) =>
    handle.selectFrom('server_sessions').innerJoin('server_users as owner', 'owner.id', 'server_sessions.user_id').selectAll('server_sessions').select(OWNER_COLUMNS).where('id_hash', '=', idHash),
  );
  const tokenWithOwner = preparedQuery((handle: StoreDb, tokenHash: string) =>
    handle.selectFrom('api_tokens').innerJoin('server_users as owner', 'owner.id', 'api_tokens.user_id').selectAll('api_tokens').select(OWNER_COLUMNS).where('token_hash', '=', tokenHash),
  );
  return {
    async countUsers() {
      const row = await db.selectFrom('server_users').select((eb) => eb.fn.countAll().as('count')).executeTakeFirst();
      return readNumber(row?.count ?? 0, 'count');
    },

    async createUser(input) {
      const id = ctx.newId(input.createdAt);
      const user: ServerUserRecord = { ...input, id, email: input.email.toLowerCase(), failedLogins: 0, lockedUntil: null, disabledAt: null };
      const existing = await db.selectFrom('server_users').select('id').where('email', '=', user.email).executeTakeFirst();
      if (existing !== undefined) throw new StoreError('STORE_INVALID_INPUT', `A server user with the email ${user.email} already exists.`);
      await db.insertInto('server_users').values(userRow(user)).execute();
      return user;
    },

    async getUser(id) {
      const row = await db.selectFrom('server_users').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : toUser(row);
    },

    async findUserByEmail(email) {
      const row = await db.selectFrom('server_users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
      return row === undefined ? undefined : toUser(row);
    },

    async listUsers() {
      const rows = await db.selectFrom('server_users').selectAll().orderBy('email').execute();
      return rows.map(toUser);
    },

    async updateUser(id, changes) {
      const current = await this.getUser(id);
      if (current === undefined) throw new StoreError('STORE_INVALID_INPUT', `Server user ${id} does not exist.`);
      const updated: ServerUserRecord = { ...current, ...changes, id };
      const { id: _id, ...values } = userRow(updated);
      await db.updateTable('server_users').set(values).where('id', '=', id).execute();
      return updated;
    },

    async deleteUser(id) {
      await db.deleteFrom('server_sessions').where('user_id', '=', id).execute();
      await db.deleteFrom('api_tokens').where('user_id', '=', id).execute();
      await db.deleteFrom('server_users').where('id', '=', id).execute();
    },

    async createSession(session) {
      await db
        .insertInto('server_sessions')
        .values({
          id_hash: session.idHash,
          user_id: session.userId,
          created_at: writeDate(session.createdAt),
          last_seen_at: writeDate(session.lastSeenAt),
          expires_at: writeDate(session.expiresAt),
        })
        .execute();
    },

    async findSessionWithUser(idHash) {
      const [row] = await sessionWithUser(db, idHash);
      return row === undefined ? undefined : { session: toSession(row), user: toOwner(row) };
    },

    async touchSession(idHash, lastSeenAt) {
      await db.updateTable('server_sessions').set({ last_seen_at: writeDate(lastSeenAt) }).where('id_hash', '=', idHash).execute();
    },

    async deleteSession(idHash) {
      await db.deleteFrom('server_sessions').where('id_hash', '=', idHash).execute();
    },

    async deleteUserSessions(userId) {
      await db.deleteFrom('server_sessions').where('user_id', '=', userId).execute();
    },

    async createToken(input) {
      const id = ctx.newId(input.createdAt);
      const token: ApiTokenRecord = { ...input, id, lastUsedAt: null, revokedAt: null };
      await db
        .insertInto('api_tokens')
        .values({
          id,
          user_id: token.userId,
          name: token.name,
          token_hash: token.tokenHash,
          access: token.access,
          created_at: writeDate(token.createdAt),
          expires_at: writeDate(token.expiresAt),
          last_used_at: null,
          revoked_at: null,
        })
        .execute();
      return token;
    },

    async findTokenWithOwner(tokenHash) {
      const [row] = await tokenWithOwner(db, tokenHash);
      return row === undefined ? undefined : { token: toToken(row), user: toOwner(row) };
    },

    async listTokens(userId) {
      let query = db.selectFrom('api_tokens').selectAll();
      if (userId !== undefined) query = query.where('user_id', '=', userId);
      const rows = await query.orderBy('id').execute();
      return rows.map(toToken);
    },

    async revokeToken(id, at) {
      const result = await db
        .updateTable('api_tokens')
        .set({ revoked_at: writeDate(at) })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async touchToken(id, at) {
      await db.updateTable('api_tokens').set({ last_used_at: writeDate(at) }).where('id', '=', id).execute();
    },

    async createSetupToken(tokenHash, createdAt, expiresAt) {
      await db
        .insertInto('setup_tokens')
        .values({ token_hash: tokenHash, created_at: writeDate(createdAt), expires_at: writeDate(expiresAt), used_at: null })
        .execute();
    },

    async consumeSetupToken(tokenHash, now) {
      // One conditional update: two requests racing with the same link cannot both create an admin.
      const result = await db
        .updateTable('setup_tokens')
        .set({ used_at: writeDate(now) })
        .where('token_hash', '=', tokenHash)
        .where('used_at', 'is', null)
        .where('expires_at', '>', writeDate(now))
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
  };
}

function userRow(user: ServerUserRecord): Insertable<ServerUsersTable> & { id: string } {
  return {
    id: user.id,
    email: user.email,
    display_name: user.displayName,
    role: user.role,
    password_hash: user.passwordHash,
    created_at: writeDate(user.createdAt),
    disabled_at: writeNullableDate(user.disabledAt),
    failed_logins: user.failedLogins,
    locked_until: writeNullableDate(user.lockedUntil),
    review_app_ids: writeJson(user.reviewAppIds),
  };
}

/**
 * The owner's columns beside a session's or token's, renamed apart (both tables have `id` and `created_at`): every
 * authenticated request reads its principal in one query, not two.
 */
const OWNER_COLUMNS = [
  'owner.id as owner_id',
  'owner.email as owner_email',
  'owner.display_name as owner_display_name',
  'owner.role as owner_role',
  'owner.password_hash as owner_password_hash',
  'owner.created_at as owner_created_at',
  'owner.disabled_at as owner_disabled_at',
  'owner.failed_logins as owner_failed_logins',
  'owner.locked_until as owner_locked_until',
  'owner.review_app_ids as owner_review_app_ids',
] as const;

type OwnerRow = { [K in keyof ServerUsersTable as `owner_${K}`]: Selectable<ServerUsersTable>[K] };

function toOwner(row: OwnerRow): ServerUserRecord {
  return toUser({
    id: row.owner_id,
    email: row.owner_email,
    display_name: row.owner_display_name,
    role: row.owner_role,
    password_hash: row.owner_password_hash,
    created_at: row.owner_created_at,
    disabled_at: row.owner_disabled_at,
    failed_logins: row.owner_failed_logins,
    locked_until: row.owner_locked_until,
    review_app_ids: row.owner_review_app_ids,
  });
}

function toUser(row: Selectable<ServerUsersTable>): ServerUserRecord {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role as ServerRole,
    passwordHash: row.password_hash,
    createdAt: readDate(row.created_at, 'server_users.created_at'),
    disabledAt: readNullableDate(row.disabled_at, 'server_users.disabled_at'),
    failedLogins: readNumber(row.failed_logins, 'server_users.failed_logins'),
    lockedUntil: readNullableDate(row.locked_until, 'server_users.locked_until'),
    reviewAppIds: readJson(row.review_app_ids, 'server_users.review_app_ids') as string[],
  };
}

function toSession(row: Selectable<ServerSessionsTable>): SessionRecord {
  return {
    idHash: row.id_hash,
    userId: row.user_id,
    createdAt: readDate(row.created_at, 'server_sessions.created_at'),
    lastSeenAt: readDate(row.last_seen_at, 'server_sessions.last_seen_at'),
    expiresAt: readDate(row.expires_at, 'server_sessions.expires_at'),
  };
}

function toToken(row: Selectable<ApiTokensTable>): ApiTokenRecord {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    tokenHash: row.token_hash,
    access: row.access as TokenAccess,
    createdAt: readDate(row.created_at, 'api_tokens.created_at'),
    expiresAt: readDate(row.expires_at, 'api_tokens.expires_at'),
    lastUsedAt: readNullableDate(row.last_used_at, 'api_tokens.last_used_at'),
    revokedAt: readNullableDate(row.revoked_at, 'api_tokens.revoked_at'),
  };
}
