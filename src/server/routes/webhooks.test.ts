import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookReceiver, type WebhookReceiver } from '../../app/webhooks/testing/webhook-receiver.js';
import { signWebhook, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../../app/webhooks/deliver.js';
import { serverTestBackends, startTestServer, type TestServer } from '../testing/server-kit.js';

interface Webhook {
  id: string;
  name: string;
  url: string;
  events: string[];
  format: string;
  enabled: boolean;
  createdBy: string;
}

describe.each(serverTestBackends())('webhooks over the API on %s', (database) => {
  let server: TestServer;
  let admin: { cookie: string; csrf: string };
  let receiver: WebhookReceiver;
  let receiverUrl: string;

  beforeAll(async () => {
    receiver = await startWebhookReceiver({ fallback: 204 });
    receiverUrl = receiver.url;
    server = await startTestServer({}, { database });
    admin = await server.signIn('admin');
  });
  afterAll(async () => {
    await server.close();
    await receiver.close();
  });

  async function create(body: Record<string, unknown> = {}) {
    const response = await server.request('POST', '/api/admin/webhooks', admin, { name: 'alerts', url: receiverUrl, events: ['sync.failed', 'tests.newly_failing'], ...body });
    expect(response.statusCode).toBe(201);
    return response.json<Webhook & { secret: string }>();
  }

  it('shows the secret once on create, never in a read, and stores it sealed', async () => {
    const created = await create();
    expect(created).toMatchObject({ name: 'alerts', url: receiverUrl, events: ['sync.failed', 'tests.newly_failing'], format: 'json', enabled: true });
    expect(created.createdBy).toMatch(/^api:admin-\d+@example\.com$/);
    expect(created.secret).toMatch(/^oewh_[A-Za-z0-9_-]{43}$/);
    for (const url of ['/api/admin/webhooks', `/api/admin/webhooks/${created.id}`]) {
      const read = await server.request('GET', url, admin);
      expect(read.statusCode).toBe(200);
      expect(read.body).toContain(created.id);
      expect(read.body).not.toContain(created.secret);
      expect(read.body).not.toContain('secret');
    }
    const sealed = await server.store.webhooks.readSealedSecret(created.id);
    expect(sealed).toMatch(/^oes1\./);
    expect(sealed).not.toContain(created.secret);
    const audit = await server.request('GET', '/api/audit-log?action=webhook.create', admin);
    expect(audit.body).toContain(created.id);
    expect(audit.body).not.toContain(created.secret);
  });

  it('sends a signed test delivery the receiver can verify, and logs it', async () => {
    const created = await create({ name: 'test-me' });
    receiver.received.length = 0;
    const response = await server.request('POST', `/api/admin/webhooks/${created.id}/test`, admin, {});
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ eventType: 'webhook.test', delivered: true, attempts: 1, lastStatus: '204', lastError: null });
    const [request] = receiver.received;
    const timestamp = Number(request?.headers[TIMESTAMP_HEADER]);
    expect(request?.headers[SIGNATURE_HEADER]).toBe(signWebhook(created.secret, timestamp, request?.body ?? ''));
    expect(JSON.parse(request?.body ?? '')).toMatchObject({ type: 'webhook.test', data: { webhookId: created.id, test: true } });

    receiver.statuses.push(500);
    const failed = await server.request('POST', `/api/admin/webhooks/${created.id}/test`, admin, {});
    expect(failed.json()).toMatchObject({ delivered: false, attempts: 1, lastStatus: '500', lastError: 'HTTP 500' });

    const history = await server.request('GET', `/api/admin/webhooks/${created.id}/deliveries?limit=1`, admin);
    const page = history.json<{ items: { delivered: boolean }[]; next: string | null }>();
    expect(page.items).toEqual([expect.objectContaining({ delivered: false })]);
    const rest = await server.request('GET', `/api/admin/webhooks/${created.id}/deliveries?limit=1&cursor=${page.next ?? ''}`, admin);
    expect(rest.json<{ items: { delivered: boolean }[]; next: string | null }>()).toEqual({ items: [expect.objectContaining({ delivered: true })], next: null });
  });

  it('updates a webhook and deletes it with its history', async () => {
    const created = await create({ name: 'change-me' });
    const updated = await server.request('PATCH', `/api/admin/webhooks/${created.id}`, admin, { enabled: false, format: 'slack', events: ['connection.unhealthy'] });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ enabled: false, format: 'slack', events: ['connection.unhealthy'], name: 'change-me' });
    expect((await server.request('DELETE', `/api/admin/webhooks/${created.id}`, admin)).statusCode).toBe(204);
    expect((await server.request('GET', `/api/admin/webhooks/${created.id}`, admin)).statusCode).toBe(404);
    expect((await server.request('DELETE', `/api/admin/webhooks/${created.id}`, admin)).statusCode).toBe(404);
    expect((await server.request('GET', `/api/admin/webhooks/${created.id}/deliveries`, admin)).statusCode).toBe(404);
  });

  it('refuses bad input naming the field, storing nothing', async () => {
    const before = (await server.store.webhooks.list()).length;
    const cases: [Record<string, unknown>, string][] = [
      [{ name: 'x', url: 'ftp://hooks.example.com/', events: ['sync.failed'] }, 'body.url'],
      [{ name: 'x', url: 'not a url', events: ['sync.failed'] }, 'body.url'],
      [{ name: 'x', url: receiverUrl, events: ['user.created'] }, 'body.events.0'],
      [{ name: 'x', url: receiverUrl, events: [] }, 'body.events'],
      [{ name: 'x', url: receiverUrl, events: ['sync.failed'], format: 'xml' }, 'body.format'],
      [{ name: 'x', url: receiverUrl, events: ['sync.failed'], secret: 'mine' }, 'body'],
    ];
    for (const [body, field] of cases) {
      const response = await server.request('POST', '/api/admin/webhooks', admin, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json<{ errors?: { field: string }[] }>().errors?.map((error) => error.field)).toContain(field);
    }
    const credentialsInUrl = await server.request('POST', '/api/admin/webhooks', admin, { name: 'x', url: 'https://user:pw@hooks.example.com/', events: ['sync.failed'] });
    expect(credentialsInUrl.statusCode).toBe(400);
    expect(credentialsInUrl.body).not.toContain('pw@');
    expect((await server.store.webhooks.list()).length).toBe(before);
  });

  it('is for admins only: an auditor cannot list webhooks', async () => {
    const auditor = await server.signIn('auditor');
    expect((await server.request('GET', '/api/admin/webhooks', auditor)).statusCode).toBe(403);
  });
});
