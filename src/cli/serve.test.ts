import { afterAll, describe, expect, it } from 'vitest';
import { relaySyncProgress } from '../app/shared-sync-progress.js';
import { createSyncProgressHub, type SyncProgressEvent } from '../app/sync-progress-hub.js';
import { silentLogger } from '../config/runtime.js';
import { eventually } from '../store/testing/eventually.js';
import { availableBackends, POSTGRES_HINT } from '../store/testing/test-backends.js';
import { runCli } from './program.js';
import type { ServeDeps } from './serve.js';
import { captureIo, tempDatabases } from './testing/seed-store.js';

const databases = tempDatabases();
afterAll(() => databases.dispose());

type StartOptions = Parameters<NonNullable<ServeDeps['startServer']>>[0];

/** A `serve` whose HTTP side is a recorder, stopped as soon as it has started. */
async function serve(args: string[]): Promise<{ code: number; out: string[]; err: string[]; started: StartOptions[] }> {
  const { io, out, err } = captureIo();
  const started: StartOptions[] = [];
  const code = await runCli(['serve', ...args], { ...io, untilStopped: () => Promise.resolve() }, {
    startServer: (options) => {
      started.push(options);
      return Promise.resolve({ url: `http://${options.host}:${options.port}`, close: () => Promise.resolve() });
    },
  });
  return { code, out, err, started };
}

describe('serve and users', () => {
  it('prints a one-time setup link on first start, on loopback without warning', async () => {
    const db = databases.path('first.sqlite');
    const first = await serve(['--db', db, '--no-scheduler', '--port', '3999']);
    expect(first.code).toBe(0);
    expect(first.started[0]).toMatchObject({ host: '127.0.0.1', port: 3999, trustProxy: false });
    expect(first.out.join('\n')).toMatch(/http:\/\/127\.0\.0\.1:3999\/setup#token=oesetup_[A-Za-z0-9_-]{43}/);
    expect(first.err).toEqual([]);
  });

  it('warns when listening beyond loopback without TLS or a trusted proxy', async () => {
    const db = databases.path('wide.sqlite');
    expect((await serve(['--db', db, '--no-scheduler', '--host', '0.0.0.0'])).err.join('\n')).toContain('without TLS or a trusted proxy');
    expect((await serve(['--db', db, '--no-scheduler', '--host', '0.0.0.0', '--trust-proxy'])).err).toEqual([]);
    expect((await serve(['--db', db, '--no-scheduler', '--tls-cert', 'x.pem'])).code).toBe(2);
  });

  it('users create reads the password from stdin; a setup link only while no user exists', async () => {
    const db = databases.path('users.sqlite');
    const link = captureIo();
    expect(await runCli(['users', 'create', '--role', 'admin', '--db', db], link.io)).toBe(0);
    expect(link.out.join('\n')).toMatch(/\/setup#token=oesetup_/);

    const create = captureIo();
    const code = await runCli(['users', 'create', '--role', 'auditor', '--email', 'Audit@Example.com', '--password-stdin', '--db', db], create.io, { readStdin: () => Promise.resolve('a long enough password\n') });
    expect(code).toBe(0);
    expect(create.out).toEqual(['Created auditor audit@example.com.']);
    const weak = captureIo();
    expect(await runCli(['users', 'create', '--role', 'auditor', '--email', 'b@example.com', '--password-stdin', '--db', db], weak.io, { readStdin: () => Promise.resolve('short') })).toBe(2);
    expect(weak.err.join('\n')).toContain('at least 12 characters');
    const again = captureIo();
    expect(await runCli(['users', 'create', '--role', 'admin', '--db', db], again.io)).toBe(2);
    const list = captureIo();
    expect(await runCli(['users', 'list', '--db', db], list.io)).toBe(0);
    expect(list.out).toEqual(['audit@example.com\tauditor']);
    expect((await serve(['--db', db, '--no-scheduler'])).out.join('\n')).not.toContain('setup#token');
  });
});

const postgresUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(postgresUrl === undefined)(`serve on PostgreSQL${postgresUrl === undefined ? ` (skipped: ${POSTGRES_HINT})` : ''}`, () => {
  const backends = availableBackends(postgresUrl);
  afterAll(() => Promise.all(backends.map((backend) => backend.dispose())));

  it('streams the progress of a sync another process runs (a worker relaying it)', async () => {
    const postgres = backends.find((backend) => backend.name === 'postgres');
    if (postgres === undefined) throw new Error('TEST_DATABASE_URL names a PostgreSQL server');
    const { store: workerStore, url } = await postgres.open();
    if (workerStore.syncProgressChannel === undefined) throw new Error('a PostgreSQL store has a sync progress channel');
    let stop: () => void = () => undefined;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const { io } = captureIo();
    let started: StartOptions | undefined;
    const serving = runCli(['serve', '--db', url, '--no-scheduler'], { ...io, untilStopped: () => stopped }, {
      startServer: (options) => {
        started = options;
        return Promise.resolve({ url: 'http://127.0.0.1:0', close: () => Promise.resolve() });
      },
    });
    try {
      while (started === undefined) await new Promise((resolve) => setTimeout(resolve, 10));
      const seen: SyncProgressEvent[] = [];
      started.syncProgress?.subscribe('acme.okta.com', (event) => seen.push(event));
      const worker = createSyncProgressHub();
      relaySyncProgress(worker, workerStore.syncProgressChannel, silentLogger);
      // serve listens from its start; its connection may still be opening: report until it hears.
      await eventually(() => seen.length > 0, { attempt: () => worker.listenerFor('acme.okta.com').datasetFinished?.({ dataset: 'users', state: 'complete', count: 500 }), everyMs: 50 });
      expect(seen[0]).toEqual({ type: 'datasetFinished', status: { dataset: 'users', state: 'complete', count: 500 } });
    } finally {
      stop();
      expect(await serving).toBe(0);
    }
  });
});
