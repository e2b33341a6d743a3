import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeSummary } from '../collect/change-scope.js';
import type { Logger } from '../config/runtime.js';
import { openDatabase } from '../store/database.js';
import { MAX_MESSAGE_BYTES } from '../store/postgres/message-channel.js';
import type { MessageChannel, Store } from '../store/store.js';
import { eventually } from '../store/testing/eventually.js';
import { availableBackends, POSTGRES_HINT, type TestBackend } from '../store/testing/test-backends.js';
import { hearSyncProgress, relaySyncProgress } from './shared-sync-progress.js';
import { createSyncProgressHub, type SyncProgressEvent } from './sync-progress-hub.js';

const ORG = 'acme.okta.com';

/** Every process's channel in one: a published message reaches every listener at once, the sender's too (as NOTIFY does). */
function fakeChannel(): MessageChannel & { sent: string[]; failWith?: Error } {
  const listeners = new Set<(message: string) => void>();
  const channel: MessageChannel & { sent: string[]; failWith?: Error } = {
    sent: [],
    publish(message) {
      if (channel.failWith !== undefined) return Promise.reject(channel.failWith);
      channel.sent.push(message);
      for (const listener of listeners) listener(message);
      return Promise.resolve();
    },
    listen(onMessage) {
      listeners.add(onMessage);
      return () => listeners.delete(onMessage);
    },
  };
  return channel;
}

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, debug: () => undefined, info: () => undefined, warn: (_fields, message) => warnings.push(message ?? '') };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

const summary: ChangeSummary = { users: 2, factors: 1, groupMemberships: 0, apps: 0, appAssignments: 3, policies: 0, logCutoff: new Date('2026-12-01T10:00:00.000Z'), logComplete: true };

it('a sync in one process reaches the watchers of another, in order and once, also where the sync runs', async () => {
  const channel = fakeChannel();
  const worker = createSyncProgressHub(250);
  const server = createSyncProgressHub(250);
  relaySyncProgress(worker, channel, recordingLogger());
  hearSyncProgress(server, channel);
  // A `serve` that runs syncs itself both relays and hears: its watchers get each event once, not twice.
  relaySyncProgress(server, channel, recordingLogger());
  hearSyncProgress(worker, channel);
  const atServer: SyncProgressEvent[] = [];
  const atWorker: SyncProgressEvent[] = [];
  server.subscribe(ORG, (event) => atServer.push(event));
  worker.subscribe(ORG, (event) => atWorker.push(event));

  const listener = worker.listenerFor(ORG);
  listener.update?.('users', { count: 200, total: 500 });
  listener.datasetFinished?.({ dataset: 'users', state: 'complete', count: 500 });
  listener.changesFound?.(summary);
  await flush();

  const expected = [
    { type: 'dataset', dataset: 'users', count: 200, total: 500 },
    { type: 'datasetFinished', status: { dataset: 'users', state: 'complete', count: 500 } },
    // As a watcher receives it: the SSE frame is JSON, where the cutoff is text either way.
    { type: 'changesFound', summary: { ...summary, logCutoff: '2026-12-01T10:00:00.000Z' } },
  ];
  expect(atServer).toEqual(expected);
  expect(JSON.parse(JSON.stringify(atWorker))).toEqual(expected);
  expect(channel.sent).toHaveLength(3);
});

it('ignores what is not a progress message, and what another org’s watchers would get goes to them only', async () => {
  const channel = fakeChannel();
  const server = createSyncProgressHub(250);
  hearSyncProgress(server, channel);
  const seen: SyncProgressEvent[] = [];
  server.subscribe(ORG, (event) => seen.push(event));
  const valid = { from: 'another process', org: ORG, event: { type: 'dataset', dataset: 'users', count: 1 } };
  for (const junk of [
    'not json',
    'null',
    JSON.stringify({ ...valid, event: { type: 'dataset', dataset: 'users', count: '1' } }),
    JSON.stringify({ ...valid, event: { type: 'shutdown' } }),
    JSON.stringify({ ...valid, event: { type: 'datasetFinished', status: { dataset: 'users', state: 'exploded', count: 1 } } }),
    JSON.stringify({ ...valid, org: 42 }),
    JSON.stringify({ org: ORG, event: valid.event }),
  ]) {
    await channel.publish(junk);
  }
  await channel.publish(JSON.stringify({ ...valid, org: 'other.okta.com' }));
  expect(seen).toEqual([]);
  await channel.publish(JSON.stringify({ ...valid, extra: 'dropped', event: { ...valid.event, secret: 'not passed on' } }));
  expect(seen).toEqual([valid.event]);
});

it('shortens a long reason so that any message fits in one NOTIFY', async () => {
  const channel = fakeChannel();
  const worker = createSyncProgressHub(250);
  relaySyncProgress(worker, channel, recordingLogger());
  worker.listenerFor('a'.repeat(255)).datasetFinished?.({ dataset: 'users', state: 'failed', count: 0, reason: '🔥'.repeat(50_000), permissionNeeded: 'okta.users.read' });
  await flush();
  const [message = ''] = channel.sent;
  expect(Buffer.byteLength(message)).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
  const { event } = JSON.parse(message) as { event: Extract<SyncProgressEvent, { type: 'datasetFinished' }> };
  expect(event.status.reason).toMatch(/^(🔥)+…$/u);
  expect(event.status.permissionNeeded).toBe('okta.users.read');
});

it('a channel that fails is logged once per run of failures and never reaches the sync', async () => {
  const channel = fakeChannel();
  const logger = recordingLogger();
  const worker = createSyncProgressHub(250);
  relaySyncProgress(worker, channel, logger);
  channel.failWith = new Error('connection terminated');
  const listener = worker.listenerFor(ORG);
  expect(() => {
    listener.datasetFinished?.({ dataset: 'users', state: 'complete', count: 1 });
    listener.datasetFinished?.({ dataset: 'groups', state: 'complete', count: 1 });
  }).not.toThrow();
  await flush();
  expect(logger.warnings).toEqual(['sync progress: could not send it to the other processes']);
  delete channel.failWith;
  listener.datasetFinished?.({ dataset: 'apps', state: 'complete', count: 1 });
  await flush();
  channel.failWith = new Error('connection terminated');
  listener.datasetFinished?.({ dataset: 'factors', state: 'complete', count: 1 });
  await flush();
  expect(logger.warnings).toHaveLength(2);
  expect(channel.sent).toHaveLength(1);
});

const baseUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(baseUrl === undefined)(`sync progress between processes over PostgreSQL${baseUrl === undefined ? ` (skipped: ${POSTGRES_HINT})` : ''}`, () => {
  let postgres: TestBackend | undefined;
  let workerStore: Store;
  let serverStore: Store;
  beforeAll(async () => {
    postgres = availableBackends(baseUrl).find((backend) => backend.name === 'postgres');
    if (postgres === undefined) throw new Error('TEST_DATABASE_URL names a PostgreSQL server');
    const opened = await postgres.open();
    workerStore = opened.store;
    // The same installation opened again, as a second process would.
    serverStore = await openDatabase(opened.url);
  });
  afterAll(async () => {
    await serverStore.close();
    await postgres?.dispose();
  });

  it('a worker’s sync is streamed by the server', async () => {
    const worker = createSyncProgressHub(250);
    const server = createSyncProgressHub(250);
    if (workerStore.syncProgressChannel === undefined || serverStore.syncProgressChannel === undefined) throw new Error('PostgreSQL stores have a progress channel');
    const stopRelay = relaySyncProgress(worker, workerStore.syncProgressChannel, recordingLogger());
    const stopHearing = hearSyncProgress(server, serverStore.syncProgressChannel);
    const seen: SyncProgressEvent[] = [];
    server.subscribe(ORG, (event) => seen.push(event));
    try {
      // The listening connection opens with the first listener: report until the server hears.
      const listener = worker.listenerFor(ORG);
      let count = 0;
      await eventually(() => seen.length > 0, { attempt: () => listener.datasetFinished?.({ dataset: 'users', state: 'complete', count: (count += 1) }), everyMs: 20 });
      const before = seen.length;
      listener.datasetFinished?.({ dataset: 'factors', state: 'partial', count: 7, reason: 'budget ran out' });
      await eventually(() => seen.length > before);
      expect(seen.at(-1)).toEqual({ type: 'datasetFinished', status: { dataset: 'factors', state: 'partial', count: 7, reason: 'budget ran out' } });
    } finally {
      stopRelay();
      stopHearing();
    }
  });
});
