import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebhookEvent } from '../app/webhooks/deliver.js';
import { silentLogger } from '../config/runtime.js';
import type { Store } from '../store/store.js';
import { availableBackends } from '../store/testing/test-backends.js';
import { runScheduledSync, type RunConnectionSync } from './run-scheduled-sync.js';
import type { RunResult } from './schedule-state.js';
import { memoryConnections } from './testing/memory-connections.js';

const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);

describe('webhook notifications when a scheduled run ends', () => {
  const [backend] = availableBackends(undefined);
  let store: Store;
  beforeAll(async () => {
    if (backend === undefined) throw new Error('no SQLite test backend');
    ({ store } = await backend.open());
  });
  afterAll(() => backend?.dispose());

  async function run(result: RunResult | Error, schedule: { healthState?: 'healthy' | 'unhealthy'; consecutiveFailures?: number } = {}, notify?: (events: readonly WebhookEvent[]) => void) {
    const connections = memoryConnections();
    const id = `c${Math.random().toString(36).slice(2, 8)}`;
    connections.add({ id, name: 'Acme', schedule: { nextRunAt: new Date(T0 - 1), ...schedule } });
    const events: WebhookEvent[] = [];
    const runSync: RunConnectionSync = () => (result instanceof Error ? Promise.reject(result) : Promise.resolve(result));
    const report = await runScheduledSync(
      { connections, leases: store.leases, runSync, clock: () => T0, random: () => 0.5, logger: silentLogger, notifier: { notify: (batch) => (notify ?? ((list) => events.push(...list)))(typeof batch === 'function' ? [] : batch) } },
      id,
      { trigger: 'manual', signal: new AbortController().signal },
    );
    return { events, report };
  }

  it('tells of a failed sync', async () => {
    const { events } = await run({ kind: 'synced', syncId: 's1', status: 'failed', complete: false, progressed: false, error: { code: 'HTTP_500', message: 'Okta answered 500' } });
    expect(events.find((event) => event.type === 'sync.failed')).toMatchObject({ org: expect.stringContaining('example.com') as string, data: { syncId: 's1', status: 'failed' } });
  });

  it('tells of a sync that could not start, and of the connection turning unhealthy once', async () => {
    const { events } = await run({ kind: 'not_run', error: { code: 'SECRETS_KEY_WRONG', message: 'the key cannot open the credential' } }, { consecutiveFailures: 10 });
    expect(events.map((event) => event.type)).toEqual(['sync.failed', 'connection.unhealthy']);
    expect(events[1]?.data).toMatchObject({ consecutiveFailures: 11 });
    const again = await run({ kind: 'not_run', error: { code: 'X', message: 'still failing' } }, { healthState: 'unhealthy', consecutiveFailures: 11 });
    expect(again.events.map((event) => event.type)).not.toContain('connection.unhealthy');
  });

  it('sends nothing for a successful sync', async () => {
    const { events } = await run({ kind: 'synced', syncId: 's2', status: 'succeeded', complete: true, progressed: true });
    expect(events).toEqual([]);
  });

  it('never lets a failing notifier fail the run', async () => {
    const { report } = await run({ kind: 'synced', syncId: 's3', status: 'failed', complete: false, progressed: false }, {}, () => {
      throw new Error('receiver exploded');
    });
    expect(report).toMatchObject({ ran: true });
  });
});
