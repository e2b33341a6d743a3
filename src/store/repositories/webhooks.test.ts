import { expect, it } from 'vitest';
import { describeEachBackend } from '../testing/backend-suite.js';

describeEachBackend('webhooks on %s', ({ store }) => {
  const at = new Date('2026-03-01T10:00:00.000Z');

  it('stores a webhook without its secret in the record, updates and removes it with its deliveries', async () => {
    const created = await store().webhooks.create(
      { name: 'alerts', url: 'https://hooks.example.com/a', events: ['sync.failed'], format: 'json', enabled: true, createdBy: 'api:admin@example.com', createdAt: at },
      (id) => `sealed-for-${id}`,
    );
    expect(created).not.toHaveProperty('sealedSecret');
    expect(await store().webhooks.get(created.id)).toEqual(created);
    expect(await store().webhooks.readSealedSecret(created.id)).toBe(`sealed-for-${created.id}`);
    expect((await store().webhooks.list()).map((w) => w.id)).toContain(created.id);

    const later = new Date(at.getTime() + 60_000);
    const updated = await store().webhooks.update(created.id, { enabled: false, events: ['tests.newly_failing', 'tests.newly_fixed'], format: 'slack' }, later);
    expect(updated).toEqual({ ...created, enabled: false, events: ['tests.newly_failing', 'tests.newly_fixed'], format: 'slack', updatedAt: later });
    expect(await store().webhooks.get(created.id)).toEqual(updated);
    expect(await store().webhooks.update('NOSUCHID', { enabled: true }, later)).toBeUndefined();

    await store().webhooks.resealSecret(created.id, 'resealed');
    expect(await store().webhooks.listSealedSecrets()).toContainEqual({ id: created.id, name: 'alerts', sealedSecret: 'resealed' });
    // As for connections: a key rotation that meets a removed webhook says so instead of resealing nothing.
    await expect(store().webhooks.resealSecret('NOSUCHID', 'resealed')).rejects.toThrow(/Webhook NOSUCHID does not exist/);

    await store().webhooks.recordDelivery({ webhookId: created.id, eventType: 'sync.failed', org: 'acme.example.com', startedAt: at, endedAt: later, attempts: 1, delivered: true, lastStatus: '200', lastError: null });
    expect(await store().webhooks.remove(created.id)).toBe(true);
    expect(await store().webhooks.get(created.id)).toBeUndefined();
    expect(await store().webhooks.listDeliveries(created.id, { limit: 10 })).toEqual([]);
    expect(await store().webhooks.remove(created.id)).toBe(false);
  });

  it('logs deliveries newest first, page by page, keeping only the newest ones', async () => {
    const webhook = await store().webhooks.create({ name: 'log', url: 'https://hooks.example.com/b', events: ['sync.failed'], format: 'json', enabled: true, createdBy: 'test', createdAt: at }, () => 'sealed');
    const recorded = [];
    for (let i = 0; i < 5; i += 1) {
      const startedAt = new Date(at.getTime() + i * 1000);
      recorded.push(
        await store().webhooks.recordDelivery(
          { webhookId: webhook.id, eventType: 'sync.failed', org: null, startedAt, endedAt: startedAt, attempts: i + 1, delivered: i % 2 === 0, lastStatus: i % 2 === 0 ? '200' : '500', lastError: i % 2 === 0 ? null : 'HTTP 500' },
          { keep: 3 },
        ),
      );
    }
    const newest = recorded.slice(2).reverse();
    expect(await store().webhooks.listDeliveries(webhook.id, { limit: 10 })).toEqual(newest);
    expect(await store().webhooks.listDeliveries(webhook.id, { limit: 2 })).toEqual(newest.slice(0, 2));
    expect(await store().webhooks.listDeliveries(webhook.id, { limit: 2, before: newest[1]?.id })).toEqual(newest.slice(2));
  });
});
