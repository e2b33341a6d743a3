import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createConnection } from '../src/app/connections.js';
import { secretKeyLocation } from '../src/app/secrets/secret-key.js';
import { signWebhook, SIGNATURE_HEADER, TIMESTAMP_HEADER, type WebhookEvent } from '../src/app/webhooks/deliver.js';
import { startWebhookReceiver } from '../src/app/webhooks/testing/webhook-receiver.js';
import { createWebhook } from '../src/app/webhooks/webhooks.js';
import type { Logger } from '../src/config/runtime.js';
import { startProductScheduler } from '../src/schedule/product-scheduler.js';
import type { ScheduledSyncReport } from '../src/schedule/run-scheduled-sync.js';
import { startSimulator, type SimulatorHandle } from '../src/simulator/server.js';
import { openDatabase } from '../src/store/database.js';
import { TEST_CLIENT } from './sync-cli-kit.js';

let dir: string;
let db: string;
let sim: SimulatorHandle;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'oe-webhooks-'));
  db = join(dir, 'evidence.sqlite');
  sim = await startSimulator({ users: 15, seed: 5, rateLimits: 'off', port: 0 });
});
afterEach(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

describe('webhooks fired by the product scheduler', () => {
  it('delivers newly failing entities after a Sync Now, a failed sync and an unhealthy connection, signed, retried after a 500, logged; a hanging receiver holds nothing up', async () => {
    const receiver = await startWebhookReceiver();
    receiver.statuses.push(500);
    const slow = await startWebhookReceiver({ hang: true });
    const store = await openDatabase(db);
    const secretKey = secretKeyLocation(db, {});
    const deps = { store, secretKey, now: () => new Date() };
    const { connection } = await createConnection(
      { store, secretKey, actor: 'cli:test', clientTuning: TEST_CLIENT },
      { name: 'acme', domain: 'acme.okta.com', baseUrl: sim.baseUrl, credential: { kind: 'ssws', token: sim.token }, skipTest: true },
    );
    // Sealed under another key than the installation's: its sync cannot start, so it fails and turns unhealthy.
    const locked = await createConnection(
      { store, secretKey: secretKeyLocation(db, { OKTA_EVIDENCE_SECRET_KEY: Buffer.alloc(32, 7).toString('base64') }), actor: 'cli:test', clientTuning: TEST_CLIENT },
      { name: 'locked', domain: 'locked.okta.com', baseUrl: sim.baseUrl, credential: { kind: 'ssws', token: sim.token }, skipTest: true },
    );
    const all = await createWebhook(deps, { name: 'all', url: receiver.url, events: ['tests.newly_failing', 'tests.newly_fixed', 'sync.failed', 'connection.unhealthy'], format: 'json' }, 'cli:test');
    const slack = await createWebhook(deps, { name: 'slack', url: slow.url, events: ['tests.newly_failing'], format: 'slack' }, 'cli:test');
    await store.close();

    const lines: string[] = [];
    const log = (fields: Record<string, unknown>, message?: string) => lines.push(`${message ?? ''} ${JSON.stringify(fields)}`);
    const logger: Logger = { debug: log, info: log, warn: log };
    const reports: ScheduledSyncReport[] = [];
    const running = await startProductScheduler({
      databaseUrl: db,
      env: {},
      logger,
      clientTuning: TEST_CLIENT,
      onReport: (report) => reports.push(report),
      webhookDelivery: { baseDelayMs: 20, timeoutMs: 60_000 },
    });
    try {
      const ran = () => reports.filter((report) => report.ran && report.connectionId === connection.id);
      await vi.waitFor(() => expect(ran()).toHaveLength(1), { timeout: 60_000, interval: 100 });
      expect(ran()[0]).toMatchObject({ result: { kind: 'synced', status: 'succeeded' } });
      const types = () => receiver.received.map((request) => (JSON.parse(request.body) as WebhookEvent).type);
      await vi.waitFor(() => expect(new Set(types())).toEqual(new Set(['sync.failed', 'connection.unhealthy'])), { timeout: 30_000, interval: 50 });
      const failed = receiver.received.map((request) => JSON.parse(request.body) as WebhookEvent).find((event) => event.type === 'sync.failed');
      expect(failed).toMatchObject({ org: 'locked.okta.com', data: { connectionId: locked.connection.id, status: 'not_run' } });
      // The first sync of acme has nothing to compare with: no test change is "new".
      expect(types()).not.toContain('tests.newly_failing');

      // A new active user without MFA: the next sync's tests find them newly failing.
      const [applied] = sim.applyChanges([{ kind: 'user.create', profile: { login: 'new.person@example.com', firstName: 'New', lastName: 'Person', email: 'new.person@example.com' } }]);
      await running.scheduler.enqueueNow(connection.id);
      await vi.waitFor(() => expect(ran()).toHaveLength(2), { timeout: 60_000, interval: 100 });
      expect(ran()[1]).toMatchObject({ result: { kind: 'synced', status: 'succeeded' } });

      await vi.waitFor(() => expect(types()).toContain('tests.newly_failing'), { timeout: 30_000, interval: 50 });
      for (const request of receiver.received) {
        const timestamp = Number(request.headers[TIMESTAMP_HEADER]);
        expect(request.headers[SIGNATURE_HEADER]).toBe(signWebhook(all.secret, timestamp, request.body));
      }
      const delivered = receiver.received.findLast((request) => request.body.includes('"tests.newly_failing"'));
      const event = JSON.parse(delivered?.body ?? '') as WebhookEvent & { data: { entities: { entityId: string; checkId: string }[]; syncId: string } };
      expect(event).toMatchObject({ type: 'tests.newly_failing', org: 'acme.okta.com' });
      expect(event.data.syncId).toBe((ran()[1] as { result: { syncId: string } }).result.syncId);
      expect(event.data.entities.map((entity) => entity.entityId)).toContain(applied?.createdId);

      // The Slack receiver never answers: the sync above ended regardless, and its request is still open.
      await vi.waitFor(() => expect(slow.hanging).toHaveLength(1), { timeout: 10_000, interval: 50 });
      const slackBody = JSON.parse(slow.received[0]?.body ?? '') as { text: string; blocks: unknown[] };
      expect(slackBody.text).toMatch(/^\[okta-evidence\] acme\.okta\.com: \d+ entit(y|ies) newly failing/);

      // Three deliveries, all delivered; the receiver's first 500 cost one of them a second attempt.
      await vi.waitFor(async () => {
        const log = await running.store.webhooks.listDeliveries(all.webhook.id, { limit: 10 });
        expect(log.map((entry) => entry.eventType).sort()).toEqual(['connection.unhealthy', 'sync.failed', 'tests.newly_failing']);
        expect(log.every((entry) => entry.delivered && entry.lastStatus === '200' && entry.lastError === null)).toBe(true);
        expect(log.map((entry) => entry.attempts).sort()).toEqual([1, 1, 2]);
      }, { timeout: 10_000, interval: 50 });
    } finally {
      await slow.close();
      await running.close();
      await receiver.close();
    }
    const everything = lines.join('\n');
    for (const secret of [all.secret, slack.secret, sim.token, 'in-the-path']) expect(everything).not.toContain(secret);
  }, 180_000);
});
