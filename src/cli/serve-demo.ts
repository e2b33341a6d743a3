import { join } from 'node:path';
import { createConnection, updateConnection } from '../app/connections.js';
import type { ServerStore } from '../app/read/context.js';
import type { SecretKeyLocation } from '../app/secrets/secret-key.js';
import type { Scheduler } from '../schedule/scheduler.js';
import type { SimOrg } from '../simulator/org/types.js';
import { queueSyncNow } from '../schedule/sync-now.js';
import type { DemoGithub } from './demo-github.js';
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
  /** The simulated GitHub organization's service, when it was connected. */
  githubService: string | undefined;
  close(): Promise<void>;
}

/**
 * `npm start` (`serve --demo`): starts the built-in simulated org in this process, stores a connection to it (a new
 * simulator token and port each start, so an existing demo connection is updated) and syncs it through the
 * scheduler like any connection, so the console opens on data and evidence. Every sync of it is recorded as
 * simulated (the simulator's marker), which the console's banner and the evidence both say. Beside it, a simulated
 * GitHub organization (demo-github.ts) is connected and synced the same way, so the console shows cross-IdP MFA
 * passthrough verdicts and the GitHub connection's evidence.
 */
export async function startDemoOrg(deps: { store: ServerStore; secretKey: SecretKeyLocation; scheduler: Scheduler; io: CliIo }): Promise<DemoOrg> {
  const { startSimulator } = await import('../simulator/server.js');
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
    // The GitHub connection's Okta app is checked against the Okta org's snapshot: only after a promoted sync.
    const github = sync === undefined || (sync.status !== 'succeeded' && sync.status !== 'partial') ? undefined : await startDemoGithub(deps, sim.org);
    return {
      domain: DEMO_DOMAIN,
      githubService: github?.service.name,
      close: async () => {
        await github?.close();
        await sim.close();
      },
    };
  } catch (error) {
    await sim.close();
    throw error;
  }
}

/** Connects the simulated GitHub organization, syncs it through the scheduler and waits for its passthrough verdicts. */
async function startDemoGithub(deps: { store: ServerStore; secretKey: SecretKeyLocation; scheduler: Scheduler; io: CliIo }, oktaOrg: SimOrg): Promise<DemoGithub | undefined> {
  // The GitHub simulator (Fastify, graphql) loads only for the demo that runs it.
  const { connectDemoGithub, DEMO_GITHUB_ORG } = await import('./demo-github.js');
  const github = await connectDemoGithub({ store: deps.store, secretKey: deps.secretKey, oktaConnection: DEMO_CONNECTION, oktaOrg, seed: DEMO_SEED, now: () => new Date() });
  if (github === undefined) {
    deps.io.out(`The simulated Okta org has no GitHub app: no simulated GitHub organization is connected.`);
    return undefined;
  }
  try {
    deps.io.out(`Simulated GitHub organization ${DEMO_GITHUB_ORG} (${github.sim.world.orgs.get(DEMO_GITHUB_ORG)?.members.length ?? '?'} members) at ${github.sim.url}, connected as "${github.connection.name}"; syncing it…`);
    const requestedAt = Date.now();
    await deps.scheduler.enqueueNow(github.connection.id);
    // The run is over (read, verdicts, evidence) once the scheduler recorded it: a sync, or a failure.
    const ran = await waitFor(async () => {
      const connection = await deps.store.githubConnections.get(github.connection.id);
      const synced = (connection?.schedule.lastSyncAt?.getTime() ?? 0) >= requestedAt - 1000;
      return synced || (connection?.health.consecutiveFailures ?? 0) > 0 ? connection : undefined;
    });
    const evaluation = ran === undefined ? undefined : await deps.store.passthrough.latestEvaluation(github.service.id);
    const counts = evaluation !== undefined && evaluation.evaluatedAt.getTime() >= requestedAt - 1000 ? evaluation.counts : undefined;
    deps.io.out(
      counts === undefined
        ? `The GitHub sync ${ran === undefined ? 'is still running' : `did not give verdicts (${ran.health.reason ?? 'see the connection'})`}: the console shows its verdicts when it does.`
        : `Synced ${github.service.name}: ${counts.pass ?? 0} pass (${counts.passByPassthrough ?? 0} by Okta passthrough, ${counts.passByOwnMfa ?? 0} by GitHub 2FA), ${counts.fail ?? 0} fail, ${counts.error ?? 0} cannot be judged.`,
    );
    return github;
  } catch (error) {
    await github.close();
    throw error;
  }
}

function waitForSync(store: ServerStore, org: string, requestedAt: number) {
  return waitFor(async () => {
    const latest = await store.syncs.latest(org);
    return latest !== undefined && latest.startedAt.getTime() >= requestedAt - 1000 && latest.status !== 'running' ? latest : undefined;
  });
}

/** Polls `probe` until it gives a value, at most FIRST_SYNC_WAIT_MS. */
async function waitFor<T>(probe: () => Promise<T | undefined>): Promise<T | undefined> {
  const deadline = Date.now() + FIRST_SYNC_WAIT_MS;
  while (Date.now() < deadline) {
    const found = await probe();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return undefined;
}
