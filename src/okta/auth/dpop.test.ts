import { EmbeddedJWK, decodeProtectedHeader, jwtVerify } from 'jose';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { accessTokenHash, createDpopKey, dpopHtu, parseDpopChallenge } from './dpop.js';

const NOW_MS = 1_790_000_000_000;

describe('dpopHtu', () => {
  it.each([
    ['https://company.okta.com/api/v1/users?after=00u1abc&limit=200', 'https://company.okta.com/api/v1/users'],
    ['https://company.okta.com/api/v1/logs?since=2026-01-01T00%3A00%3A00Z#frag', 'https://company.okta.com/api/v1/logs'],
    ['https://company.okta.com/oauth2/v1/token', 'https://company.okta.com/oauth2/v1/token'],
    ['http://127.0.0.1:8080/api/v1/groups?', 'http://127.0.0.1:8080/api/v1/groups'],
  ])('%s → %s', (url, htu) => {
    expect(dpopHtu(url)).toBe(htu);
  });
});

describe('createDpopKey', () => {
  it('signs proofs with the embedded public ES256 key, a fresh jti and iat', async () => {
    const key = await createDpopKey();
    expect(key.publicJwk).toEqual({ kty: 'EC', crv: 'P-256', x: expect.any(String) as string, y: expect.any(String) as string });
    const accessToken = 'eyJhbGciOiJSUzI1NiJ9.example-access-token.sig';
    const proofs = await Promise.all(
      [0, 1, 2].map(() => key.createProof({ method: 'get', url: 'https://company.okta.com/api/v1/users?after=x&limit=2', nowMs: NOW_MS, accessToken })),
    );
    const jtis = new Set<unknown>();
    for (const proof of proofs) {
      const { payload, protectedHeader } = await jwtVerify(proof, EmbeddedJWK, { typ: 'dpop+jwt', algorithms: ['ES256'] });
      expect(protectedHeader.jwk).toEqual(key.publicJwk);
      expect(payload).toMatchObject({ htm: 'GET', htu: 'https://company.okta.com/api/v1/users', iat: NOW_MS / 1000 });
      expect(payload.ath).toBe(createHash('sha256').update(accessToken).digest('base64url'));
      expect(payload).not.toHaveProperty('nonce');
      jtis.add(payload.jti);
    }
    expect(jtis.size).toBe(3);
  });

  it('carries the nonce when given, and no ath without a token', async () => {
    const key = await createDpopKey();
    const proof = await key.createProof({ method: 'POST', url: 'https://company.okta.com/oauth2/v1/token', nowMs: NOW_MS, nonce: 'n-1' });
    const { payload } = await jwtVerify(proof, EmbeddedJWK);
    expect(payload).toMatchObject({ htm: 'POST', htu: 'https://company.okta.com/oauth2/v1/token', nonce: 'n-1' });
    expect(payload).not.toHaveProperty('ath');
    expect(decodeProtectedHeader(proof).jwk).not.toHaveProperty('d');
  });

  it('uses a different key per strategy', async () => {
    const [a, b] = await Promise.all([createDpopKey(), createDpopKey()]);
    expect(a.publicJwk.x).not.toBe(b.publicJwk.x);
  });
});

describe('accessTokenHash', () => {
  it('is base64url(SHA-256) without padding (RFC 9449 §4.2)', () => {
    expect(accessTokenHash('Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU')).toBe('fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo');
  });
});

describe('parseDpopChallenge', () => {
  it('reads error and description from a DPoP challenge', () => {
    expect(
      parseDpopChallenge('DPoP algs="RS256 RS384 RS512 ES256 ES384 ES512", error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof"'),
    ).toEqual({ error: 'use_dpop_nonce', errorDescription: 'Resource server requires nonce in DPoP proof' });
  });

  it('finds the DPoP challenge after another scheme and reads unquoted values', () => {
    expect(parseDpopChallenge('Bearer realm="okta", DPoP error=invalid_dpop_proof')).toEqual({ error: 'invalid_dpop_proof', errorDescription: undefined });
  });

  it('is undefined without a DPoP challenge', () => {
    expect(parseDpopChallenge(undefined)).toBeUndefined();
    expect(parseDpopChallenge('Bearer error="invalid_token"')).toBeUndefined();
    expect(parseDpopChallenge('DPoPish error="x"')).toBeUndefined();
  });

  it('stays linear on hostile input', () => {
    const started = performance.now();
    parseDpopChallenge(`DPoP ${'error="'.repeat(20_000)}`);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
