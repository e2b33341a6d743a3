import { describe, expect, it } from 'vitest';
import { buildSimulatorApp } from '../server.js';
import { simulatorOptionsSchema } from '../options.js';
import { buildOrg, inferPipeline } from '../org/build.js';
import { generateOrg } from '../org/generate.js';
import { newStats } from '../stats.js';
import { craftedOrg, NOW } from './test-kit.js';
import type { SimOrg, SimPolicy } from '../org/types.js';

/** The whole simulator (auth hooks included), so the test shows the endpoint answers without credentials. */
async function fullSimulator(org: SimOrg) {
  const app = buildSimulatorApp({ org, options: simulatorOptionsSchema.parse({}), stats: newStats(), clock: () => NOW, baseUrl: 'http://127.0.0.1:9999' });
  await app.ready();
  return app;
}

describe('GET /.well-known/okta-organization', () => {
  it('serves the org id, pipeline and link without authentication, as Okta does', async () => {
    const app = await fullSimulator(buildOrg({ ...craftedOrg(), orgId: '00oEXAMPLE0000000001', pipeline: 'v1' }));
    const res = await app.inject({ method: 'GET', url: '/.well-known/okta-organization' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      id: '00oEXAMPLE0000000001',
      pipeline: 'v1',
      _links: { organization: { href: 'http://127.0.0.1:9999' } },
      settings: { analyticsCollectionEnabled: false, bugReportingEnabled: true, omEnabled: false },
      'x-okta-evidence-simulator': 'simulated org, not a real Okta org',
    });
    // The management API next to it still wants a token.
    expect((await app.inject({ method: 'GET', url: '/api/v1/users' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: '/.well-known/okta-organization' })).statusCode).toBe(405);
    await app.close();
  });

  it('gives a generated org the same id for the same seed, another for another seed, and Identity Engine', () => {
    const a = generateOrg({ users: 5, seed: 1, now: NOW });
    expect(a.orgId).toMatch(/^00o[0-9A-Za-z]{17}$/);
    expect(generateOrg({ users: 50, seed: 1, now: NOW }).orgId).toBe(a.orgId);
    expect(generateOrg({ users: 5, seed: 2, now: NOW }).orgId).not.toBe(a.orgId);
    expect(a.pipeline).toBe('idx');
  });

  it('reads the pipeline from the policies when an org file does not say it, and keeps a named org id stable', () => {
    expect(inferPipeline([])).toBe('v1');
    const crafted = buildOrg(craftedOrg());
    expect(crafted.pipeline).toBe(inferPipeline(crafted.policies));
    expect(buildOrg({ name: 'acme' }).orgId).toBe(buildOrg({ name: 'acme' }).orgId);
    expect(buildOrg({ name: 'acme' }).orgId).not.toBe(buildOrg({ name: 'globex' }).orgId);
    const mfaEnroll = (id: string, settings: Record<string, unknown>): SimPolicy => ({
      id,
      type: 'MFA_ENROLL',
      name: id,
      description: null,
      status: 'ACTIVE',
      priority: 1,
      system: false,
      conditions: null,
      settings,
      created: '2026-01-01T00:00:00.000Z',
      lastUpdated: '2026-01-01T00:00:00.000Z',
    });
    const classic = mfaEnroll('p1', { factors: {} });
    expect(inferPipeline([classic])).toBe('v1');
    expect(inferPipeline([classic, mfaEnroll('p2', { authenticators: [] })])).toBe('idx');
  });
});
