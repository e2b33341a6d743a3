import { expect, it } from 'vitest';
import { describeEachBackend } from '../testing/backend-suite.js';

describeEachBackend('audit log on %s', ({ store, org }) => {
  it('records entries and lists them newest first, per connection, page by page', async () => {
    const connectionId = `conn-${org()}`;
    const first = await store().auditLog.record({ actor: 'cli:alice', action: 'connection.create', connectionId, connectionName: 'acme', details: { domain: org() } });
    const second = await store().auditLog.record({ actor: 'cli:alice', action: 'connection.update', connectionId, connectionName: 'acme', details: { changed: { syncIntervalS: { from: 21600, to: 3600 } } } });
    await store().auditLog.record({ actor: 'scheduler', action: 'sync.now', connectionId: `other-${org()}`, connectionName: 'other', details: {} });

    const mine = await store().auditLog.list({ connectionId });
    expect(mine.map((e) => e.id)).toEqual([second.id, first.id]);
    expect(mine[1]).toEqual(first);
    expect(mine[0]?.details).toEqual({ changed: { syncIntervalS: { from: 21600, to: 3600 } } });
    expect(await store().auditLog.list({ connectionId, before: second.id })).toEqual([first]);
    expect(await store().auditLog.list({ connectionId, limit: 1 })).toEqual([second]);
    expect((await store().auditLog.list()).length).toBeGreaterThanOrEqual(3);
  });

  it('keeps an entry without a connection (e.g. a key rotation)', async () => {
    const at = new Date('2026-03-01T10:00:00.000Z');
    const entry = await store().auditLog.record({ at, actor: 'cli:bob', action: 'secrets.rotate-key', connectionId: null, connectionName: null, details: { resealed: 2 } });
    expect(entry.at).toEqual(at);
    expect((await store().auditLog.list({ limit: 1000 })).find((e) => e.id === entry.id)).toEqual(entry);
  });
});
