/**
 * Records of the REST server's own accounts (migration 0008). No field holds a secret in clear: sessions, API tokens
 * and setup links are identified by the SHA-256 of a random value the client holds; passwords are scrypt hashes.
 */

export const SERVER_ROLES = ['admin', 'auditor', 'reviewer'] as const;
export type ServerRole = (typeof SERVER_ROLES)[number];

export const TOKEN_ACCESS = ['read', 'read-write'] as const;
export type TokenAccess = (typeof TOKEN_ACCESS)[number];

export interface ServerUserRecord {
  id: string;
  /** Lower-cased; unique. */
  email: string;
  displayName: string | null;
  role: ServerRole;
  /** `scrypt$N$r$p$salt$hash` (base64url parts). */
  passwordHash: string;
  createdAt: Date;
  disabledAt: Date | null;
  /** Failed sign-ins since the last success; reaching the limit locks the account until `lockedUntil`. */
  failedLogins: number;
  lockedUntil: Date | null;
  /** For a reviewer: the apps whose access they review. */
  reviewAppIds: string[];
}

export interface SessionRecord {
  idHash: string;
  userId: string;
  createdAt: Date;
  lastSeenAt: Date;
  /** Absolute end, whatever the activity. */
  expiresAt: Date;
}

export interface ApiTokenRecord {
  id: string;
  userId: string;
  name: string;
  tokenHash: string;
  access: TokenAccess;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** One page of a keyset-paginated list: `nextKey` is the key to pass as `after` for the following page. */
export interface KeysetPage<T> {
  items: T[];
  nextKey: string[] | null;
}
