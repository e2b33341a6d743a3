import { createInterface } from 'node:readline';
import { openServerStore } from '../src/app/read/context.js';
import { createSyncProgressHub } from '../src/app/sync-progress-hub.js';
import { ALL_COLLECTORS } from '../src/collect/index.js';
import { runSync } from '../src/collect/sync-run.js';
import { silentLogger } from '../src/config/runtime.js';
import { createSswsAuth } from '../src/okta/auth/ssws.js';
import { createOktaClient } from '../src/okta/client.js';
import { buildServer } from '../src/server/server.js';

/**
 * Server side of the api-load bench (`startApiServerProcess`): the API over an already seeded database, alone in its
 * process as `okta-evidence serve` would be, so the load generator's CPU and memory are not counted against it.
 * Prints one JSON line `{"url": …}` once listening. Commands, one per stdin line:
 * - `sync <simulator base URL> <SSWS token> <org>`: runs a real sync of the simulated org in this process, its
 *   progress published to the SSE watchers as the embedded scheduler does, then prints `{"syncMs": …, "status": …}`;
 * - `settle`: a full garbage collection (the process runs with --expose-gc), then prints `{"rssMb": …, "heapUsedMb": …}`:
 *   memory the server keeps, not wherever the collector happened to be.
 * SIGTERM closes the server and the store and exits 0, so a `--cpu-prof` profile is written.
 */
const databaseUrl = process.argv[2];
if (databaseUrl === undefined) throw new Error('usage: api-server-child.ts <database URL>');
const store = await openServerStore(databaseUrl);
const progress = createSyncProgressHub();
const app = await buildServer({ store, syncProgress: progress, sseHeartbeatMs: 60_000, consoleDir: null });
const url = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`${JSON.stringify({ url })}\n`);

process.on('SIGTERM', () => {
  void app
    .close()
    .then(() => store.close())
    .finally(() => process.exit(0));
});

const MB = 1_048_576;

for await (const line of createInterface({ input: process.stdin })) {
  const [command, baseUrl, token, org] = line.trim().split(' ');
  if (command === 'settle') {
    globalThis.gc?.();
    const memory = process.memoryUsage();
    process.stdout.write(`${JSON.stringify({ rssMb: Math.round(memory.rss / MB), heapUsedMb: Math.round(memory.heapUsed / MB) })}\n`);
    continue;
  }
  if (command !== 'sync' || baseUrl === undefined || token === undefined || org === undefined) {
    process.stdout.write(`${JSON.stringify({ error: `unknown command: ${line}` })}\n`);
    continue;
  }
  const client = createOktaClient({ domain: org, baseUrl: new URL(baseUrl), auth: createSswsAuth(token) });
  const started = performance.now();
  const outcome = await runSync(
    { store, client, org, collectors: ALL_COLLECTORS, clock: Date.now, logger: silentLogger, progress: progress.listenerFor(org) },
    { trigger: 'manual', timeoutMs: 30 * 60_000 },
  );
  const syncMs = Math.round(performance.now() - started);
  await client.close();
  process.stdout.write(`${JSON.stringify({ syncMs, status: outcome.status })}\n`);
}
