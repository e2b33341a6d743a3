import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretKeyLocation } from '../app/secrets/secret-key.js';
import { silentLogger } from '../config/runtime.js';
import { startProductScheduler, type ProductScheduler } from '../schedule/product-scheduler.js';
import { DEMO_GITHUB_SERVICE } from './demo-github.js';
import { startDemoOrg } from './serve-demo.js';
import { captureIo } from './testing/seed-store.js';

/* `npm start` (`serve --demo`): the simulated Okta org and, beside it, a simulated GitHub organization with verdicts. */

let dir: string;
let databaseUrl: string;
let scheduler: ProductScheduler;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'oe-serve-demo-'));
  databaseUrl = join(dir, 'db.sqlite');
  scheduler = await startProductScheduler({ databaseUrl, env: {}, logger: silentLogger });
});
afterAll(async () => {
  await scheduler.close();
  await rm(dir, { recursive: true, force: true });
});

async function startAndStop(): Promise<string[]> {
  const { io, out } = captureIo();
  const demo = await startDemoOrg({ store: scheduler.store, secretKey: secretKeyLocation(databaseUrl, {}), scheduler: scheduler.scheduler, io });
  await demo.close();
  expect(demo.githubService).toBe(DEMO_GITHUB_SERVICE);
  return out;
}

describe('serve --demo', () => {
  it('connects and syncs a simulated GitHub organization beside the Okta org: passthrough verdicts and the service’s evidence, kept across restarts', async () => {
    const out = await startAndStop();
    expect(out.join('\n')).toMatch(/Synced GitHub example-eng \(simulated\): \d+ pass \([1-9]\d* by Okta passthrough, \d+ by GitHub 2FA\), [1-9]\d* fail/);
    const store = scheduler.store;
    const service = await store.downstream.findServiceByName(DEMO_GITHUB_SERVICE);
    if (service === undefined) throw new Error('no demo GitHub service');
    const evaluation = await store.passthrough.latestEvaluation(service.id);
    expect(evaluation?.counts.passByPassthrough).toBeGreaterThan(0);
    // The SSO link rests on an attestation that says it is the simulator's setting.
    expect(JSON.stringify(evaluation?.evaluation)).toContain('SIMULATED: the simulated GitHub organization example-eng enforces SAML SSO');
    const folder = join(dir, 'evidence', 'demo.okta.com', 'downstream', service.id);
    expect(await readdir(folder)).toHaveLength(1);

    // A restart serves GitHub on a new port: a new connection, the same service, its chain going on.
    await startAndStop();
    expect((await store.downstream.listServices()).map((s) => s.id)).toEqual([service.id]);
    expect((await store.githubConnections.list()).map((c) => c.name)).toEqual(['demo-github']);
    expect(await readdir(folder)).toHaveLength(2);
    expect((await store.evidenceChain.head(`downstream:${service.id}`))?.sequence).toBe(2);
  }, 240_000);
});
