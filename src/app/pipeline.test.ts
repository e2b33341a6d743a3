import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_COLLECTORS } from '../collect/index.js';
import { createSswsAuth } from '../okta/auth/ssws.js';
import { startSimulator, type SimulatorHandle } from '../simulator/server.js';
import { openDatabase } from '../store/database.js';
import { verifyEvidenceExport } from './evidence.js';
import { runSyncPipeline, type SyncPipelineInput } from './pipeline.js';

const DOMAIN = 'example.okta.com';
let sim: SimulatorHandle;
let scratch: string;

beforeAll(async () => {
  sim = await startSimulator({ users: 30, seed: 5, rateLimits: 'off', port: 0 });
  scratch = mkdtempSync(join(tmpdir(), 'okta-evidence-pipeline-'));
});
afterAll(async () => {
  await sim.close();
  rmSync(scratch, { recursive: true, force: true });
});

function input(name: string, overrides: Partial<SyncPipelineInput> = {}): SyncPipelineInput {
  let minute = 0;
  return {
    org: DOMAIN,
    baseUrl: new URL(sim.baseUrl),
    auth: createSswsAuth(sim.token),
    database: join(scratch, `${name}.sqlite`),
    collectors: ALL_COLLECTORS,
    trigger: 'schedule',
    timeoutMs: 60_000,
    logWindowDays: 7,
    evidence: { folder: join(scratch, name, 'evidence'), keyDir: join(scratch, name, 'keys'), keep: 2 },
    clientTuning: { retry: { baseDelayMs: 5, maxDelayMs: 50 } },
    // A distinct export folder per run, in order.
    now: () => new Date(Date.UTC(2026, 11, 2, 8, minute++)),
    ...overrides,
  };
}

const exportsIn = (folder: string) => readdirSync(folder).filter((name) => !name.startsWith('.')).sort();

describe('runSyncPipeline', () => {
  it('syncs, runs the tests over the new snapshot and writes a verifiable export, keeping the newest N', async () => {
    const first = await runSyncPipeline(input('kept'));
    expect(first.sync).toMatchObject({ status: 'succeeded', complete: true });
    expect(first.skipped).toBeUndefined();
    expect(first.tests?.snapshotId).toBe(first.sync.snapshotId);
    expect(first.tests?.results.length).toBeGreaterThan(0);
    expect(first.evidence?.sequence).toBe(1);
    const verified = await verifyEvidenceExport({ path: first.evidence?.directory ?? '', trustedKeyFile: join(scratch, 'kept', 'keys', 'evidence-ed25519.pub.pem') });
    expect(verified.report.ok).toBe(true);
    expect(verified.report.manifest?.securityTests).toMatchObject({ included: true });

    const second = await runSyncPipeline(input('kept'));
    const third = await runSyncPipeline(input('kept'));
    expect(third.evidence?.sequence).toBe(3);
    // keep: 2 — the first export went, the chain still names it.
    expect(third.prunedExports).toEqual([first.evidence?.directory]);
    expect(exportsIn(join(scratch, 'kept', 'evidence'))).toEqual([second.evidence?.directory, third.evidence?.directory].map((path) => path?.split('/').at(-1)));
  });

  it('after a failed sync writes nothing: the last good export stays the newest', async () => {
    const good = await runSyncPipeline(input('failing'));
    expect(good.sync.status).toBe('succeeded');
    const before = exportsIn(join(scratch, 'failing', 'evidence'));

    const failed = await runSyncPipeline(input('failing', { auth: createSswsAuth('00wrongTokenForThePipelineTest000000000000') }));
    expect(failed.sync.status).toBe('failed');
    expect(failed.tests).toBeUndefined();
    expect(failed.evidence).toBeUndefined();
    expect(failed.skipped).toBe('the sync failed: tests and evidence wait for a successful sync');
    expect(exportsIn(join(scratch, 'failing', 'evidence'))).toEqual(before);

    const timedOut = await runSyncPipeline(input('failing', { timeoutMs: 1 }));
    expect(timedOut.sync.status).toBe('timed_out');
    expect(timedOut.evidence).toBeUndefined();
    expect(exportsIn(join(scratch, 'failing', 'evidence'))).toEqual(before);
  });

  it('uses an open store as it is and leaves it open', async () => {
    const store = await openDatabase(join(scratch, 'shared.sqlite'));
    try {
      const outcome = await runSyncPipeline(input('shared', { database: store }));
      expect(outcome.sync.status).toBe('succeeded');
      expect(await store.snapshots.currentOrgs()).toEqual([DOMAIN]);
    } finally {
      await store.close();
    }
  });
});
