import { decodeProtectedHeader, generateKeyPair, importPKCS8, jwtVerify } from 'jose';
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CLIENT_ASSERTION_LIFETIME_SECONDS,
  OAUTH_SIGNING_ALGS,
  createClientAssertion,
  signingKeyProblem,
  type OAuthSigningAlg,
} from './client-assertion.js';

const TOKEN_URL = 'https://company.okta.com/oauth2/v1/token';
const CLIENT_ID = '0oa1example2client3';
const NOW_MS = 1_790_000_000_123;

const CURVES: Record<string, string> = { ES256: 'P-256', ES384: 'P-384', ES512: 'P-521' };

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;
const keyPairs = new Map<OAuthSigningAlg, Promise<KeyPair>>();

/** RSA generation is slow: one key pair per algorithm for the whole file. */
function keyPairFor(alg: OAuthSigningAlg): Promise<KeyPair> {
  let pair = keyPairs.get(alg);
  if (pair === undefined) {
    pair = generateKeyPair(alg, alg.startsWith('ES') ? { crv: CURVES[alg] } : { modulusLength: 2048 });
    keyPairs.set(alg, pair);
  }
  return pair;
}

describe('createClientAssertion', () => {
  it.each(OAUTH_SIGNING_ALGS)('signs %s assertions Okta accepts: iss = sub = client id, aud = token URL, short exp', async (alg) => {
    const { privateKey, publicKey } = await keyPairFor(alg);
    const jwt = await createClientAssertion({ clientId: CLIENT_ID, tokenUrl: TOKEN_URL, privateKey, alg, keyId: 'kid-1', nowMs: NOW_MS });
    const { payload, protectedHeader } = await jwtVerify(jwt, publicKey, {
      issuer: CLIENT_ID,
      subject: CLIENT_ID,
      audience: TOKEN_URL,
      algorithms: [alg],
      currentDate: new Date(NOW_MS),
    });
    expect(protectedHeader).toEqual({ alg, kid: 'kid-1' });
    expect(payload.aud).toBe(TOKEN_URL);
    expect(payload.iat).toBe(Math.floor(NOW_MS / 1000));
    expect(payload.exp! - payload.iat!).toBe(CLIENT_ASSERTION_LIFETIME_SECONDS);
    expect(payload.exp! - payload.iat!).toBeLessThanOrEqual(300);
    expect(payload.jti).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('omits kid when none is configured and uses a new jti every time', async () => {
    const { privateKey, publicKey } = await keyPairFor('ES256');
    const jwts = await Promise.all(
      Array.from({ length: 50 }, () => createClientAssertion({ clientId: CLIENT_ID, tokenUrl: TOKEN_URL, privateKey, alg: 'ES256', nowMs: NOW_MS })),
    );
    expect(decodeProtectedHeader(jwts[0]!)).toEqual({ alg: 'ES256' });
    const jtis = await Promise.all(jwts.map(async (jwt) => (await jwtVerify(jwt, publicKey, { currentDate: new Date(NOW_MS) })).payload.jti));
    expect(new Set(jtis).size).toBe(50);
  });
});

describe('signingKeyProblem', () => {
  it('accepts matching keys', async () => {
    for (const alg of OAUTH_SIGNING_ALGS) expect(signingKeyProblem((await keyPairFor(alg)).privateKey, alg)).toBeUndefined();
  });

  it('names the mismatch', async () => {
    const rsa = await keyPairFor('RS256');
    const ec = await keyPairFor('ES256');
    expect(signingKeyProblem(rsa.publicKey, 'RS256')).toContain('give the private key');
    expect(signingKeyProblem(ec.privateKey, 'RS256')).toContain('RS256 needs an RSA key');
    expect(signingKeyProblem(rsa.privateKey, 'ES256')).toContain('ES256 needs an EC key');
    expect(signingKeyProblem(ec.privateKey, 'ES384')).toContain('ES384 needs the secp384r1 curve');
    const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(signingKeyProblem(await importPKCS8(pem, 'RS256'), 'RS384')).toContain('imported for SHA-256, not RS384');
    const weak = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
    expect(signingKeyProblem(weak, 'RS256')).toContain('at least 2048');
  });
});
