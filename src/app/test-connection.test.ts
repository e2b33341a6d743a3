import { exportSPKI, generateKeyPair } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { createOAuthAuth, oauthTokenUrl, type DpopMode } from '../okta/auth/oauth.js';
import { createSswsAuth } from '../okta/auth/ssws.js';
import type { SimulatorOptionsInput } from '../simulator/options.js';
import { generateOrg } from '../simulator/org/generate.js';
import { startSimulator, type SimulatorHandle } from '../simulator/server.js';
import { testConnection, type TestConnectionReport } from './test-connection.js';

const DOMAIN = 'example.okta.com';
const FAST = { retry: { baseDelayMs: 5, maxDelayMs: 20 } };
const running: SimulatorHandle[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((sim) => sim.close()));
});

async function simulator(options: SimulatorOptionsInput = {}, pipeline?: 'v1'): Promise<SimulatorHandle> {
  const org = pipeline === undefined ? undefined : { ...generateOrg({ users: 5, seed: 4, now: Date.now() }), pipeline };
  const sim = await startSimulator({ users: 5, seed: 4, rateLimits: 'off', port: 0, ...options }, org === undefined ? {} : { org });
  running.push(sim);
  return sim;
}

function stateOf(report: TestConnectionReport): Record<string, string> {
  return Object.fromEntries(report.datasets.map((d) => [d.id, d.state]));
}

async function oauthSetup(requireDpop: boolean, scopes: string[]) {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const sim = await simulator({ oauthClients: [{ clientId: '0oaservice', publicKey: await exportSPKI(publicKey), requireDpop, scopes }] });
  const auth = (dpop: DpopMode, requested = scopes) =>
    createOAuthAuth({ tokenUrl: oauthTokenUrl(new URL(sim.baseUrl)), clientId: '0oaservice', privateKey, alg: 'RS256', dpop, scopes: requested });
  return { sim, auth };
}

describe('testConnection against the simulator', () => {
  it('reads the org id and pipeline and finds every dataset readable with a read-only token', async () => {
    const sim = await simulator();
    const report = await testConnection({ domain: DOMAIN, baseUrl: new URL(sim.baseUrl), auth: createSswsAuth(sim.token), clientTuning: FAST });
    expect(report.fatal).toBeNull();
    expect(report.org).toMatchObject({ orgId: sim.org.orgId, pipeline: 'idx' });
    expect(report.canReadUsers).toBe(true);
    expect(stateOf(report)).toEqual({
      users: 'readable',
      factors: 'readable',
      groups: 'readable',
      apps: 'readable',
      appAssignments: 'readable',
      'policies:PASSWORD': 'readable',
      'policies:MFA_ENROLL': 'readable',
      'policies:OKTA_SIGN_ON': 'readable',
      'policies:ACCESS_POLICY': 'readable',
      logEvents: 'readable',
      adminRoles: 'readable',
    });
    expect(report.datasets.find((d) => d.id === 'factors')?.request).toBe('GET /api/v1/users/{id}/factors');
    // One metadata read plus one request per dataset: a test costs the rate limit next to nothing.
    expect(sim.stats().requests).toBeLessThanOrEqual(11);
  });

  it('says a rejected token is the problem (401 and what to check), and that users cannot be read', async () => {
    const sim = await simulator();
    const report = await testConnection({ domain: DOMAIN, baseUrl: new URL(sim.baseUrl), auth: createSswsAuth('00wrong-token-0123456789abcdefghijklmno'), clientTuning: FAST });
    expect(report.canReadUsers).toBe(false);
    expect(report.fatal?.code).toBe('CREDENTIAL_REJECTED');
    expect(report.fatal?.message).toMatch(/API token is invalid or expired .*30 days unused/);
    expect(new Set(Object.values(stateOf(report)))).toEqual(new Set(['failing']));
    expect(JSON.stringify(report)).not.toContain('00wrong-token');
  });

  it('names the scope to grant for each dataset an OAuth app may not read', async () => {
    const scopes = ['okta.users.read', 'okta.groups.read', 'okta.apps.read', 'okta.policies.read'];
    const { sim, auth } = await oauthSetup(false, scopes);
    const report = await testConnection({ domain: DOMAIN, baseUrl: new URL(sim.baseUrl), auth: auth(false), clientTuning: FAST });
    expect(report.fatal).toBeNull();
    expect(report.canReadUsers).toBe(true);
    const logs = report.datasets.find((d) => d.id === 'logEvents');
    const roles = report.datasets.find((d) => d.id === 'adminRoles');
    expect(logs).toMatchObject({ state: 'not_permitted', permissionNeeded: "the okta.logs.read scope, granted on the app's Okta API Scopes tab" });
    expect(roles).toMatchObject({ state: 'not_permitted', permissionNeeded: "the okta.roles.read scope, granted on the app's Okta API Scopes tab" });
    expect(stateOf(report).users).toBe('readable');
  });

  it('says DPoP is required with the flag values on|auto|off when the app requires it and the connection has it off', async () => {
    const { sim, auth } = await oauthSetup(true, ['okta.users.read']);
    const report = await testConnection({ domain: DOMAIN, baseUrl: new URL(sim.baseUrl), auth: auth(false), clientTuning: FAST });
    expect(report.canReadUsers).toBe(false);
    expect(report.fatal?.message).toContain('--dpop on or --dpop auto (the flag takes on|auto|off)');
    const fixed = await testConnection({ domain: DOMAIN, baseUrl: new URL(sim.baseUrl), auth: auth('auto'), clientTuning: FAST });
    expect(fixed.canReadUsers).toBe(true);
  });

  it('says the domain is wrong when no Okta org answers there, and tries nothing else', async () => {
    const report = await testConnection({ domain: DOMAIN, baseUrl: new URL('http://127.0.0.1:9'), auth: createSswsAuth('00token-0123456789abcdefghijklmnopqrstu') });
    expect(report.org).toBeNull();
    expect(report.fatal?.code).toBe('OKTA_NETWORK_ERROR');
    expect(report.fatal?.message).toContain('Check the Okta domain');
    expect(report.datasets.every((d) => d.state === 'failing' && d.reason?.startsWith('not tried: cannot reach'))).toBe(true);
  });

  it('refuses an org other than the recorded one, naming both org ids', async () => {
    const sim = await simulator();
    const report = await testConnection({
      domain: DOMAIN,
      baseUrl: new URL(sim.baseUrl),
      auth: createSswsAuth(sim.token),
      expectedOrgId: '00oRECORDED000000001',
      connectionName: 'acme',
    });
    expect(report.fatal?.code).toBe('ORG_MISMATCH');
    expect(report.fatal?.message).toContain(`now answers as Okta org ${sim.org.orgId}, but connection "acme" was recorded for org 00oRECORDED000000001`);
    expect(report.canReadUsers).toBe(false);
    expect(sim.stats().requests).toBe(0);
  });

  it('skips app sign-in policies on a Classic Engine org', async () => {
    const sim = await simulator({}, 'v1');
    const report = await testConnection({ domain: DOMAIN, baseUrl: new URL(sim.baseUrl), auth: createSswsAuth(sim.token), clientTuning: FAST });
    expect(report.org?.pipeline).toBe('v1');
    expect(report.datasets.find((d) => d.id === 'policies:ACCESS_POLICY')).toMatchObject({ state: 'skipped', reason: 'a Classic Engine org has no app sign-in policies' });
  });
});
