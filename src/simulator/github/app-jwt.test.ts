import { generateKeyPairSync } from 'node:crypto';
import { importPKCS8, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { importAppKey, JWT_ERRORS, verifyAppJwt, type AppKey } from './app-jwt.js';
import type { GhApp } from './model.js';

const NOW = Date.parse('2026-06-15T12:00:00Z');
const now = NOW / 1000;

function keyPair(): { publicPem: string; privatePem: string } {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
}

describe('App JWT verification (D-JWT)', () => {
  const pair = keyPair();
  const other = keyPair();
  const app: GhApp = { id: 77, clientId: 'Iv23liTest', slug: 'test', publicKeyPem: pair.publicPem };
  let key: AppKey;
  beforeAll(async () => {
    key = await importAppKey(app);
  });

  async function jwt(claims: { iss?: string | number; iat?: number; exp?: number }, privatePem = pair.privatePem, alg = 'RS256'): Promise<string> {
    const signer = new SignJWT(claims.iss === undefined ? {} : { iss: claims.iss } as Record<string, unknown>).setProtectedHeader({ alg });
    if (claims.iat !== undefined) signer.setIssuedAt(claims.iat);
    if (claims.exp !== undefined) signer.setExpirationTime(claims.exp);
    return signer.sign(await importPKCS8(privatePem, alg));
  }

  it('accepts the client id, the app id as number or string, iat 60 s back and exp 10 min ahead', async () => {
    for (const iss of ['Iv23liTest', 77, '77']) {
      expect(await verifyAppJwt(await jwt({ iss, iat: now - 60, exp: now + 600 }), app, key, NOW)).toEqual({ ok: true });
    }
  });

  it("answers GitHub's messages for a skewed clock, which @octokit/auth-app recognises", async () => {
    expect(await verifyAppJwt(await jwt({ iss: 77, iat: now + 5, exp: now + 300 }), app, key, NOW)).toEqual({ ok: false, message: JWT_ERRORS.iat });
    expect(await verifyAppJwt(await jwt({ iss: 77, iat: now - 700, exp: now - 1 }), app, key, NOW)).toEqual({ ok: false, message: JWT_ERRORS.expPast });
    expect(await verifyAppJwt(await jwt({ iss: 77, iat: now - 30, exp: now + 601 }), app, key, NOW)).toEqual({ ok: false, message: JWT_ERRORS.expFar });
    expect(await verifyAppJwt(await jwt({ iss: 77, exp: now + 60 }), app, key, NOW)).toEqual({ ok: false, message: JWT_ERRORS.iat });
  });

  it('refuses another key, another algorithm, another issuer and garbage', async () => {
    expect(await verifyAppJwt(await jwt({ iss: 77, iat: now, exp: now + 60 }, other.privatePem), app, key, NOW)).toEqual({ ok: false, message: JWT_ERRORS.undecodable });
    expect(await verifyAppJwt(await jwt({ iss: 77, iat: now, exp: now + 60 }, pair.privatePem, 'PS256'), app, key, NOW)).toEqual({ ok: false, message: JWT_ERRORS.undecodable });
    expect(await verifyAppJwt(await jwt({ iss: 78, iat: now, exp: now + 60 }), app, key, NOW)).toEqual({ ok: false, message: JWT_ERRORS.issuer });
    expect(await verifyAppJwt('a.b.c', app, key, NOW)).toEqual({ ok: false, message: JWT_ERRORS.undecodable });
  });
});
