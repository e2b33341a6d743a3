import type { ApiTokenRecord, ServerRole, ServerUserRecord, Store, TokenAccess } from '../../store/index.js';
import { isStoreError } from '../../store/index.js';
import { recordAudit } from '../audit.js';
import { AccountError } from './errors.js';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.js';
import { newSecret, secretHash } from './secrets.js';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../config/runtime.js';


/** How sign-in, sessions and links behave; tests shrink the scrypt cost. */
export interface AccountPolicy {
  /** A session unused this long ends (default 30 minutes). */
  sessionIdleMs: number;
  /** A session ends this long after sign-in whatever the activity (default 12 hours). */
  sessionMaxMs: number;
  /** Consecutive failed sign-ins that lock an account (default 5)… */
  lockoutThreshold: number;
  /** …for this long (default 15 minutes). */
  lockoutMs: number;
  /** How long a first-admin setup link is valid (1 hour). */
  setupLinkMs: number;
  passwordCost?: { N: number; r: number; p: number };
}

export const DEFAULT_ACCOUNT_POLICY: AccountPolicy = {
  sessionIdleMs: 30 * MINUTE_MS,
  sessionMaxMs: 12 * HOUR_MS,
  lockoutThreshold: 5,
  lockoutMs: 15 * MINUTE_MS,
  setupLinkMs: HOUR_MS,
};

/** Who is calling: a signed-in server user, or an API token acting for its owner (limited to reads when read-only). */
export interface Principal {
  user: ServerUserRecord;
  via: { kind: 'session'; idHash: string } | { kind: 'token'; token: ApiTokenRecord };
  /** False for a read-only API token: it may call no operation that changes anything. */
  canWrite: boolean;
}

/** The name the audit log records for a principal: `api:<email>`, or `api:<email> (token <name>)`. */
export function actorName(principal: Principal): string {
  return principal.via.kind === 'token' ? `api:${principal.user.email} (token ${principal.via.token.name})` : `api:${principal.user.email}`;
}

export interface NewServerUser {
  email: string;
  password: string;
  role: ServerRole;
  displayName?: string | null;
  reviewAppIds?: string[];
}

/** Account operations shared by `serve` and the `users` command. */
export function createAccounts(store: Store, now: () => Date, policy: AccountPolicy = DEFAULT_ACCOUNT_POLICY) {
  const accounts = store.serverAccounts;
  // A hash to check a password against when the email is unknown, made on first need.
  let dummyHash: Promise<string> | undefined;

  async function audit(actor: string, action: string, target: string, details: Record<string, unknown>): Promise<void> {
    await recordAudit(store, { actor, action, details: { target, ...details } });
  }

  async function hash(password: string): Promise<string> {
    const problem = passwordProblem(password);
    if (problem !== undefined) throw new AccountError('ACCOUNT_WEAK_PASSWORD', problem);
    return hashPassword(password, policy.passwordCost);
  }

  async function createUser(input: NewServerUser, actor: string): Promise<ServerUserRecord> {
    const passwordHash = await hash(input.password);
    try {
      const user = await accounts.createUser({
        email: input.email.trim(),
        displayName: input.displayName ?? null,
        role: input.role,
        passwordHash,
        createdAt: now(),
        reviewAppIds: input.role === 'reviewer' ? (input.reviewAppIds ?? []) : [],
      });
      await audit(actor, 'server-user.create', user.email, { role: user.role });
      return user;
    } catch (error) {
      if (isStoreError(error, 'STORE_INVALID_INPUT')) throw new AccountError('ACCOUNT_EXISTS', `A server user with the email ${input.email.trim().toLowerCase()} already exists.`);
      throw error;
    }
  }

  async function activeAdminCount(): Promise<number> {
    return (await accounts.listUsers()).filter((user) => user.role === 'admin' && user.disabledAt === null).length;
  }

  return {
    countUsers: () => accounts.countUsers(),

    /** A one-time link token for creating the first admin; only while the installation has no user. */
    async createSetupToken(): Promise<{ token: string; expiresAt: Date } | undefined> {
      if ((await accounts.countUsers()) > 0) return undefined;
      const token = newSecret('setup');
      const createdAt = now();
      const expiresAt = new Date(createdAt.getTime() + policy.setupLinkMs);
      await accounts.createSetupToken(secretHash(token), createdAt, expiresAt);
      return { token, expiresAt };
    },

    /** Creates the first admin with a setup link; refused once any user exists or the link is used or expired. */
    async completeSetup(token: string, input: Omit<NewServerUser, 'role'>): Promise<ServerUserRecord> {
      const invalid = new AccountError('ACCOUNT_SETUP_INVALID', 'This setup link is invalid, used or expired: run `okta-evidence users create --role admin` or restart `serve` for a new one.');
      if ((await accounts.countUsers()) > 0) throw invalid;
      // Checked before the link is spent, so a weak password does not burn it.
      const problem = passwordProblem(input.password);
      if (problem !== undefined) throw new AccountError('ACCOUNT_WEAK_PASSWORD', problem);
      if (!(await accounts.consumeSetupToken(secretHash(token), now()))) throw invalid;
      return createUser({ ...input, role: 'admin' }, 'api:setup-link');
    },

    createUser,

    listUsers: () => accounts.listUsers(),

    async updateUser(id: string, changes: { role?: ServerRole; disabled?: boolean; password?: string; reviewAppIds?: string[]; displayName?: string | null }, actor: string): Promise<ServerUserRecord> {
      const user = await accounts.getUser(id);
      if (user === undefined) throw new AccountError('ACCOUNT_NOT_FOUND', `No server user with id ${id}.`);
      const losesAdmin = user.role === 'admin' && user.disabledAt === null && ((changes.role !== undefined && changes.role !== 'admin') || changes.disabled === true);
      if (losesAdmin && (await activeAdminCount()) <= 1) throw new AccountError('ACCOUNT_LAST_ADMIN', 'This is the only active admin: make another user admin first.');
      const role = changes.role ?? user.role;
      const updated = await accounts.updateUser(id, {
        role,
        ...(changes.disabled === undefined ? {} : { disabledAt: changes.disabled ? now() : null }),
        ...(changes.password === undefined ? {} : { passwordHash: await hash(changes.password), failedLogins: 0, lockedUntil: null }),
        ...(changes.displayName === undefined ? {} : { displayName: changes.displayName }),
        reviewAppIds: role === 'reviewer' ? (changes.reviewAppIds ?? user.reviewAppIds) : [],
      });
      // A changed role, password or a disabled account ends the user's sessions at once.
      if (changes.role !== undefined || changes.disabled === true || changes.password !== undefined) await accounts.deleteUserSessions(id);
      const changed = Object.keys(changes).filter((key) => key !== 'password');
      await audit(actor, 'server-user.update', user.email, { changed: changes.password === undefined ? changed : [...changed, 'password'], role: updated.role, disabled: updated.disabledAt !== null });
      return updated;
    },

    async deleteUser(id: string, actor: string): Promise<void> {
      const user = await accounts.getUser(id);
      if (user === undefined) throw new AccountError('ACCOUNT_NOT_FOUND', `No server user with id ${id}.`);
      if (user.role === 'admin' && user.disabledAt === null && (await activeAdminCount()) <= 1) {
        throw new AccountError('ACCOUNT_LAST_ADMIN', 'This is the only active admin: make another user admin first.');
      }
      await accounts.deleteUser(id);
      await audit(actor, 'server-user.delete', user.email, {});
    },

    /**
     * Signs in: returns a new session secret for the cookie. Unknown email and wrong password fail alike (and take
     * as long: a dummy hash is checked), so the answer does not reveal which addresses have accounts.
     */
    async signIn(email: string, password: string): Promise<{ sessionSecret: string; user: ServerUserRecord }> {
      const at = now();
      const user = await accounts.findUserByEmail(email.trim());
      const invalid = new AccountError('ACCOUNT_INVALID_CREDENTIALS', 'Wrong email or password.');
      if (user === undefined) {
        await verifyPassword(password, await (dummyHash ??= hashPassword('not-a-real-password-0000', policy.passwordCost)));
        throw invalid;
      }
      if (user.lockedUntil !== null && user.lockedUntil > at) {
        throw new AccountError('ACCOUNT_LOCKED', `Too many failed sign-ins: this account is locked until ${user.lockedUntil.toISOString()}. Try again later, or ask an admin to reset the password.`);
      }
      if (!(await verifyPassword(password, user.passwordHash)) || user.disabledAt !== null) {
        const failedLogins = user.failedLogins + 1;
        const locks = failedLogins >= policy.lockoutThreshold;
        await accounts.updateUser(user.id, { failedLogins: locks ? 0 : failedLogins, lockedUntil: locks ? new Date(at.getTime() + policy.lockoutMs) : user.lockedUntil });
        if (locks) await audit('api:sign-in', 'server-user.lock', user.email, { minutes: policy.lockoutMs / MINUTE_MS });
        throw invalid;
      }
      if (user.failedLogins > 0 || user.lockedUntil !== null) await accounts.updateUser(user.id, { failedLogins: 0, lockedUntil: null });
      const sessionSecret = newSecret('session');
      await accounts.createSession({ idHash: secretHash(sessionSecret), userId: user.id, createdAt: at, lastSeenAt: at, expiresAt: new Date(at.getTime() + policy.sessionMaxMs) });
      return { sessionSecret, user };
    },

    async signOut(sessionSecret: string): Promise<void> {
      await accounts.deleteSession(secretHash(sessionSecret));
    },

    /** The principal behind a session cookie, or undefined when the session is unknown, idle too long or over. */
    async sessionPrincipal(sessionSecret: string): Promise<Principal | undefined> {
      const idHash = secretHash(sessionSecret);
      const found = await accounts.findSessionWithUser(idHash);
      if (found === undefined) return undefined;
      const { session, user } = found;
      const at = now();
      if (at >= session.expiresAt || at.getTime() - session.lastSeenAt.getTime() >= policy.sessionIdleMs) {
        await accounts.deleteSession(idHash);
        return undefined;
      }
      if (user.disabledAt !== null) return undefined;
      // One write a minute at most per session, not one per request.
      if (at.getTime() - session.lastSeenAt.getTime() >= MINUTE_MS) await accounts.touchSession(idHash, at);
      return { user, via: { kind: 'session', idHash }, canWrite: true };
    },

    /** The principal behind an `Authorization: Bearer` API token, or undefined (unknown, revoked, expired, owner disabled). */
    async tokenPrincipal(secret: string): Promise<Principal | undefined> {
      const found = await accounts.findTokenWithOwner(secretHash(secret));
      if (found === undefined) return undefined;
      const { token, user } = found;
      const at = now();
      if (token.revokedAt !== null || at >= token.expiresAt || user.disabledAt !== null) return undefined;
      if (token.lastUsedAt === null || at.getTime() - token.lastUsedAt.getTime() >= MINUTE_MS) await accounts.touchToken(token.id, at);
      return { user, via: { kind: 'token', token }, canWrite: token.access === 'read-write' };
    },

    /** Creates an API token for `owner`; the secret is returned once and only its hash is kept. */
    async createToken(owner: ServerUserRecord, input: { name: string; access: TokenAccess; expiresInDays: number }, actor: string): Promise<{ secret: string; token: ApiTokenRecord }> {
      const secret = newSecret('apiToken');
      const createdAt = now();
      const token = await accounts.createToken({
        userId: owner.id,
        name: input.name,
        tokenHash: secretHash(secret),
        access: input.access,
        createdAt,
        expiresAt: new Date(createdAt.getTime() + input.expiresInDays * DAY_MS),
      });
      await audit(actor, 'api-token.create', input.name, { access: input.access, owner: owner.email, expiresAt: token.expiresAt.toISOString() });
      return { secret, token };
    },

    listTokens: (userId?: string) => accounts.listTokens(userId),

    async revokeToken(id: string, actor: string, ownerId?: string): Promise<void> {
      const token = (await accounts.listTokens(ownerId)).find((candidate) => candidate.id === id);
      if (token === undefined || !(await accounts.revokeToken(id, now()))) throw new AccountError('ACCOUNT_NOT_FOUND', `No active API token with id ${id}.`);
      await audit(actor, 'api-token.revoke', token.name, {});
    },
  };
}

export type Accounts = ReturnType<typeof createAccounts>;
