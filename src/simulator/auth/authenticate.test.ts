import { beforeEach, describe, expect, it } from 'vitest';
import { useClientFixture } from './client-fixture.js';
import {
  BASE_URL,
  callWithDpop,
  fetchBearerToken,
  fetchDpopToken,
  type TestApp,
  type TestClient,
} from './test-kit.js';

const fixture = useClientFixture();
let bearerClient: TestClient;
let dpopClient: TestClient;
let t: TestApp;
const bearer = fixture.bearer;
beforeEach(() => {
  ({ bearerClient, dpopClient, t } = fixture);
});

describe('Bearer access tokens on /api/v1', () => {
  it('authenticates a Bearer token and sets an oauth principal keyed by the client', async () => {
    const token = await fetchBearerToken(t, bearerClient);
    const response = await bearer('/api/v1/users', token);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      principal: { kind: 'oauth', tokenId: bearerClient.clientId, clientId: bearerClient.clientId, scopes: ['okta.users.read'], dpopJkt: null },
    });
  });

  it('answers an unknown token with 401 E0000011 and an invalid_token challenge, never echoing the token', async () => {
    const response = await bearer('/api/v1/users?limit=5', 'made-up-token-value');
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ errorCode: 'E0000011' });
    expect(response.headers['www-authenticate']).toBe(
      `Bearer authorization_uri="${BASE_URL}/oauth2/v1/authorize", realm="${BASE_URL}", scope="okta.users.read", ` +
        `error="invalid_token", error_description="The access token is invalid.", resource="/api/v1/users"`,
    );
    expect(response.body + String(response.headers['www-authenticate'])).not.toContain('made-up-token-value');
  });

  it('challenges without a scope parameter on paths that declare none', async () => {
    const response = await bearer('/api/v1/no-such-route', 'made-up-token-value');
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).not.toContain('scope=');
  });

  it('expires tokens after one hour of the injected clock', async () => {
    const token = await fetchBearerToken(t, bearerClient);
    t.clock.advance(3599_000);
    expect((await bearer('/api/v1/users', token)).statusCode).toBe(200);
    t.clock.advance(1000);
    const expired = await bearer('/api/v1/users', token);
    expect(expired.statusCode).toBe(401);
    expect(expired.json()).toMatchObject({ errorCode: 'E0000011' });
    expect(expired.headers['www-authenticate']).toContain('error_description="The token has expired."');
  });

  it('rejects a Bearer token presented with the DPoP scheme', async () => {
    const token = await fetchBearerToken(t, bearerClient);
    const response = await callWithDpop(t, bearerClient, token, '/api/v1/users');
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toContain('error_description="The presented access_token is not DPoP bound."');
  });
});

describe('revokeTokenAfterRequests fault', () => {
  it('revokes each access token after N authenticated requests; a new token works again', async () => {
    t.ctx.options.faults.revokeTokenAfterRequests = 3;
    const first = await fetchBearerToken(t, bearerClient);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await bearer('/api/v1/users', first)).statusCode);
    expect(statuses).toEqual([200, 200, 200, 401]);
    const revoked = await bearer('/api/v1/users', first);
    expect(revoked.json()).toMatchObject({ errorCode: 'E0000011' });
    expect(revoked.headers['www-authenticate']).toContain('error_description="The access token has been revoked."');

    const second = await fetchBearerToken(t, bearerClient);
    expect((await bearer('/api/v1/users', second)).statusCode).toBe(200);
  });

  it('applies to DPoP-bound tokens too, and follows fault changes at request time', async () => {
    const token = await fetchDpopToken(t, dpopClient);
    expect((await callWithDpop(t, dpopClient, token, '/api/v1/users')).statusCode).toBe(200);
    t.ctx.options.faults.revokeTokenAfterRequests = 1;
    const revoked = await callWithDpop(t, dpopClient, token, '/api/v1/users');
    expect(revoked.statusCode).toBe(401);
    expect(String(revoked.headers['www-authenticate'])).toMatch(/^DPoP /);
    t.ctx.options.faults.revokeTokenAfterRequests = 5;
    expect((await callWithDpop(t, dpopClient, token, '/api/v1/users')).statusCode).toBe(200);
  });
});
