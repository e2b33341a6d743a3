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
let manager: TestClient;
let t: TestApp;
const bearer = fixture.bearer;
beforeEach(() => {
  ({ bearerClient, dpopClient, manager, t } = fixture);
});

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
