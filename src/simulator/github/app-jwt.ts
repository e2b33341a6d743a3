import { compactVerify, decodeJwt, decodeProtectedHeader, importSPKI, type CryptoKey, type KeyObject } from 'jose';
import type { GhApp } from './model.js';

/** The longest a JWT may live from the server's now (D-JWT: "no more than 10 minutes into the future"). */
export const MAX_JWT_LIFETIME_SECONDS = 600;

/**
 * GitHub's 401 messages for App JWTs, verbatim as clients match them: @octokit/auth-app re-signs with the server's
 * `Date` offset when it sees one of the clock messages (auth-app hook.ts; octokit/auth-app.js#698, probot#1426).
 */
export const JWT_ERRORS = {
  undecodable: 'A JSON web token could not be decoded',
  iat: "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued",
  expPast: "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires",
  expFar: "'Expiration time' claim ('exp') is too far in the future",
  // UNCERTAIN: the message for a well-signed JWT whose `iss` names another app; GitHub answers "Integration not found".
  issuer: 'Integration not found',
} as const;

export type JwtCheck = { ok: true } | { ok: false; message: string };

export type AppKey = CryptoKey | KeyObject;

export function importAppKey(app: GhApp): Promise<AppKey> {
  return importSPKI(app.publicKeyPem, 'RS256');
}

/** Whether `token` looks like a JWT (three base64url parts) rather than an opaque token. */
export function looksLikeJwt(token: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token);
}

/**
 * Verifies an App JWT as GitHub does (D-JWT, CL-CID): RS256 signed by the app's key; `iss` = the app id (number or
 * numeric string) or its client id; `iat` not in the future; `exp` in the future and at most 10 minutes ahead.
 * Clock checks use the simulator's clock, so a client whose clock runs ahead meets the same errors as on GitHub.
 */
export async function verifyAppJwt(token: string, app: GhApp, key: AppKey, nowMs: number): Promise<JwtCheck> {
  let claims: ReturnType<typeof decodeJwt>;
  try {
    if (decodeProtectedHeader(token).alg !== 'RS256') return { ok: false, message: JWT_ERRORS.undecodable };
    await compactVerify(token, key);
    claims = decodeJwt(token);
  } catch {
    return { ok: false, message: JWT_ERRORS.undecodable };
  }
  const now = Math.floor(nowMs / 1000);
  const iss = claims.iss as unknown;
  if (iss !== app.id && iss !== String(app.id) && iss !== app.clientId) return { ok: false, message: JWT_ERRORS.issuer };
  if (typeof claims.iat !== 'number' || !Number.isInteger(claims.iat) || claims.iat > now) return { ok: false, message: JWT_ERRORS.iat };
  if (typeof claims.exp !== 'number' || claims.exp <= now) return { ok: false, message: JWT_ERRORS.expPast };
  if (claims.exp - now > MAX_JWT_LIFETIME_SECONDS) return { ok: false, message: JWT_ERRORS.expFar };
  return { ok: true };
}
