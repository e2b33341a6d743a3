import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_ASSERTION_TYPE } from './client-assertion.js';
import {
  buildTestApp,
  fetchBearerToken,
  makeKey,
  postToken,
  signAssertion,
  tokenForm,
  type TestApp,
  type TestClient,
  type TestKey,
} from './test-kit.js';

let rsa: TestClient;
let ec: TestClient;
let limited: TestClient;
let stranger: TestKey;
let t: TestApp;

beforeAll(async () => {
  rsa = { clientId: '0oaRsa', key: await makeKey('RS256', 'rsa-1'), requireDpop: false };
  ec = { clientId: '0oaEc', key: await makeKey('ES256', 'ec-1'), requireDpop: false };
  limited = { clientId: '0oaLogs', key: await makeKey('ES256', 'logs-1'), requireDpop: false, scopes: ['okta.logs.read'] };
  stranger = await makeKey('RS256', 'rsa-1');
});
afterEach(async () => {
  await t.app.close();
});

async function setup(): Promise<TestApp> {
  t = await buildTestApp([rsa, ec, limited]);
  return t;
}

const sign = (overrides: Partial<Parameters<typeof signAssertion>[0]> = {}) =>
  signAssertion({ clientId: rsa.clientId, key: rsa.key, nowMs: t.clock.now, ...overrides });

async function expectInvalidClient(assertion: string, description: string): Promise<void> {
  const response = await postToken(t.app, tokenForm(assertion));
  expect(response.statusCode).toBe(401);
  expect(response.json()).toEqual({ error: 'invalid_client', error_description: description });
  expect(response.body).not.toContain(assertion);
}

describe('POST /oauth2/v1/token: client credentials with private_key_jwt', () => {
  it.each([
    ['RSA (RS256)', () => rsa],
    ['EC (ES256)', () => ec],
  ])('issues a Bearer token to a %s client', async (_name, client) => {
    await setup();
    const { clientId, key } = client();
    const assertion = await signAssertion({ clientId, key, nowMs: t.clock.now });
    const response = await postToken(t.app, tokenForm(assertion, 'okta.users.read okta.logs.read'));
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-cache, no-store');
    const { access_token: accessToken, ...rest } = response.json<Record<string, unknown>>();
    expect(rest).toEqual({ token_type: 'Bearer', expires_in: 3600, scope: 'okta.users.read okta.logs.read' });
    expect(accessToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(t.ctx.stats.tokenRequests).toBe(1);
  });

  it('accepts a form content type with a charset parameter', async () => {
    await setup();
    const response = await t.app.inject({
      method: 'POST',
      url: '/oauth2/v1/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' },
      payload: new URLSearchParams(tokenForm(await sign())).toString(),
    });
    expect(response.statusCode).toBe(200);
  });

  it('accepts an assertion without kid by trying the registered keys', async () => {
    await setup();
    const assertion = await signAssertion({ clientId: rsa.clientId, key: { ...rsa.key, publicJwk: { ...rsa.key.publicJwk, kid: undefined } }, nowMs: t.clock.now });
    expect((await postToken(t.app, tokenForm(assertion))).statusCode).toBe(200);
  });

  it('rejects an assertion whose aud is not exactly the token URL', async () => {
    await setup();
    const description = 'The audience claim for client_assertion must be the endpoint invoked for the request.';
    await expectInvalidClient(await sign({ aud: 'http://127.0.0.1:9999/oauth2/default/v1/token' }), description);
    await expectInvalidClient(await sign({ aud: 'http://127.0.0.1:9999' }), description);
  });

  it('rejects an expired assertion, one without exp and one expiring more than 1 h ahead', async () => {
    await setup();
    const nowS = Math.floor(t.clock.now / 1000);
    await expectInvalidClient(await sign({ exp: nowS - 60 }), 'The client_assertion token is expired.');
    await expectInvalidClient(await sign({ exp: null }), "The client_assertion must contain the 'exp' claim as seconds since epoch.");
    await expectInvalidClient(await sign({ exp: nowS + 3601 }), 'The client_assertion token has an expiration too far into the future.');
    expect((await postToken(t.app, tokenForm(await sign({ exp: nowS + 3600 })))).statusCode).toBe(200);
  });

  it('rejects an assertion issued in the future', async () => {
    await setup();
    const nowS = Math.floor(t.clock.now / 1000);
    await expectInvalidClient(await sign({ iat: nowS + 600 }), 'The client_assertion token must be issued before the current time.');
  });

  it('judges time by the injected clock', async () => {
    await setup();
    const assertion = await sign();
    t.clock.advance(10 * 60_000);
    await expectInvalidClient(assertion, 'The client_assertion token is expired.');
  });

  it('rejects an unknown kid', async () => {
    await setup();
    await expectInvalidClient(await sign({ kid: 'no-such-kid' }), 'The client_assertion JWT kid is invalid.');
  });

  it('rejects an assertion signed with a key the client never registered', async () => {
    await setup();
    await expectInvalidClient(await sign({ signWith: stranger }), 'The client_assertion signature is invalid.');
  });

  it('rejects a replayed jti but accepts assertions without jti more than once', async () => {
    await setup();
    const assertion = await sign({ jti: 'jti-1' });
    expect((await postToken(t.app, tokenForm(assertion))).statusCode).toBe(200);
    await expectInvalidClient(assertion, 'The client_assertion token has already been used.');
    await expectInvalidClient(await sign({ jti: 'jti-1' }), 'The client_assertion token has already been used.');

    const reusable = await sign({ jti: null });
    expect((await postToken(t.app, tokenForm(reusable))).statusCode).toBe(200);
    expect((await postToken(t.app, tokenForm(reusable))).statusCode).toBe(200);
  });

  it('rejects unknown clients, iss/sub mismatches, a mismatching client_id and unparseable assertions', async () => {
    await setup();
    await expectInvalidClient(await sign({ iss: '0oaNobody', sub: '0oaNobody' }), 'The issuer claim for client_assertion is not a valid client_id.');
    await expectInvalidClient(await sign({ sub: 'someone-else' }), 'The subject claim for client_assertion is not a valid client_id.');
    await expectInvalidClient('not.a.jwt', 'The parsing of the client_assertion failed.');
    const response = await postToken(t.app, { ...tokenForm(await sign()), client_id: ec.clientId });
    expect(response.json()).toEqual({ error: 'invalid_client', error_description: "Invalid value for 'client_id' parameter." });
  });

  it('requires private_key_jwt: no assertion, a client secret or a wrong assertion type are refused', async () => {
    await setup();
    const missing = await postToken(t.app, { grant_type: 'client_credentials', scope: 'okta.users.read' });
    expect(missing.statusCode).toBe(401);
    expect(missing.json()).toEqual({ error: 'invalid_client', error_description: 'No client credentials found.' });

    const secret = await postToken(t.app, { grant_type: 'client_credentials', scope: 'okta.users.read', client_id: rsa.clientId, client_secret: 's3cr3t' });
    expect(secret.statusCode).toBe(401);
    expect(secret.json<{ error_description: string }>().error_description).toMatch(/must use the private_key_jwt/);
    expect(secret.body).not.toContain('s3cr3t');

    const wrongType = await postToken(t.app, { ...tokenForm(await sign()), client_assertion_type: 'urn:example:other' });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json()).toEqual({ error: 'invalid_request', error_description: 'The client_assertion_type is invalid.' });
  });

  it('supports only the client_credentials grant', async () => {
    await setup();
    const response = await postToken(t.app, { ...tokenForm(await sign()), grant_type: 'password' });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ error: string }>().error).toBe('unsupported_grant_type');
    const missing = await postToken(t.app, { scope: 'okta.users.read', client_assertion_type: CLIENT_ASSERTION_TYPE, client_assertion: await sign() });
    expect(missing.json<{ error: string }>().error).toBe('invalid_request');
  });

  it('rejects repeated parameters and bodies that are not forms', async () => {
    await setup();
    const assertion = await sign();
    const body = `${new URLSearchParams(tokenForm(assertion)).toString()}&scope=okta.logs.read`;
    const repeated = await t.app.inject({
      method: 'POST',
      url: '/oauth2/v1/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: body,
    });
    expect(repeated.statusCode).toBe(400);
    expect(repeated.json()).toEqual({ error: 'invalid_request', error_description: 'The request contained multiple parameters with the same name.' });

    const json = await t.app.inject({ method: 'POST', url: '/oauth2/v1/token', payload: tokenForm(await sign()) });
    expect(json.statusCode).toBe(400);
    expect(json.json<{ error: string }>().error).toBe('invalid_request');
  });
});

describe('POST /oauth2/v1/token: scopes', () => {
  it('rejects a scope the app was not granted (invalid_scope)', async () => {
    await setup();
    const assertion = await signAssertion({ clientId: limited.clientId, key: limited.key, nowMs: t.clock.now });
    const response = await postToken(t.app, tokenForm(assertion, 'okta.logs.read okta.users.read'));
    expect(response.statusCode).toBe(400);
    expect(response.json<{ error: string }>().error).toBe('invalid_scope');
  });

  it('rejects a request where none of the scopes is granted (no_org_scopes_granted)', async () => {
    await setup();
    const assertion = await signAssertion({ clientId: limited.clientId, key: limited.key, nowMs: t.clock.now });
    const response = await postToken(t.app, tokenForm(assertion, 'okta.users.read'));
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ error: 'consent_required', error_description: 'You are not allowed any of the requested scopes.' });
  });

  it.each([
    ['', 'invalid_scope'],
    ['openid okta.users.read', 'invalid_scope'],
    ['okta.users.read.self', 'client_credentials_self_scope_requested'],
  ])('rejects scope "%s" with %s', async (scope, error) => {
    await setup();
    const response = await postToken(t.app, tokenForm(await sign(), scope));
    expect(response.statusCode).toBe(400);
    expect(response.json<{ error: string }>().error).toBe(error);
  });

  it('grants exactly the requested subset', async () => {
    await setup();
    const response = await postToken(t.app, tokenForm(await sign(), 'okta.groups.read  okta.groups.read okta.apps.read'));
    expect(response.json<{ scope: string }>().scope).toBe('okta.groups.read okta.apps.read');
  });

  it('counts every token request, failed ones included', async () => {
    await setup();
    await fetchBearerToken(t, rsa);
    await postToken(t.app, tokenForm('garbage'));
    expect(t.ctx.stats.tokenRequests).toBe(2);
  });
});
