import { randomBytes } from 'node:crypto';

/** Okta's org authorization server issues service-app tokens for exactly one hour; it can't be changed. */
export const ACCESS_TOKEN_LIFETIME_S = 3600;
/** How long an expired token is remembered, so a late call is told "expired" rather than "invalid". */
const EXPIRED_MEMORY_MS = 24 * 60 * 60 * 1000;

export interface AccessTokenRecord {
  /** Non-secret id of this token, e.g. for per-credential counters. Never the token itself. */
  id: string;
  clientId: string;
  scopes: string[];
  /** SHA-256 JWK thumbprint the token is bound to (`cnf.jkt`), or null for a Bearer token. */
  jkt: string | null;
  expiresAtMs: number;
}

export type AccessTokenLookup =
  | { status: 'valid'; record: AccessTokenRecord }
  | { status: 'expired'; record: AccessTokenRecord }
  | { status: 'unknown' };

/**
 * Access tokens issued by the simulated org authorization server. Tokens are opaque random strings (real ones are
 * JWTs, but a client must treat them as opaque), held only in memory for the lifetime of one simulator.
 */
export class AccessTokenStore {
  private readonly byToken = new Map<string, AccessTokenRecord>();
  private nextSweepAt = 0;

  issue(grant: { clientId: string; scopes: string[]; jkt: string | null }, nowMs: number): { accessToken: string; record: AccessTokenRecord } {
    this.sweep(nowMs);
    const accessToken = randomBytes(32).toString('base64url');
    const record: AccessTokenRecord = {
      id: 'AT.' + randomBytes(12).toString('base64url'),
      clientId: grant.clientId,
      scopes: [...grant.scopes],
      jkt: grant.jkt,
      expiresAtMs: nowMs + ACCESS_TOKEN_LIFETIME_S * 1000,
    };
    this.byToken.set(accessToken, record);
    return { accessToken, record };
  }

  lookup(accessToken: string, nowMs: number): AccessTokenLookup {
    const record = this.byToken.get(accessToken);
    if (record === undefined) return { status: 'unknown' };
    return nowMs < record.expiresAtMs ? { status: 'valid', record } : { status: 'expired', record };
  }

  private sweep(nowMs: number): void {
    if (nowMs < this.nextSweepAt) return;
    for (const [token, record] of this.byToken) {
      if (nowMs - record.expiresAtMs > EXPIRED_MEMORY_MS) this.byToken.delete(token);
    }
    this.nextSweepAt = nowMs + 60_000;
  }
}
