import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defineCollector, type Collector } from '../collect/collector.js';
import { runSync } from '../collect/sync-run.js';
import { fakeFactors, fakeUsers, manualSchedule, statsOnlyClient } from '../collect/testing/fake-collectors.js';
import { silentLogger } from '../config/runtime.js';
import type { Store } from '../store/store.js';
import { makeLogEvent, makeUser, newOrg } from '../store/testing/fixtures.js';
import { testBackends } from '../store/testing/test-backends.js';
import { exportEvidence } from './export.js';
import { MANIFEST_FILE, type Manifest } from './manifest.js';
import { loadOrCreateSigningKey, type SigningKey } from './signing-key.js';

/*
 * Issue 14 item 1: a backfill finished over several syncs must export the sync that completed it, with the System
 * Log window (and so the events) that sync reached, not the window of the sync that began the snapshot.
 */

const backends = testBackends(process.env.TEST_DATABASE_URL);
const root = mkdtempSync(join(tmpdir(), 'okta-evidence-export-resumed-'));
afterAll(async () => {
  await Promise.all(backends.map((backend) => backend.dispose()));
  rmSync(root, { recursive: true, force: true });
});

const START = Date.UTC(2026, 2, 1, 12);
const MINUTE = 60_000;
let next = 0;

/**
 * A System Log reader that, on its first run, stores events up to ten minutes ago and reports the read as partial
 * (the budget ran out mid-log); on later runs it stores events up to now and reports the log complete.
 */
function resumableSystemLog(options: { partialFirstRun: boolean } = { partialFirstRun: true }): Collector {
  let runs = 0;
  return defineCollector({
    id: 'system-log',
    datasets: ['logEvents'],
    dependsOn: [],
    async collect(ctx) {
      runs += 1;
      const now = ctx.clock();
      const partial = runs === 1 && options.partialFirstRun;
      const reached = partial ? now - 10 * MINUTE : now;
      const from = ctx.logCursor?.until.getTime() ?? now - 60 * MINUTE;
      const events = [];
      for (let at = from + MINUTE; at <= reached; at += MINUTE) events.push(makeLogEvent({ uuid: `uuid-${at}`, published: new Date(at) }));
      await ctx.store.logEvents.insert(ctx.org, events);
      const total = await ctx.store.logEvents.count(ctx.org, { since: new Date(now - 7 * 86_400_000), until: new Date(reached) });
      return {
        datasets: [{ dataset: 'logEvents', state: partial ? 'partial' : 'complete', count: total }],
        errors: [],
        logCursor: { until: new Date(reached), lastUuids: [`uuid-${reached}`] },
      };
    },
  });
}

describe.each(backends.map((backend) => [backend.name, backend] as const))('evidence export after a resumed backfill on %s', (_name, backend) => {
  let store: Store;
  let key: SigningKey;
  let org: string;
  let now: number;
  beforeAll(async () => {
    ({ store } = await backend.open());
    key = await loadOrCreateSigningKey(join(root, `keys-${backend.name}`));
  });
  beforeEach(() => {
    org = newOrg();
    now = START;
  });
  const sync = (collectors: Collector[], schedule?: ReturnType<typeof manualSchedule>['schedule']) =>
    runSync({ store, client: statsOnlyClient(), org, collectors, clock: () => now, logger: silentLogger, schedule }, { trigger: 'cli', timeoutMs: 60_000 });
  const exportNow = async () => {
    const dir = join(root, `export-${(next += 1)}`);
    await exportEvidence({ store, org, outDir: dir, signingKey: key, now: () => new Date(now) });
    const manifest = JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8')) as Manifest;
    // The first line is the artifact's header; the events follow.
    const [header, ...lines] = readFileSync(join(dir, 'system-logs.jsonl'), 'utf8').split('\n').filter((line) => line !== '');
    expect(JSON.parse(header!)).toMatchObject({ header: { artifact: 'system-logs', org } });
    return { manifest, lines };
  };

  it('names the sync that completed the snapshot, and exports every event of its System Log window', async () => {
    const timer = manualSchedule();
    const users = fakeUsers({ users: 4 });
    const log = resumableSystemLog();
    const first = await sync([users, log, fakeFactors({ stallAfter: 2, onStall: timer.expire })], timer.schedule);
    expect(first.status).toBe('timed_out');

    now += 30 * MINUTE;
    const second = await sync([users, log, fakeFactors()]);
    expect(second).toMatchObject({ status: 'succeeded', resumed: true, snapshotId: first.snapshotId });

    expect((await store.snapshots.current(org))?.syncId).toBe(second.syncId);
    const { manifest, lines } = await exportNow();
    expect(manifest.syncId).toBe(second.syncId);
    expect(manifest.collectionWindow.systemLog?.until).toBe(new Date(now).toISOString());
    const stored = await store.logEvents.count(org, { since: new Date(now - 7 * 86_400_000), until: new Date(now) });
    expect(lines).toHaveLength(stored);
    expect(manifest.datasets.find((d) => d.dataset === 'logEvents')).toMatchObject({ count: stored });
    expect(manifest.artifacts.find((a) => a.id === 'system-logs')).toMatchObject({ complete: true, gaps: [] });
  });

  it('after a first sync killed with -9, exports the completing sync’s System Log window', async () => {
    const killed = await store.syncs.start({ org, trigger: 'cli', startedAt: new Date(START - 3 * 60 * MINUTE), timeoutMs: 60_000 });
    const snapshot = await store.snapshots.begin(org, { syncId: killed.id });
    await store.checkpoints.setBuildingSnapshot(org, snapshot.id);
    await store.entities.upsert('users', snapshot.id, [makeUser({ id: 'u000001' })]);
    await store.snapshots.setDatasets(snapshot.id, [{ dataset: 'users', state: 'complete', count: 1 }]);

    const again = await sync([fakeUsers({ users: 1 }), resumableSystemLog({ partialFirstRun: false }), fakeFactors()]);
    expect(again).toMatchObject({ status: 'succeeded', resumed: true, snapshotId: snapshot.id });

    const { manifest, lines } = await exportNow();
    expect(manifest.syncId).toBe(again.syncId);
    expect(manifest.collectionWindow.systemLog).not.toBeNull();
    expect(lines.length).toBeGreaterThan(0);
    expect(manifest.datasets.find((d) => d.dataset === 'logEvents')).toMatchObject({ count: lines.length });
  });
});
