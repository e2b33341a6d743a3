import { KeyObject, randomUUID, type webcrypto } from 'node:crypto';
import { SignJWT } from 'jose';

/** The signing algorithms Okta accepts for `private_key_jwt` (https://developer.okta.com/docs/guides/build-self-signed-jwt/). */
export const OAUTH_SIGNING_ALGS = ['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512'] as const;
export type OAuthSigningAlg = (typeof OAUTH_SIGNING_ALGS)[number];

/** A private key as jose's `importPKCS8`/`importJWK` (a CryptoKey) or Node's `createPrivateKey` (a KeyObject) return it. */
export type SigningKey = webcrypto.CryptoKey | KeyObject;

export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/**
 * Okta allows up to one hour (`client_assertion_expires_too_far_in_future`); five minutes, as Okta's Node SDK uses,
 * keeps a leaked assertion short-lived while tolerating modest clock skew.
 */
export const CLIENT_ASSERTION_LIFETIME_SECONDS = 300;

const EC_CURVE_BY_ALG: Partial<Record<OAuthSigningAlg, string>> = { ES256: 'prime256v1', ES384: 'secp384r1', ES512: 'secp521r1' };
const ALG_BY_EC_CURVE: Record<string, OAuthSigningAlg> = { prime256v1: 'ES256', secp384r1: 'ES384', secp521r1: 'ES512' };
/** Okta rejects shorter RSA keys (OpenAPI example ErrorJsonWebKeyKidLengthTooShort). */
const MIN_RSA_BITS = 2048;

export function isOAuthSigningAlg(value: string): value is OAuthSigningAlg {
  return (OAUTH_SIGNING_ALGS as readonly string[]).includes(value);
}

/** The algorithm to use for a key when the operator did not name one: RS256 for RSA, ES256/384/512 by curve. */
export function defaultAlgForKey(key: KeyObject): OAuthSigningAlg | undefined {
  if (key.asymmetricKeyType === 'rsa') return 'RS256';
  if (key.asymmetricKeyType === 'ec') return ALG_BY_EC_CURVE[key.asymmetricKeyDetails?.namedCurve ?? ''];
  return undefined;
}

/**
 * Why `key` cannot sign a client assertion with `alg`, or undefined when it can. Checked when the strategy is built so
 * a wrong key fails at start-up with a clear line instead of as an opaque signing error on the first request.
 */
export function signingKeyProblem(key: SigningKey, alg: OAuthSigningAlg): string | undefined {
  if (key.type !== 'private') return `the ${key.type} key cannot sign; give the private key`;
  const keyObject = key instanceof KeyObject ? key : KeyObject.from(key);
  const type = keyObject.asymmetricKeyType;
  if (alg.startsWith('RS')) {
    if (type !== 'rsa') return `${alg} needs an RSA key, but the key is ${type ?? 'not asymmetric'}`;
    const bits = keyObject.asymmetricKeyDetails?.modulusLength ?? 0;
    if (bits < MIN_RSA_BITS) return `the RSA key has ${bits} bits; Okta requires at least ${MIN_RSA_BITS}`;
    if (!(key instanceof KeyObject)) {
      // A CryptoKey is bound to one hash when imported: importPKCS8(pem, 'RS256') cannot sign RS384.
      const hash = (key.algorithm as Partial<webcrypto.RsaHashedKeyAlgorithm>).hash?.name;
      if (hash !== undefined && hash !== `SHA-${alg.slice(2)}`) return `the key was imported for ${hash}, not ${alg}`;
    }
    return undefined;
  }
  if (type !== 'ec') return `${alg} needs an EC key, but the key is ${type ?? 'not asymmetric'}`;
  const curve = keyObject.asymmetricKeyDetails?.namedCurve;
  if (curve !== EC_CURVE_BY_ALG[alg]) return `${alg} needs the ${EC_CURVE_BY_ALG[alg] ?? '?'} curve, but the key uses ${curve ?? 'an unknown curve'}`;
  return undefined;
}

export interface ClientAssertionInput {
  clientId: string;
  /** The exact token endpoint the assertion is posted to: Okta requires `aud` to equal it (`client_assertion_invalid_audience`). */
  tokenUrl: string;
  privateKey: SigningKey;
  alg: OAuthSigningAlg;
  /** The `kid` of the public key registered on the app; sent as the `kid` header when set. */
  keyId?: string | undefined;
  nowMs: number;
}

/**
 * Signs a `private_key_jwt` client assertion (RFC 7523; https://developer.okta.com/docs/guides/implement-oauth-for-okta-serviceapp/):
 * iss = sub = client id, aud = token URL, short exp, and a unique jti. A jti makes the assertion single-use
 * (`client_assertion_already_used`), so every token request, including a nonce retry, needs a new one.
 */
export async function createClientAssertion(input: ClientAssertionInput): Promise<string> {
  const iat = Math.floor(input.nowMs / 1000);
  const header = input.keyId === undefined ? { alg: input.alg } : { alg: input.alg, kid: input.keyId };
  return new SignJWT({})
    .setProtectedHeader(header)
    .setIssuer(input.clientId)
    .setSubject(input.clientId)
    .setAudience(input.tokenUrl)
    .setIssuedAt(iat)
    .setExpirationTime(iat + CLIENT_ASSERTION_LIFETIME_SECONDS)
    .setJti(randomUUID())
    .sign(input.privateKey);
}
