import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { createAccounts } from '../src/app/accounts/accounts.js';
import { createSyncProgressHub } from '../src/app/sync-progress-hub.js';
import { evaluateChecks } from '../src/checks/engine.js';
import { loadSnapshotView } from '../src/checks/snapshot-view.js';
import { buildServer } from '../src/server/server.js';
import { openDatabase } from '../src/store/database.js';
import { BENCH_NOW, BENCH_ORG, seedBenchSnapshot } from './checks-50k.js';
import { defineScenario } from './scenario.js';

const CONNECTIONS = 50;
const DURATION_S = 8;
const TARGET_P95_MS = 50;
const WATCHERS = 100;
const PROGRESS_EVENTS = 200;
const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

/** Samples this process's RSS (server and load generator share it) every 250 ms. */
function rssSampler() {
  const samples: number[] = [process.memoryUsage().rss];
  const timer = setInterval(() => samples.push(process.memoryUsage().rss), 250);
  return {
    stop() {
      clearInterval(timer);
      samples.push(process.memoryUsage().rss);
      return { startMb: mb(samples[0] ?? 0), endMb: mb(samples[samples.length - 1] ?? 0), peakMb: mb(Math.max(...samples)) };
    },
  };
}

/** 50 clients for DURATION_S on one URL; the exact p95 of every response time (autocannon's own table has no p95). */
async function load(url: string, bearer: string): Promise<{ p95Ms: number; requests: number; non2xx: number }> {
  const times: number[] = [];
  const instance = autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, headers: { authorization: `Bearer ${bearer}` } });
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => times.push(responseTime));
  const result = await instance;
  times.sort((a, b) => a - b);
  return { p95Ms: Math.round((times[Math.floor(times.length * 0.95)] ?? Infinity) * 10) / 10, requests: result.requests.total, non2xx: result.non2xx };
}

/** Opens an SSE stream and counts the progress events it receives. */
function watch(url: string, bearer: string): Promise<{ received: () => number; close: () => void }> {
  return new Promise((resolve, reject) => {
    let received = 0;
    const request = httpRequest(url, { headers: { authorization: `Bearer ${bearer}`, accept: 'text/event-stream' } }, (response) => {
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        received += chunk.split('event: dataset\n').length - 1;
      });
      resolve({ received: () => received, close: () => request.destroy() });
    });
    request.on('error', (error) => (received === 0 ? reject(error) : undefined));
    request.end();
  });
}

/**
 * The REST API under load on the 50,000-user snapshot of checks-50k (SQLite): 50 clients on the users list (first
 * page, a deep page, a filtered search), the latest tests and a check's failing entities; then 100 SSE watchers of one
 * org's sync progress, each of which must receive every event.
 */
export const apiLoad = defineScenario({
  id: 'api-load',
  description: `${CONNECTIONS} clients × ${DURATION_S} s per endpoint on a 50,000-user snapshot (p95 < ${TARGET_P95_MS} ms), then ${WATCHERS} SSE watchers`,
  async run() {
    const directory = mkdtempSync(join(tmpdir(), 'okta-evidence-api-bench-'));
    const store = await openDatabase(join(directory, 'bench.sqlite'));
    const progress = createSyncProgressHub();
    const app = await buildServer({ store, syncProgress: progress, sseHeartbeatMs: 60_000 });
    try {
      await seedBenchSnapshot(store);
      const snapshot = await store.snapshots.current(BENCH_ORG);
      if (snapshot === undefined) throw new Error('the bench snapshot was not promoted');
      await store.checkResults.save(evaluateChecks(await loadSnapshotView(store, snapshot), {}, { now: new Date(BENCH_NOW) }));
      const accounts = createAccounts(store, () => new Date());
      const admin = await accounts.createUser({ email: 'bench-admin@example.com', password: 'bench password that is long', role: 'admin', reviewAppIds: [] }, 'bench');
      const { secret: bearer } = await accounts.createToken(admin, { name: 'bench', access: 'read', expiresInDays: 1 }, 'bench');
      const base = await app.listen({ host: '127.0.0.1', port: 0 });
      const api = `${base}/api/orgs/${BENCH_ORG}`;

      // A deep page: follow `next` 100 pages of 200 (the 20,001st user on).
      let cursor: string | null = null;
      for (let page = 0; page < 100; page += 1) {
        const response = await fetch(`${api}/users?limit=200${cursor === null ? '' : `&cursor=${cursor}`}`, { headers: { authorization: `Bearer ${bearer}` } });
        cursor = ((await response.json()) as { next: string | null }).next;
      }
      const endpoints: Record<string, string> = {
        usersFirst: `${api}/users?limit=50`,
        usersDeep: `${api}/users?limit=50&cursor=${cursor ?? ''}`,
        usersFiltered: `${api}/users?limit=50&status=ACTIVE&search=user4`,
        tests: `${api}/tests`,
        entitiesFailing: `${api}/tests/mfa-enabled-all-users/entities?limit=50&status=fail`,
      };
      const figures: Record<string, number | string> = {};
      const rss = rssSampler();
      let worstP95 = 0;
      let errors = 0;
      for (const [name, url] of Object.entries(endpoints)) {
        const result = await load(url, bearer);
        figures[`${name}P95Ms`] = result.p95Ms;
        figures[`${name}Requests`] = result.requests;
        worstP95 = Math.max(worstP95, result.p95Ms);
        errors += result.non2xx;
      }
      const memory = rss.stop();
      Object.assign(figures, { rssStartMb: memory.startMb, rssEndMb: memory.endMb, rssPeakMb: memory.peakMb, non2xx: errors });

      // SSE: 100 watchers of the org's progress, then a sync's worth of progress events published as a sync does.
      const before = process.memoryUsage().rss;
      const watchers = await Promise.all(Array.from({ length: WATCHERS }, () => watch(`${api}/sync-events`, bearer)));
      while (progress.watcherCount(BENCH_ORG) < WATCHERS) await new Promise((resolve) => setTimeout(resolve, 10));
      const perWatcherKb = Math.round((process.memoryUsage().rss - before) / WATCHERS / 1024);
      const listener = progress.listenerFor(BENCH_ORG);
      for (let n = 1; n <= PROGRESS_EVENTS; n += 1) listener.update?.('users', { count: n * 250, total: 50_000 });
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline && watchers.some((watcher) => watcher.received() < PROGRESS_EVENTS)) await new Promise((resolve) => setTimeout(resolve, 20));
      const allReceived = watchers.filter((watcher) => watcher.received() === PROGRESS_EVENTS).length;
      for (const watcher of watchers) watcher.close();
      Object.assign(figures, { sseWatchers: WATCHERS, sseWatchersWithEveryEvent: allReceived, sseEvents: PROGRESS_EVENTS, sseRssPerWatcherKb: perWatcherKb });

      const rssFlat = memory.endMb - memory.startMb < 50;
      return {
        scenario: 'api-load',
        figures,
        target: `p95 < ${TARGET_P95_MS} ms on every endpoint, no error, RSS end - start < 50 MB, every SSE watcher gets every event`,
        passed: worstP95 < TARGET_P95_MS && errors === 0 && rssFlat && allReceived === WATCHERS,
      };
    } finally {
      await app.close();
      await store.close();
      rmSync(directory, { recursive: true, force: true });
    }
  },
});
