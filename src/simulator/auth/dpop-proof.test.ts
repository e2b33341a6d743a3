import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  BASE_URL,
  buildTestApp,
  callWithDpop,
  fetchDpopToken,
  makeKey,
  postToken,
  signAssertion,
  signProof,
  tokenForm,
  TOKEN_URL,
  type TestApp,
  type TestClient,
  type TestKey,
} from './test-kit.js';

const ALGS = 'algs="RS256 RS384 RS512 ES256 ES384 ES512"';

let client: TestClient;
let ecClient: TestClient;
let otherKey: TestKey;
let t: TestApp;

beforeAll(async () => {
  client = { clientId: '0oaDpop', key: await makeKey('RS256', 'dpop-1') };
  ecClient = { clientId: '0oaDpopEc', key: await makeKey('ES256', 'dpop-ec') };
  otherKey = await makeKey('ES256');
});
beforeEach(async () => {
  t = await buildTestApp([client, ecClient]);
});
afterEach(async () => {
  await t.app.close();
});

const assertion = () => signAssertion({ clientId: client.clientId, key: client.key, nowMs: t.clock.now });
const tokenProof = (extra: { nonce?: string; htu?: string; typ?: string } = {}) =>
  signProof({ key: client.key, htm: 'POST', htu: TOKEN_URL, nowMs: t.clock.now, ...extra });

describe('DPoP at the token endpoint', () => {
  it('asks for a nonce, then issues a DPoP token for a proof carrying it', async () => {
    const first = await postToken(t.app, tokenForm(await assertion()), { dpop: await tokenProof() });
    expect(first.statusCode).toBe(400);
    expect(first.json()).toEqual({ error: 'use_dpop_nonce', error_description: 'Authorization server requires nonce in DPoP proof.' });
    const nonce = first.headers['dpop-nonce'];
    expect(nonce).toEqual(expect.any(String));

    const second = await postToken(t.app, tokenForm(await assertion()), { dpop: await tokenProof({ nonce: String(nonce) }) });
    expect(second.statusCode).toBe(200);
    expect(second.json()).toMatchObject({ token_type: 'DPoP', expires_in: 3600, scope: 'okta.users.read' });
    expect(t.ctx.stats.tokenRequests).toBe(2);
  });

  it('works with an EC key too', async () => {
    const token = await fetchDpopToken(t, ecClient);
    expect((await callWithDpop(t, ecClient, token, '/api/v1/users')).statusCode).toBe(200);
  });

  it('refuses a token request without a proof when the client requires DPoP', async () => {
    const response = await postToken(t.app, tokenForm(await assertion()));
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ error: 'invalid_dpop_proof', error_description: 'The DPoP proof JWT header is missing.' });
  });

  it('answers an unknown or lapsed nonce with a fresh one; nonces rotate daily and live 3 days', async () => {
    const unknown = await postToken(t.app, tokenForm(await assertion()), { dpop: await tokenProof({ nonce: 'made-up' }) });
    expect(unknown.json<{ error: string }>().error).toBe('use_dpop_nonce');
    const nonce = String(unknown.headers['dpop-nonce']);

    t.clock.advance(25 * 3600_000);
    const rotated = await postToken(t.app, tokenForm(await assertion()), { dpop: await tokenProof({ nonce: 'made-up' }) });
    expect(rotated.headers['dpop-nonce']).not.toBe(nonce);
    expect((await postToken(t.app, tokenForm(await assertion()), { dpop: await tokenProof({ nonce }) })).statusCode).toBe(200);

    t.clock.advance(48 * 3600_000);
    const lapsed = await postToken(t.app, tokenForm(await assertion()), { dpop: await tokenProof({ nonce }) });
    expect(lapsed.json<{ error: string }>().error).toBe('use_dpop_nonce');
  });

  it('checks typ and htu of the token request proof', async () => {
    const badTyp = await postToken(t.app, tokenForm(await assertion()), { dpop: await tokenProof({ typ: 'JWT' }) });
    expect(badTyp.json<{ error_description: string }>().error_description).toBe("'typ' must be 'dpop+jwt' in the DPoP proof JWT.");
    const badHtu = await postToken(t.app, tokenForm(await assertion()), { dpop: await tokenProof({ htu: `${BASE_URL}/oauth2/default/v1/token` }) });
    expect(badHtu.json<{ error_description: string }>().error_description).toBe("'htu' claim in the DPoP proof JWT is invalid.");
  });

  it('gives a Bearer token to a client that does not require DPoP, even when it sends a proof', async () => {
    const plain: TestClient = { clientId: '0oaPlain', key: client.key, requireDpop: false };
    const app = await buildTestApp([plain]);
    try {
      const form = tokenForm(await signAssertion({ clientId: plain.clientId, key: plain.key, nowMs: app.clock.now }));
      const response = await postToken(app.app, form, { dpop: await tokenProof() });
      expect(response.json()).toMatchObject({ token_type: 'Bearer' });
    } finally {
      await app.app.close();
    }
  });
});

describe('DPoP on resource calls', () => {
  it('accepts a DPoP-bound token with a fresh proof for the request, and sets the principal', async () => {
    const token = await fetchDpopToken(t, client);
    const response = await callWithDpop(t, client, token, '/api/v1/users?limit=200&after=abc');
    expect(response.statusCode).toBe(200);
    const { principal } = response.json<{ principal: Record<string, unknown> }>();
    expect(principal).toMatchObject({ kind: 'oauth', clientId: client.clientId, tokenId: client.clientId, scopes: ['okta.users.read'] });
    expect(principal.dpopJkt).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('rejects a proof whose htu carries the query string, as Okta does, and records a protocol violation', async () => {
    const token = await fetchDpopToken(t, client);
    const url = '/api/v1/users?limit=200&after=abc';
    const response = await callWithDpop(t, client, token, url, { htu: BASE_URL + url });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ error: 'invalid_dpop_proof', error_description: "'htu' claim in the DPoP proof JWT is invalid." });
    const challenge = String(response.headers['www-authenticate']);
    expect(challenge).toMatch(new RegExp(`^DPoP ${ALGS}, `));
    expect(challenge).toContain('error="invalid_dpop_proof"');
    expect(challenge).toContain(`error_description="'htu' claim in the DPoP proof JWT is invalid."`);
    expect(challenge).toContain('scope="okta.users.read"');
    expect(challenge).toContain('resource="/api/v1/users"');
    expect(t.ctx.stats.protocolViolations).toHaveLength(1);
    const [violation] = t.ctx.stats.protocolViolations;
    expect(violation).toMatchObject({ kind: 'dpop-htu-query-string', at: new Date(t.clock.now).toISOString() });
    expect(violation?.detail).toContain('after=abc');
    expect(violation?.detail).not.toContain(token);
  });

  it('rejects a proof for another path or method without recording a violation', async () => {
    const token = await fetchDpopToken(t, client);
    const otherPath = await callWithDpop(t, client, token, '/api/v1/users', { htu: `${BASE_URL}/api/v1/groups` });
    expect(otherPath.json<{ error_description: string }>().error_description).toBe("'htu' claim in the DPoP proof JWT is invalid.");
    const otherHost = await callWithDpop(t, client, token, '/api/v1/users', { htu: 'http://localhost:9999/api/v1/users' });
    expect(otherHost.statusCode).toBe(400);
    const otherMethod = await callWithDpop(t, client, token, '/api/v1/users', { htm: 'POST' });
    expect(otherMethod.json<{ error_description: string }>().error_description).toBe("'htm' claim in the DPoP proof JWT is invalid.");
    expect(t.ctx.stats.protocolViolations).toEqual([]);
  });

  it('rejects a bad ath', async () => {
    const token = await fetchDpopToken(t, client);
    const response = await callWithDpop(t, client, token, '/api/v1/users', { ath: 'bm90IHRoZSBoYXNo' });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ error_description: string }>().error_description).toBe(
      "'ath' claim in the DPoP proof does not match the presented access_token.",
    );
  });

  it('rejects a replayed proof jti', async () => {
    const token = await fetchDpopToken(t, client);
    expect((await callWithDpop(t, client, token, '/api/v1/users', { jti: 'once' })).statusCode).toBe(200);
    const replay = await callWithDpop(t, client, token, '/api/v1/users', { jti: 'once' });
    expect(replay.statusCode).toBe(400);
    expect(replay.json()).toEqual({ error: 'invalid_dpop_proof', error_description: 'The DPoP proof JWT has already been used.' });
  });

  it('rejects the exact same proof sent twice', async () => {
    const token = await fetchDpopToken(t, client);
    const dpop = await signProof({ key: client.key, htm: 'GET', htu: `${BASE_URL}/api/v1/users`, nowMs: t.clock.now, accessToken: token });
    const send = () => t.app.inject({ method: 'GET', url: '/api/v1/users', headers: { authorization: `DPoP ${token}`, dpop } });
    expect((await send()).statusCode).toBe(200);
    expect((await send()).json<{ error_description: string }>().error_description).toBe('The DPoP proof JWT has already been used.');
  });

  it('rejects a proof older than five minutes or from the future', async () => {
    const token = await fetchDpopToken(t, client);
    const nowS = Math.floor(t.clock.now / 1000);
    const old = await callWithDpop(t, client, token, '/api/v1/users', { iat: nowS - 301 });
    expect(old.json<{ error_description: string }>().error_description).toBe('The DPoP proof JWT is issued more than five minutes in the past.');
    const future = await callWithDpop(t, client, token, '/api/v1/users', { iat: nowS + 300 });
    expect(future.json<{ error_description: string }>().error_description).toBe('The DPoP proof JWT is issued in the future.');
  });

  it('rejects a proof signed by another key than the one the token is bound to', async () => {
    const token = await fetchDpopToken(t, client);
    const response = await callWithDpop(t, client, token, '/api/v1/users', { key: otherKey });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ error_description: string }>().error_description).toBe('The access_token is not bound to the provided DPoP proof.');
  });

  it('rejects a DPoP-bound token sent with the Bearer scheme', async () => {
    const token = await fetchDpopToken(t, client);
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: { authorization: `Bearer ${token}` } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      error: 'invalid_request',
      error_description: 'The resource request must use the DPoP authentication scheme when using a DPoP bound token.',
    });
    expect(String(response.headers['www-authenticate'])).toMatch(/^DPoP algs=/);
    expect(response.body).not.toContain(token);
  });

  it('requires the DPoP proof header with the DPoP scheme', async () => {
    const token = await fetchDpopToken(t, client);
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: { authorization: `DPoP ${token}` } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ error: 'invalid_request', error_description: 'The resource request requires a DPoP proof.' });
  });

  it('rejects two DPoP headers', async () => {
    const token = await fetchDpopToken(t, client);
    const htu = `${BASE_URL}/api/v1/users`;
    const a = await signProof({ key: client.key, htm: 'GET', htu, nowMs: t.clock.now, accessToken: token });
    const b = await signProof({ key: client.key, htm: 'GET', htu, nowMs: t.clock.now, accessToken: token });
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: { authorization: `DPoP ${token}`, dpop: [a, b] } });
    expect(response.json<{ error_description: string }>().error_description).toBe('Multiple DPoP proof JWT headers are not allowed.');
  });
});
