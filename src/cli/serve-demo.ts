import { join } from 'node:path';
import { createConnection, updateConnection } from '../app/connections.js';
import type { ServerStore } from '../app/read/context.js';
import type { SecretKeyLocation } from '../app/secrets/secret-key.js';
import type { Scheduler } from '../schedule/scheduler.js';
import { queueSyncNow } from '../schedule/sync-now.js';
import { startSimulator } from '../simulator/server.js';
import type { CliIo } from './io.js';

/** `serve --demo` keeps its own database: a simulated org never lands beside a real org's evidence. */
export const CONSOLE_DEMO_DATABASE = join('data', 'console-demo', 'okta-evidence.sqlite');
const DEMO_DOMAIN = 'demo.okta.com';
const DEMO_CONNECTION = 'demo';
const DEMO_SEED = 7;
const DEMO_USERS = 500;
/** How long the first sync may take before `serve --demo` starts anyway (it normally takes seconds). */
const FIRST_SYNC_WAIT_MS = 5 * 60_000;

export interface DemoOrg {
  domain: string;
  close(): Promise<void>;
}

/**
 * `npm start` (`serve --demo`): starts the built-in simulated org in this process, stores a connection to it (a new
 * simulator token and port each start, so an existing demo connection is updated) and syncs it through the
 * scheduler like any connection, so the console opens on data and evidence. Every sync of it is recorded as
 * simulated (the simulator's marker), which the console's banner and the evidence both say.
 */
export async function startDemoOrg(deps: { store: ServerStore; secretKey: SecretKeyLocation; scheduler: Scheduler; io: CliIo }): Promise<DemoOrg> {
  const sim = await startSimulator({ users: DEMO_USERS, seed: DEMO_SEED, rateLimits: 'off', port: 0 });
  try {
    const connectionDeps = { store: deps.store, secretKey: deps.secretKey, actor: 'cli:demo' };
    const credential = { kind: 'ssws' as const, token: sim.token };
    const existing = await deps.store.connections.findByName(DEMO_CONNECTION);
    const { connection } =
      existing === undefined
        ? await createConnection(connectionDeps, { name: DEMO_CONNECTION, domain: DEMO_DOMAIN, baseUrl: sim.baseUrl, credential, settings: { autoSync: true, syncInterval: '6h' } })
        : await updateConnection(connectionDeps, existing.id, { baseUrl: sim.baseUrl, credential });
    deps.io.out(`Simulated Okta org ${DEMO_DOMAIN} (${sim.org.users.length} users, seed ${DEMO_SEED}) at ${sim.baseUrl}; syncing it…`);
    const requestedAt = Date.now();
    await queueSyncNow({ store: deps.store, scheduler: deps.scheduler, clock: () => Date.now(), actor: 'cli:demo' }, connection);
    const sync = await waitForSync(deps.store, DEMO_DOMAIN, requestedAt);
    deps.io.out(sync === undefined ? 'The first sync is still running: the console shows it as it ends.' : `Synced ${DEMO_DOMAIN}: ${sync.status}${sync.complete ? ', complete' : ''}.`);
    return { domain: DEMO_DOMAIN, close: () => sim.close() };
  } catch (error) {
    await sim.close();
    throw error;
  }
}

async function waitForSync(store: ServerStore, org: string, requestedAt: number) {
  const deadline = Date.now() + FIRST_SYNC_WAIT_MS;
  while (Date.now() < deadline) {
    const latest = await store.syncs.latest(org);
    if (latest !== undefined && latest.startedAt.getTime() >= requestedAt - 1000 && latest.status !== 'running') return latest;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return undefined;
}
