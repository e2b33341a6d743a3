import { EmbeddedJWK, decodeProtectedHeader, jwtVerify } from 'jose';
import { createHash } from 'node:crypto';
import { MockAgent } from 'undici';
import { describe, expect, it } from 'vitest';
import { OktaClientError } from '../errors.js';
import { DEFAULT_OAUTH_SCOPES, createOAuthAuth, oauthTokenUrl, refreshAfterSeconds } from './oauth.js';
import { CLIENT_ID, KEY_ID, TOKEN_URL, clientKey, fakeClock, json, oauthFor, scriptedTokenEndpoint, tokenReply } from './test-kit.js';

const USERS_PAGE_2 = 'https://company.okta.com/api/v1/users?after=00u1abcdEFGH&limit=200';
const resource = (url = USERS_PAGE_2) => ({ method: 'GET', url });

describe('token request', () => {
  it('posts client credentials with a private_key_jwt assertion for the default read scopes', async () => {
    const clock = fakeClock();
    const { fetchToken, seen } = scriptedTokenEndpoint(tokenReply('Bearer'));
    const auth = await oauthFor(fetchToken, { dpop: false, now: () => clock.now });
    const headers = await auth.authorize(resource());
    expect(headers.Authorization).toMatch(/^Bearer eyJ/);
    expect(headers).not.toHaveProperty('DPoP');

    const [request] = seen;
    expect(request!.url).toBe(TOKEN_URL);
    expect(request!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request!.form.get('grant_type')).toBe('client_credentials');
    expect(request!.form.get('scope')).toBe(DEFAULT_OAUTH_SCOPES.join(' '));
    expect(request!.form.get('client_assertion_type')).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
    const { publicKey } = await clientKey();
    const { payload, protectedHeader } = await jwtVerify(request!.assertion, publicKey, {
      issuer: CLIENT_ID,
      subject: CLIENT_ID,
      audience: TOKEN_URL,
      currentDate: new Date(clock.now),
    });
    expect(protectedHeader.kid).toBe(KEY_ID);
    expect(payload.exp! - payload.iat!).toBeLessThanOrEqual(300);
    expect(payload.iat).toBe(Math.floor(clock.now / 1000));
  });

  it('sends 20 concurrent callers through one token request', async () => {
    const { fetchToken, seen } = scriptedTokenEndpoint(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      return tokenReply('DPoP')();
    });
    const auth = await oauthFor(fetchToken);
    const results = await Promise.all(Array.from({ length: 20 }, () => auth.authorize(resource())));
    expect(seen).toHaveLength(1);
    expect(new Set(results.map((headers) => headers.Authorization)).size).toBe(1);
    expect(new Set(results.map((headers) => headers.DPoP)).size).toBe(20);
  });

  it('refreshes before expiry: at 80 % of an hour, not at expiry', async () => {
    const clock = fakeClock();
    const { fetchToken, seen } = scriptedTokenEndpoint(tokenReply('Bearer', 3600));
    const auth = await oauthFor(fetchToken, { dpop: false, now: () => clock.now });
    const first = await auth.authorize(resource());
    clock.advance(2879_000);
    expect(await auth.authorize(resource())).toEqual(first);
    expect(seen).toHaveLength(1);
    clock.advance(2_000);
    const second = await auth.authorize(resource());
    expect(seen).toHaveLength(2);
    expect(second.Authorization).not.toBe(first.Authorization);
  });

  it.each([
    [3600, 2880],
    [1200, 900],
    [600, 300],
    [60, 30],
    [10, 5],
  ])('refreshAfterSeconds(%i) = %i', (expiresIn, after) => {
    expect(refreshAfterSeconds(expiresIn)).toBe(after);
  });

  it('tries again after a failed token request instead of caching the failure', async () => {
    const { fetchToken, seen } = scriptedTokenEndpoint(json(500, { error: 'server_error' }), tokenReply('Bearer'));
    const auth = await oauthFor(fetchToken, { dpop: false });
    await expect(auth.authorize(resource())).rejects.toMatchObject({ code: 'OKTA_SERVER_ERROR' });
    await expect(auth.authorize(resource())).resolves.toHaveProperty('Authorization');
    expect(seen).toHaveLength(2);
  });

  it('lets one caller give up without cancelling the shared token request', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { fetchToken, seen } = scriptedTokenEndpoint(async () => {
      await gate;
      return tokenReply('Bearer')();
    });
    const auth = await oauthFor(fetchToken, { dpop: false });
    const controller = new AbortController();
    const cancelled = auth.authorize({ ...resource(), signal: controller.signal });
    const patient = auth.authorize(resource());
    controller.abort();
    await expect(cancelled).rejects.toMatchObject({ code: 'OKTA_ABORTED' });
    release();
    await expect(patient).resolves.toHaveProperty('Authorization');
    expect(seen).toHaveLength(1);
  });

  it('builds the token URL from the org base URL or the override', () => {
    expect(oauthTokenUrl(new URL('https://company.okta.com'))).toBe('https://company.okta.com/oauth2/v1/token');
    expect(oauthTokenUrl(new URL('http://127.0.0.1:8080/okta'))).toBe('http://127.0.0.1:8080/okta/oauth2/v1/token');
  });

  it('uses undici with the injected dispatcher by default', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent
      .get('https://company.okta.com')
      .intercept({ path: '/oauth2/v1/token', method: 'POST' })
      .reply(200, { token_type: 'Bearer', expires_in: 3600, access_token: 'eyJhbGciOiJub25lIn0.e30.mock-agent-token' }, {
        headers: { 'content-type': 'application/json' },
      });
    const { privateKey } = await clientKey();
    const auth = createOAuthAuth({ tokenUrl: TOKEN_URL, clientId: CLIENT_ID, privateKey, alg: 'ES256', dpop: false, dispatcher: agent });
    await expect(auth.authorize(resource())).resolves.toEqual({ Authorization: 'Bearer eyJhbGciOiJub25lIn0.e30.mock-agent-token' });
    await agent.close();
  });
});

describe('DPoP at the token endpoint', () => {
  const nonceChallenge = (nonce: string) =>
    json(400, { error: 'use_dpop_nonce', error_description: 'Authorization server requires nonce in DPoP proof.' }, { 'dpop-nonce': nonce });

  it('sends a proof on the first attempt, retries with the nonce and a new assertion, then reuses the cached nonce', async () => {
    const clock = fakeClock();
    const { fetchToken, seen } = scriptedTokenEndpoint(nonceChallenge('nonce-1'), tokenReply('DPoP'), tokenReply('DPoP'));
    const auth = await oauthFor(fetchToken, { dpop: true, now: () => clock.now });
    const headers = await auth.authorize(resource());
    expect(headers.Authorization).toMatch(/^DPoP eyJ/);

    expect(seen).toHaveLength(2);
    expect(seen[0]!.proof).toMatchObject({ htm: 'POST', htu: TOKEN_URL });
    expect(seen[0]!.proof).not.toHaveProperty('nonce');
    expect(seen[1]!.proof).toMatchObject({ htm: 'POST', htu: TOKEN_URL, nonce: 'nonce-1' });
    expect(seen[1]!.proof!.jti).not.toBe(seen[0]!.proof!.jti);
    expect(seen[1]!.assertion).not.toBe(seen[0]!.assertion);

    clock.advance(3000_000);
    await auth.authorize(resource());
    expect(seen).toHaveLength(3);
    expect(seen[2]!.proof).toMatchObject({ nonce: 'nonce-1' });
  });

  it('updates the nonce from any token response that carries one', async () => {
    const clock = fakeClock();
    const { fetchToken, seen } = scriptedTokenEndpoint(tokenReply('DPoP', 3600, { 'DPoP-Nonce': 'rotated-2' }));
    const auth = await oauthFor(fetchToken, { now: () => clock.now });
    await auth.authorize(resource());
    clock.advance(3000_000);
    await auth.authorize(resource());
    expect(seen[1]!.proof).toMatchObject({ nonce: 'rotated-2' });
  });

  it('gives up after repeated nonce challenges with OKTA_DPOP_FAILED', async () => {
    let n = 0;
    const { fetchToken, seen } = scriptedTokenEndpoint(() => nonceChallenge(`nonce-${String((n += 1))}`));
    const auth = await oauthFor(fetchToken);
    await expect(auth.authorize(resource())).rejects.toMatchObject({ code: 'OKTA_DPOP_FAILED', message: expect.stringContaining('DPoP-Nonce') as string });
    expect(seen).toHaveLength(3);
  });

  it("'auto' uses a Bearer token when Okta issues one despite the proof", async () => {
    const { fetchToken, seen } = scriptedTokenEndpoint(tokenReply('Bearer'));
    const auth = await oauthFor(fetchToken, { dpop: 'auto' });
    const headers = await auth.authorize(resource());
    expect(seen[0]!.proofJwt).toBeDefined();
    expect(headers.Authorization).toMatch(/^Bearer /);
    expect(headers).not.toHaveProperty('DPoP');
  });

  it("'auto' retries once without a proof when Okta says the app does not do DPoP, and stays proofless", async () => {
    const clock = fakeClock();
    const { fetchToken, seen } = scriptedTokenEndpoint(
      json(400, { error: 'invalid_dpop_proof', error_description: 'DPoP is not enabled for this client.' }),
      tokenReply('Bearer'),
    );
    const auth = await oauthFor(fetchToken, { dpop: 'auto', now: () => clock.now });
    expect((await auth.authorize(resource())).Authorization).toMatch(/^Bearer /);
    clock.advance(3000_000);
    await auth.authorize(resource());
    expect(seen.map((request) => request.proofJwt === undefined)).toEqual([false, true, true]);
  });

  it('with dpop: true, a refusal of DPoP is an error, not a silent downgrade', async () => {
    const { fetchToken, seen } = scriptedTokenEndpoint(json(400, { error: 'invalid_dpop_proof', error_description: 'DPoP is not enabled for this client.' }));
    const auth = await oauthFor(fetchToken, { dpop: true });
    await expect(auth.authorize(resource())).rejects.toMatchObject({ code: 'OKTA_DPOP_FAILED' });
    expect(seen).toHaveLength(1);
  });

  it('with dpop: false, says to turn DPoP on when the app requires it', async () => {
    const { fetchToken, seen } = scriptedTokenEndpoint(json(400, { error: 'invalid_dpop_proof', error_description: 'The DPoP proof JWT header is missing.' }));
    const auth = await oauthFor(fetchToken, { dpop: false });
    const error = (await auth.authorize(resource()).catch((e: unknown) => e)) as OktaClientError;
    expect(error.code).toBe('OKTA_DPOP_FAILED');
    expect(error.message).toContain('use --dpop on or --dpop auto (the flag takes on|auto|off)');
    expect(error.message).toContain('Require Demonstrating Proof of Possession');
    expect(seen[0]!.proofJwt).toBeUndefined();
  });
});

describe('DPoP on resource calls', () => {
  it('sends Authorization: DPoP with a proof whose htu has no query, the right ath and a fresh jti', async () => {
    const clock = fakeClock();
    const { fetchToken, seen } = scriptedTokenEndpoint(tokenReply('DPoP'));
    const auth = await oauthFor(fetchToken, { now: () => clock.now });
    const first = await auth.authorize({ method: 'get', url: USERS_PAGE_2 });
    const second = await auth.authorize({ method: 'GET', url: 'https://company.okta.com/api/v1/logs?since=2026-05-01T00%3A00%3A00Z&limit=1000#x' });
    const accessToken = first.Authorization!.replace(/^DPoP /, '');
    expect(second.Authorization).toBe(first.Authorization);

    const a = await jwtVerify(first.DPoP!, EmbeddedJWK, { typ: 'dpop+jwt', algorithms: ['ES256'] });
    const b = await jwtVerify(second.DPoP!, EmbeddedJWK, { typ: 'dpop+jwt' });
    expect(a.payload).toMatchObject({ htm: 'GET', htu: 'https://company.okta.com/api/v1/users', iat: Math.floor(clock.now / 1000) });
    expect(b.payload.htu).toBe('https://company.okta.com/api/v1/logs');
    expect(a.payload.ath).toBe(createHash('sha256').update(accessToken).digest('base64url'));
    expect(a.payload.jti).not.toBe(b.payload.jti);
    expect(a.payload).not.toHaveProperty('nonce');
    // The resource proof is signed by the key the token is bound to.
    expect(decodeProtectedHeader(first.DPoP!).jwk).toEqual(decodeProtectedHeader(seen[0]!.proofJwt!).jwk);
  });

  it('stores a nonce from a use_dpop_nonce challenge and sends it on the retry, once', async () => {
    const { fetchToken } = scriptedTokenEndpoint(tokenReply('DPoP'));
    const auth = await oauthFor(fetchToken);
    await auth.authorize(resource());
    const challenge = {
      status: 401,
      headers: { 'www-authenticate': 'DPoP algs="ES256", error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof"', 'dpop-nonce': 'rs-nonce-1' },
      body: { error: 'use_dpop_nonce' },
    };
    expect(auth.handleChallenge(challenge)).toBe(true);
    const retry = await auth.authorize(resource());
    expect((await jwtVerify(retry.DPoP!, EmbeddedJWK)).payload.nonce).toBe('rs-nonce-1');
    // The same nonce again cannot help: no retry loop.
    expect(auth.handleChallenge(challenge)).toBe(false);
  });

  it('picks up a rotated nonce from a 400 with a DPoP-Nonce header', async () => {
    const { fetchToken } = scriptedTokenEndpoint(tokenReply('DPoP'));
    const auth = await oauthFor(fetchToken);
    await auth.authorize(resource());
    expect(auth.handleChallenge({ status: 400, headers: { 'DPoP-Nonce': ['rs-nonce-2'] }, body: '' })).toBe(true);
    expect((await jwtVerify((await auth.authorize(resource())).DPoP!, EmbeddedJWK)).payload.nonce).toBe('rs-nonce-2');
  });

  it('cannot satisfy a nonce demand without a nonce', async () => {
    const { fetchToken } = scriptedTokenEndpoint(tokenReply('DPoP'));
    const auth = await oauthFor(fetchToken);
    await auth.authorize(resource());
    expect(auth.handleChallenge({ status: 401, headers: { 'www-authenticate': 'DPoP error="use_dpop_nonce"' }, body: null })).toBe(false);
    expect(auth.handleChallenge({ status: 400, headers: {}, body: '{"error":"invalid_dpop_proof"}' })).toBe(false);
  });
});

describe('401 on a resource call', () => {
  it('drops the rejected token so the retry fetches a new one', async () => {
    const { fetchToken, seen } = scriptedTokenEndpoint(tokenReply('Bearer'));
    const auth = await oauthFor(fetchToken, { dpop: false });
    const sent = await auth.authorize(resource());
    expect(auth.handleChallenge({ status: 401, headers: {}, body: { errorCode: 'E0000011' }, sentHeaders: sent })).toBe(true);
    const retried = await auth.authorize(resource());
    expect(seen).toHaveLength(2);
    expect(retried.Authorization).not.toBe(sent.Authorization);
  });

  it('retries a 401 for an older token with the current one, without another token request', async () => {
    const { fetchToken, seen } = scriptedTokenEndpoint(tokenReply('Bearer'));
    const auth = await oauthFor(fetchToken, { dpop: false });
    const stale = await auth.authorize(resource());
    auth.handleChallenge({ status: 401, headers: {}, body: null, sentHeaders: stale });
    const current = await auth.authorize(resource());
    expect(auth.handleChallenge({ status: 401, headers: {}, body: null, sentHeaders: stale })).toBe(true);
    expect(await auth.authorize(resource())).toEqual(current);
    expect(seen).toHaveLength(2);
  });

  it('ignores statuses other than 400 and 401', async () => {
    const { fetchToken } = scriptedTokenEndpoint(tokenReply('Bearer'));
    const auth = await oauthFor(fetchToken, { dpop: false });
    await auth.authorize(resource());
    expect(auth.handleChallenge({ status: 403, headers: {}, body: { errorCode: 'E0000006' } })).toBe(false);
    expect(auth.handleChallenge({ status: 400, headers: {}, body: { errorCode: 'E0000031' } })).toBe(false);
  });
});

describe('configuration', () => {
  it.each([
    [{ tokenUrl: 'http://company.okta.com/oauth2/v1/token' }, 'must use https://'],
    [{ tokenUrl: 'not a url' }, 'must be an absolute URL'],
    [{ tokenUrl: `${TOKEN_URL}?x=1` }, 'must not contain credentials, a query string or a fragment'],
    [{ clientId: '' }, 'client id is empty'],
    [{ clientId: 'has space' }, 'client id is empty or contains spaces'],
    [{ keyId: '' }, 'key id (kid) is empty'],
    [{ alg: 'RS256' as const }, 'cannot sign RS256 client assertions: RS256 needs an RSA key'],
    [{ alg: 'HS256' as never }, 'must be one of RS256'],
    [{ scopes: [] }, 'no OAuth scopes requested'],
    [{ scopes: ['okta.users.manage'] }, 'grants write access: request okta.users.read instead'],
    [{ scopes: ['okta.users.read extra'] }, 'is malformed'],
  ])('rejects %j', async (override, expected) => {
    const { fetchToken } = scriptedTokenEndpoint(tokenReply('Bearer'));
    const error = await oauthFor(fetchToken, override).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OktaClientError);
    expect((error as OktaClientError).code).toBe('OKTA_AUTH_CONFIG_INVALID');
    expect((error as OktaClientError).message).toContain(expected);
  });

  it('accepts an http token URL on loopback (the simulator)', async () => {
    const { fetchToken } = scriptedTokenEndpoint(tokenReply('Bearer'));
    await expect(oauthFor(fetchToken, { tokenUrl: 'http://127.0.0.1:9999/oauth2/v1/token' })).resolves.toHaveProperty('kind', 'oauth');
  });

  it('refuses a public key', async () => {
    const { fetchToken } = scriptedTokenEndpoint(tokenReply('Bearer'));
    const { publicKey } = await clientKey();
    await expect(oauthFor(fetchToken, { privateKey: publicKey })).rejects.toThrow('give the private key');
  });
});
