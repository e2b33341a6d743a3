import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createWebhookNotifier } from './notifier.js';
import { startWebhookReceiver, type WebhookReceiver } from './testing/webhook-receiver.js';
import { deliverWebhook, signWebhook, SIGNATURE_HEADER, TIMESTAMP_HEADER, type DeliveryDeps, type WebhookEvent, type WebhookTarget } from './deliver.js';

const SECRET = 'whsec_test_0123456789abcdef';
const EVENT: WebhookEvent = {
  type: 'tests.newly_failing',
  org: 'acme.example.com',
  occurredAt: '2026-01-15T09:00:00.000Z',
  summary: '2 entities newly failing mfa-enabled-all-users',
  data: { checkId: 'mfa-enabled-all-users', entities: ['00u1', '00u2'] },
};

describe('webhook delivery against a local receiver', () => {
  let receiver: WebhookReceiver;
  const waits: number[] = [];
  const warnings: string[] = [];
  const deps: DeliveryDeps = {
    fetch,
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
    nowSeconds: () => 1_768_467_600,
    logger: { debug: () => undefined, info: () => undefined, warn: (fields, message) => {
        warnings.push(`${message ?? ''} ${JSON.stringify(fields)}`);
      } },
    maxAttempts: 4,
    baseDelayMs: 100,
  };
  const target = (format: WebhookTarget['format'] = 'json'): WebhookTarget => ({ id: 'wh1', url: receiver.url.replace('in-the-path', 'path-secret'), secret: SECRET, format });

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
  });
  afterAll(() => receiver.close());
  beforeEach(() => {
    receiver.received.length = 0;
    receiver.statuses.length = 0;
    waits.length = 0;
    warnings.length = 0;
  });

  it('signs timestamp.body with HMAC-SHA256, which the receiver can verify', async () => {
    const result = await deliverWebhook(target(), EVENT, deps);
    expect(result).toEqual({ delivered: true, attempts: 1, last: '200', lastError: null });
    const [request] = receiver.received;
    const timestamp = Number(request?.headers[TIMESTAMP_HEADER]);
    expect(timestamp).toBe(1_768_467_600);
    expect(request?.headers[SIGNATURE_HEADER]).toBe(signWebhook(SECRET, timestamp, request?.body ?? ''));
    expect(request?.headers[SIGNATURE_HEADER]).not.toBe(signWebhook('another secret', timestamp, request?.body ?? ''));
    expect(JSON.parse(request?.body ?? '')).toEqual(EVENT);
    expect(JSON.stringify(request?.headers)).not.toContain(SECRET);
  });

  it('retries after a 500 with doubling waits, then delivers', async () => {
    receiver.statuses.push(500, 503);
    const result = await deliverWebhook(target(), EVENT, deps);
    expect(result).toEqual({ delivered: true, attempts: 3, last: '200', lastError: null });
    expect(receiver.received).toHaveLength(3);
    expect(waits).toEqual([100, 200]);
  });

  it('gives up after the bounded attempts without throwing, logging neither secret nor URL path', async () => {
    receiver.statuses.push(500, 500, 500, 500, 500);
    const result = await deliverWebhook(target(), EVENT, deps);
    expect(result).toEqual({ delivered: false, attempts: 4, last: '500', lastError: 'HTTP 500' });
    expect(waits).toEqual([100, 200, 400]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).not.toContain(SECRET);
    expect(warnings[0]).not.toContain('path-secret');
  });

  it('does not retry a 4xx answer that a retry cannot change', async () => {
    receiver.statuses.push(410);
    expect(await deliverWebhook(target(), EVENT, deps)).toEqual({ delivered: false, attempts: 1, last: '410', lastError: 'HTTP 410' });
  });

  it('survives an unreachable receiver', async () => {
    const result = await deliverWebhook({ ...target(), url: 'http://127.0.0.1:1/hook' }, EVENT, { ...deps, maxAttempts: 2 });
    expect(result.delivered).toBe(false);
    expect(result.attempts).toBe(2);
  });

  it('names a refused connection by its system code only', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const result = await deliverWebhook({ ...target(), url: `http://127.0.0.1:${port}/hook?token=path-secret` }, EVENT, { ...deps, maxAttempts: 1 });
    expect(result).toEqual({ delivered: false, attempts: 1, last: 'TypeError', lastError: 'TypeError: ECONNREFUSED' });
  });

  it('sends a Slack-compatible message when asked', async () => {
    await deliverWebhook(target('slack'), EVENT, deps);
    const body = JSON.parse(receiver.received[0]?.body ?? '') as { text: string; blocks: { type: string; text: { type: string; text: string } }[] };
    expect(body.text).toBe('[okta-evidence] acme.example.com: 2 entities newly failing mfa-enabled-all-users');
    expect(body.blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: body.text } }]);
  });
});

describe('the background notifier', () => {
  it('delivers each event only to the webhooks subscribed to it, without blocking the caller', async () => {
    const sent: string[] = [];
    const fakeFetch: typeof fetch = (input) => {
      sent.push(input instanceof Request ? input.url : input.toString());
      return Promise.resolve(new Response(null, { status: 204 }));
    };
    const notifier = createWebhookNotifier(
      () =>
        Promise.resolve([
          { id: 'a', url: 'https://hooks.example.com/a', secret: 's', format: 'json', events: ['sync.failed'] },
          { id: 'b', url: 'https://hooks.example.com/b', secret: 's', format: 'slack', events: ['tests.newly_failing'] },
        ]),
      { fetch: fakeFetch, sleep: () => Promise.resolve(), nowSeconds: () => 1, logger: { debug: () => undefined, info: () => undefined, warn: () => undefined } },
    );
    notifier.notify([EVENT]);
    expect(sent).toEqual([]);
    await notifier.idle();
    expect(sent).toEqual(['https://hooks.example.com/b']);
  });

  it('swallows a failing subscription lookup', async () => {
    const warned: string[] = [];
    const notifier = createWebhookNotifier(() => Promise.reject(new Error('database gone')), {
      fetch,
      sleep: () => Promise.resolve(),
      nowSeconds: () => 1,
      logger: { debug: () => undefined, info: () => undefined, warn: (_fields, message) => warned.push(message ?? '') },
    });
    notifier.notify([EVENT]);
    await notifier.idle();
    expect(warned).toEqual(['webhook notification failed']);
  });
});
