import { attestServiceFact } from '../app/downstream/attest.js';
import { createGithubConnection, removeGithubConnection } from '../app/github/connections.js';
import type { SecretKeyLocation } from '../app/secrets/secret-key.js';
import { startGitHubSimulator, peopleFromOktaUsers, type GitHubSimulatorHandle } from '../simulator/github/index.js';
import type { SimOrg, SimUser } from '../simulator/org/types.js';
import type { GithubConnectionRecord } from '../store/downstream-store-types.js';
import type { DownstreamService } from '../store/downstream-types.js';
import type { Store } from '../store/store.js';

/*
 * The demo's simulated GitHub organization beside the simulated Okta org (issue 15): its members' SAML NameIDs are the
 * Okta org's logins, so the console shows cross-IdP MFA passthrough verdicts per person. Everything about it says
 * simulated: the service's name, the SSO attestation's statement, and the Okta org's evidence note.
 */

export const DEMO_GITHUB_ORG = 'example-eng';
const DEMO_GITHUB_CONNECTION = 'demo-github';
export const DEMO_GITHUB_SERVICE = `GitHub ${DEMO_GITHUB_ORG} (simulated)`;
const DEMO_GITHUB_MEMBERS = 60;
/** The Okta simulator's catalog app members sign in to GitHub through (src/simulator/org/catalog.ts). */
const OKTA_GITHUB_APP = 'githubcloud';

export interface DemoGithubInput {
  store: Store;
  secretKey: SecretKeyLocation;
  /** The demo's Okta connection (already synced: the Okta app is checked against its snapshot). */
  oktaConnection: string;
  /** The simulated Okta org: its users, apps and app assignments. */
  oktaOrg: Pick<SimOrg, 'users' | 'apps' | 'appUsers'>;
  seed: number;
  now: () => Date;
}

export interface DemoGithub {
  sim: GitHubSimulatorHandle;
  connection: GithubConnectionRecord;
  service: DownstreamService;
  close(): Promise<void>;
}

/**
 * Starts the simulated GitHub organization and stores a connection to it (a GitHub App installation, like the
 * recommended real setup), mapped to the Okta org's GitHub app. Undefined when the Okta org has no GitHub app. Syncing
 * it is the caller's: the scheduler (`serve --demo`) or `runGithubSync` (the one-shot demo).
 */
export async function connectDemoGithub(input: DemoGithubInput): Promise<DemoGithub | undefined> {
  const oktaApp = input.oktaOrg.apps.find((app) => app.name === OKTA_GITHUB_APP && app.status === 'ACTIVE');
  if (oktaApp === undefined) return undefined;
  const sim = await startGitHubSimulator(
    { seed: input.seed, rateLimits: 'off', orgs: [{ login: DEMO_GITHUB_ORG, name: 'Example Engineering', members: DEMO_GITHUB_MEMBERS, saml: 'org', twoFactorRequired: true }] },
    { people: peopleFromOktaUsers(githubPeople(input.oktaOrg, oktaApp.id)) },
  );
  try {
    const deps = { store: input.store, secretKey: input.secretKey, actor: 'cli:demo' };
    const credential = { kind: 'app' as const, appId: String(sim.credentials.appId), privateKey: sim.credentials.privateKeyPem, installationId: null };
    await adoptEarlierDemoService(input.store, sim.url, deps);
    const saved = await createGithubConnection(deps, {
      name: DEMO_GITHUB_CONNECTION,
      org: DEMO_GITHUB_ORG,
      baseUrl: sim.url,
      credential,
      oktaConnection: input.oktaConnection,
      oktaApp: oktaApp.id,
      settings: { autoSync: true, syncInterval: '6h' },
    });
    const service = await input.store.downstream.upsertService({ ...saved.service, name: DEMO_GITHUB_SERVICE });
    // GitHub's API does not show whether a standalone organization enforces SAML SSO (docs/github.md): a named admin
    // attests it. Here the "admin" is the simulator's setting, and the statement says so.
    await attestServiceFact({
      database: input.store,
      service: service.id,
      fact: 'sso-enforced',
      value: true,
      attestedBy: 'demo-admin@example.com',
      statement: `SIMULATED: the simulated GitHub organization ${DEMO_GITHUB_ORG} enforces SAML SSO (simulator setting samlEnforced: true), not a real admin's check`,
      actor: 'cli:demo',
      now: input.now(),
    });
    return { sim, connection: saved.connection, service, close: () => sim.close() };
  } catch (error) {
    await sim.close();
    throw error;
  }
}

/**
 * The Okta users the GitHub members are drawn from: mostly people assigned to the GitHub app in Okta (engineers have
 * GitHub accounts), plus a tenth as many who are not, so every link of the passthrough chain shows both ways.
 */
function githubPeople(org: Pick<SimOrg, 'users' | 'appUsers'>, appId: string): SimUser[] {
  const assigned = new Set((org.appUsers.get(appId) ?? []).map((assignment) => assignment.id));
  const inApp = org.users.filter((user) => assigned.has(user.id));
  const others = org.users.filter((user) => !assigned.has(user.id));
  return [...inApp, ...others.slice(0, Math.max(5, Math.ceil(inApp.length / 10)))];
}

/**
 * Each start serves GitHub on a new port, and a connection's address cannot change: the earlier demo connection is
 * removed, and its service renamed to the name the new connection gives its service, which then reuses it — so the
 * demo's GitHub history and evidence chain go on across restarts instead of a new service each time.
 */
async function adoptEarlierDemoService(store: Store, url: string, deps: { store: Store; secretKey: SecretKeyLocation; actor: string }): Promise<void> {
  const earlier = await store.githubConnections.findByName(DEMO_GITHUB_CONNECTION);
  if (earlier !== undefined) await removeGithubConnection(deps, earlier.id);
  const service = await store.downstream.findServiceByName(DEMO_GITHUB_SERVICE);
  if (service !== undefined) await store.downstream.upsertService({ ...service, name: `GitHub ${DEMO_GITHUB_ORG} (${new URL(url).host})` });
}
