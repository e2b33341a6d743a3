import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createConnection } from '../src/app/connections.js';
import { secretKeyLocation } from '../src/app/secrets/secret-key.js';
import type { CliIo } from '../src/cli/io.js';
import { runCli } from '../src/cli/program.js';
import { startSimulator, type SimulatorHandle } from '../src/simulator/server.js';
import { openDatabase } from '../src/store/database.js';
import type { ConnectionRecord } from '../src/store/connection-types.js';
import { TEST_CLIENT } from './sync-cli-kit.js';

let dir: string;
let db: string;
let sim: SimulatorHandle;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'oe-run-'));
  db = join(dir, 'evidence.sqlite');
  sim = await startSimulator({ users: 15, seed: 5, rateLimits: 'off', port: 0 });
});
afterEach(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

async function connect(name: string, domain: string, env: Record<string, string> = {}): Promise<ConnectionRecord> {
  const store = await openDatabase(db);
  try {
    const saved = await createConnection(
      { store, secretKey: secretKeyLocation(db, env), actor: 'cli:test', clientTuning: TEST_CLIENT },
      { name, domain, baseUrl: sim.baseUrl, credential: { kind: 'ssws', token: sim.token }, skipTest: true },
    );
    return saved.connection;
  } finally {
    await store.close();
  }
}

async function readConnection(id: string): Promise<ConnectionRecord | undefined> {
  const store = await openDatabase(db);
  try {
    return await store.connections.get(id);
  } finally {
    await store.close();
  }
}

/** `okta-evidence run` in this process, stopped (as by SIGTERM) when the test says. */
function startRun(args: string[], env: Record<string, string> = {}) {
  const err: string[] = [];
  let stop: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const io: CliIo = { out: (line) => err.push(line), err: (line) => err.push(line), untilStopped: () => stopped, isTTY: false, env };
  const exit = runCli(['run', ...args], io, { clientTuning: TEST_CLIENT });
  return { err, exit, stop };
}

describe('okta-evidence run (embedded scheduler, SQLite)', () => {
  it('syncs a new connection at once with tests and evidence, marks one whose credential cannot be opened unhealthy, and stops with exit 0', async () => {
    const good = await connect('acme', 'acme.okta.com');
    // Sealed under another secret key than the installation's key file: this installation cannot open it.
    const locked = await connect('locked', 'locked.okta.com', { OKTA_EVIDENCE_SECRET_KEY: Buffer.alloc(32, 7).toString('base64') });
    const run = startRun(['--db', db]);

    await vi.waitFor(async () => expect((await readConnection(good.id))?.schedule.lastSyncId).toEqual(expect.any(String)), { timeout: 60_000, interval: 200 });
    const synced = await readConnection(good.id);
    expect(synced?.health).toMatchObject({ state: 'healthy', consecutiveFailures: 0, pausedReason: null });
    // The next sync is planned one interval (6 h by default) later, with up to 10 minutes of jitter.
    const next = (synced?.schedule.nextRunAt?.getTime() ?? 0) - (synced?.schedule.lastSyncAt?.getTime() ?? 0);
    expect(next).toBeGreaterThanOrEqual(6 * 3_600_000);
    expect(next).toBeLessThanOrEqual(6 * 3_600_000 + 10 * 60_000);
    const exports = await readdir(join(dir, 'evidence', 'acme.okta.com'));
    expect(exports).toHaveLength(1);

    await vi.waitFor(async () => expect((await readConnection(locked.id))?.health.state).toBe('unhealthy'), { timeout: 30_000, interval: 200 });
    const failing = await readConnection(locked.id);
    expect(failing?.health.reason).toMatch(/secret key|decrypt|cannot be opened/i);
    expect(failing?.schedule.nextRunAt?.getTime()).toBeGreaterThan(Date.now());

    run.stop();
    expect(await run.exit).toBe(0);
    expect(run.err.join('\n')).toContain('Stopped.');
    expect(run.err.join('\n')).not.toContain(sim.token);
  }, 120_000);

  it('says loudly that the benchmark-only scaled schedule is on, and refuses a bad one with exit 2 before starting', async () => {
    const scaled = startRun(['--db', db], { OKTA_EVIDENCE_BENCH_SCHEDULE_SCALE: '120', OKTA_EVIDENCE_BENCH_SCHEDULE_ORIGIN: String(Date.now()) });
    await vi.waitFor(() => expect(scaled.err.some((line) => line.startsWith('Scheduler running'))).toBe(true), { timeout: 30_000, interval: 100 });
    expect(scaled.err[0]).toMatch(/^WARNING: OKTA_EVIDENCE_BENCH_SCHEDULE_SCALE=120 is a benchmark setting/);
    scaled.stop();
    expect(await scaled.exit).toBe(0);

    const bad = startRun(['--db', db], { OKTA_EVIDENCE_BENCH_SCHEDULE_SCALE: '120' });
    expect(await bad.exit).toBe(2);
    expect(bad.err).toEqual([expect.stringMatching(/^error: OKTA_EVIDENCE_BENCH_SCHEDULE_SCALE and OKTA_EVIDENCE_BENCH_SCHEDULE_ORIGIN go together/)]);
  });

  it('worker refuses SQLite with a usage error that names run', async () => {
    const err: string[] = [];
    const io: CliIo = { out: () => undefined, err: (line) => err.push(line), untilStopped: () => new Promise(() => undefined), env: {} };
    expect(await runCli(['worker', '--db', db], io)).toBe(2);
    expect(err).toEqual(['error: worker needs a PostgreSQL database (--db postgres://…): on SQLite run the embedded scheduler with `okta-evidence run`.']);
  });
});
