import { createPublicKey } from 'node:crypto';
import { importJWK, type JWK } from 'jose';
import type { OAuthClientOption } from '../options.js';
import type { JsonWebKeyLike, SimOAuthClient } from '../org/types.js';
import { READ_SCOPES } from './scopes.js';

/** A configured OAuth client whose key the simulator cannot use. The message names the client and the fix. */
export class InvalidClientKeyError extends Error {
  readonly code = 'SIM_INVALID_CLIENT_KEY';

  constructor(
    readonly clientId: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`OAuth client "${clientId}": ${reason}`, options);
    this.name = 'InvalidClientKeyError';
  }
}

/** Okta rejects RSA keys shorter than 2048 bits (SPEC example ErrorJsonWebKeyKidLengthTooShort). */
const MIN_RSA_BITS = 2048;
const EC_ALGS: Record<string, string> = { 'P-256': 'ES256', 'P-384': 'ES384', 'P-521': 'ES512' };
/** Members of a public JWK worth keeping; private members (`d`, `p`, …) are dropped if a private key was pasted. */
const PUBLIC_MEMBERS = ['kty', 'kid', 'use', 'alg', 'n', 'e', 'crv', 'x', 'y'] as const;

/**
 * Turns the `oauthClients` options into registered service apps: each `publicKey` (PEM SPKI/PKCS#1 text, a JWK, or
 * a JWKS `{"keys": [...]}` as JSON text) becomes public JWKs; `scopes` defaults to all read scopes.
 * Throws InvalidClientKeyError naming the client when a key is unusable.
 */
export async function resolveOAuthClients(options: OAuthClientOption[]): Promise<SimOAuthClient[]> {
  const seen = new Set<string>();
  const clients: SimOAuthClient[] = [];
  for (const option of options) {
    if (seen.has(option.clientId)) throw new InvalidClientKeyError(option.clientId, 'the client id is configured twice');
    seen.add(option.clientId);
    clients.push({
      clientId: option.clientId,
      publicKeys: await publicJwks(option.clientId, option.publicKey),
      scopes: option.scopes ?? [...READ_SCOPES],
      requireDpop: option.requireDpop,
    });
  }
  return clients;
}

async function publicJwks(clientId: string, text: string): Promise<JsonWebKeyLike[]> {
  const trimmed = text.trim();
  const candidates = trimmed.startsWith('-----BEGIN') ? [pemToJwk(clientId, trimmed)] : jsonToJwks(clientId, trimmed);
  if (candidates.length === 0) throw new InvalidClientKeyError(clientId, 'publicKey holds no keys');
  const keys: JsonWebKeyLike[] = [];
  for (const candidate of candidates) keys.push(await checkedPublicJwk(clientId, candidate));
  return keys;
}

function pemToJwk(clientId: string, pem: string): Record<string, unknown> {
  try {
    // Node parses SPKI, PKCS#1 and (deriving the public half) private-key PEMs; jose then checks the JWK.
    return createPublicKey(pem).export({ format: 'jwk' });
  } catch (cause) {
    throw new InvalidClientKeyError(clientId, 'publicKey is not a readable PEM public key', { cause });
  }
}

function jsonToJwks(clientId: string, text: string): Record<string, unknown>[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new InvalidClientKeyError(clientId, 'publicKey is neither PEM text (-----BEGIN PUBLIC KEY-----) nor JWK JSON', { cause });
  }
  if (isRecord(value) && Array.isArray(value.keys)) return value.keys.filter(isRecord);
  if (isRecord(value)) return [value];
  throw new InvalidClientKeyError(clientId, 'publicKey JSON must be a JWK object or a JWKS {"keys": [...]}');
}

async function checkedPublicJwk(clientId: string, raw: Record<string, unknown>): Promise<JsonWebKeyLike> {
  const jwk: Record<string, unknown> = {};
  for (const member of PUBLIC_MEMBERS) if (raw[member] !== undefined) jwk[member] = raw[member];
  const kty = jwk.kty;
  let alg: string | undefined;
  if (kty === 'RSA') {
    alg = 'RS256';
    const bits = typeof jwk.n === 'string' ? Buffer.from(jwk.n, 'base64url').length * 8 : 0;
    if (bits < MIN_RSA_BITS) throw new InvalidClientKeyError(clientId, `RSA key has ${bits} bits; at least ${MIN_RSA_BITS} are required`);
  } else if (kty === 'EC' && typeof jwk.crv === 'string') {
    alg = EC_ALGS[jwk.crv];
  }
  if (typeof kty !== 'string' || alg === undefined) {
    throw new InvalidClientKeyError(clientId, 'only RSA and EC (P-256, P-384, P-521) keys are supported');
  }
  try {
    await importJWK(jwk as JWK, alg);
  } catch (cause) {
    throw new InvalidClientKeyError(clientId, `the ${kty} key is malformed`, { cause });
  }
  return { ...jwk, kty };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
