import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConnection } from '../app/connections.js';
import { secretKeyLocation } from '../app/secrets/secret-key.js';
import { openDatabase } from '../store/database.js';
import type { Store } from '../store/store.js';
import type { Scheduler } from './scheduler.js';
import { queueSyncNow } from './sync-now.js';

const NOW = Date.UTC(2026, 5, 1, 12);
const TOKEN = '00sync-now-token-0123456789abcdefghijklm';

let dir: string;
let store: Store;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'oe-sync-now-'));
  store = await openDatabase(join(dir, 'evidence.sqlite'));
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('Sync Now', () => {
  it('makes the connection due now, audits who asked (never the credential) and hands it to the scheduler', async () => {
    const db = join(dir, 'evidence.sqlite');
    const { connection } = await createConnection(
      { store, secretKey: secretKeyLocation(db, {}), actor: 'cli:alice' },
      { name: 'acme', domain: 'acme.okta.com', credential: { kind: 'ssws', token: TOKEN }, settings: { autoSync: false }, skipTest: true },
    );
    const queued: string[] = [];
    const scheduler: Scheduler = { start: () => Promise.resolve(), stop: () => Promise.resolve(), wake: () => undefined, enqueueNow: (id) => Promise.resolve(void queued.push(id)) };

    await queueSyncNow({ store, scheduler, clock: () => NOW, actor: 'api:console' }, connection);

    expect(queued).toEqual([connection.id]);
    expect((await store.connections.get(connection.id))?.schedule.nextRunAt).toEqual(new Date(NOW));
    const [entry] = await store.auditLog.list({ limit: 1 });
    expect(entry).toMatchObject({ actor: 'api:console', action: 'sync.now', connectionId: connection.id, connectionName: 'acme', details: { requestedAt: new Date(NOW).toISOString() } });
    expect(JSON.stringify(await store.auditLog.list())).not.toContain(TOKEN);
  });
});
