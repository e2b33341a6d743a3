import { afterEach, beforeAll, beforeEach } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { buildTestApp, makeKey, type TestApp, type TestClient } from './test-kit.js';

/**
 * The clients the resource-call suites share: a Bearer (non-DPoP) app, a DPoP-bound app and one holding only a
 * `.manage` scope, registered on a fresh test app before each test. Fields are filled by the hooks.
 */
export interface ClientFixture {
  bearerClient: TestClient;
  dpopClient: TestClient;
  manager: TestClient;
  t: TestApp;
  /** GET `url` with `Authorization: Bearer <token>`. */
  bearer: (url: string, token: string) => Promise<LightMyRequestResponse>;
}

export function useClientFixture(): ClientFixture {
  const fixture = {
    bearer: (url: string, token: string) => fixture.t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } }),
  } as ClientFixture;
  beforeAll(async () => {
    fixture.bearerClient = { clientId: '0oaBearer', key: await makeKey('RS256', 'b-1'), requireDpop: false };
    fixture.dpopClient = { clientId: '0oaBound', key: await makeKey('ES256', 'd-1') };
    fixture.manager = { clientId: '0oaManager', key: await makeKey('ES256', 'm-1'), requireDpop: false, scopes: ['okta.users.manage'] };
  });
  beforeEach(async () => {
    fixture.t = await buildTestApp([fixture.bearerClient, fixture.dpopClient, fixture.manager]);
  });
  afterEach(async () => {
    await fixture.t.app.close();
  });
  return fixture;
}
