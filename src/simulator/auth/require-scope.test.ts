import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  BASE_URL,
  buildTestApp,
  callWithDpop,
  fetchBearerToken,
  fetchDpopToken,
  makeKey,
  type TestApp,
  type TestClient,
} from './test-kit.js';

let bearerClient: TestClient;
let dpopClient: TestClient;
let manager: TestClient;
let t: TestApp;

beforeAll(async () => {
  bearerClient = { clientId: '0oaBearer', key: await makeKey('RS256', 'b-1'), requireDpop: false };
  dpopClient = { clientId: '0oaBound', key: await makeKey('ES256', 'd-1') };
  manager = { clientId: '0oaManager', key: await makeKey('ES256', 'm-1'), requireDpop: false, scopes: ['okta.users.manage'] };
});
beforeEach(async () => {
  t = await buildTestApp([bearerClient, dpopClient, manager]);
});
afterEach(async () => {
  await t.app.close();
});

const bearer = (url: string, token: string) => t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

describe('scope enforcement', () => {
  it('answers a missing scope with 403, an insufficient_scope challenge and an E0000006 body', async () => {
    const token = await fetchBearerToken(t, bearerClient);
    const response = await bearer('/api/v1/logs', token);
    expect(response.statusCode).toBe(403);
    expect(response.headers['www-authenticate']).toBe(
      `Bearer authorization_uri="${BASE_URL}/oauth2/v1/authorize", realm="${BASE_URL}", scope="okta.logs.read", ` +
        `error="insufficient_scope", error_description="The access token provided does not contain the required scopes.", ` +
        `resource="/api/v1/logs"`,
    );
    expect(response.json()).toMatchObject({ errorCode: 'E0000006', errorLink: 'E0000006' });
  });

  it('uses the DPoP scheme in the challenge for a DPoP-bound token', async () => {
    const token = await fetchDpopToken(t, dpopClient);
    const response = await callWithDpop(t, dpopClient, token, '/api/v1/logs');
    expect(response.statusCode).toBe(403);
    expect(String(response.headers['www-authenticate'])).toMatch(/^DPoP algs="RS256 RS384 RS512 ES256 ES384 ES512", .*error="insufficient_scope"/);
  });

  it('lets a .manage scope cover the matching .read scope', async () => {
    const token = await fetchBearerToken(t, manager, 'okta.users.manage');
    expect((await bearer('/api/v1/users', token)).statusCode).toBe(200);
    expect((await bearer('/api/v1/logs', token)).statusCode).toBe(403);
  });
});
