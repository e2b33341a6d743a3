/**
 * Set-up for collector tests: an in-process simulator (rate limits off), a real SQLite store in a temp directory with
 * a building snapshot, an SSWS client, and a `CollectContext` over them. Everything is closed when the test that
 * created it finishes. Crafted orgs use example.com identities only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { createSswsAuth } from '../../okta/auth/ssws.js';
import type { AuthStrategy } from '../../okta/auth/types.js';
import { createOktaClient, type OktaClient } from '../../okta/client.js';
import { silentLogger } from '../../config/runtime.js';
import { buildOrg, type OrgParts } from '../../simulator/org/build.js';
import type { SimFactor, SimLogEvent, SimOrg, SimUser } from '../../simulator/org/types.js';
import type { SimulatorOptionsInput } from '../../simulator/options.js';
import { startSimulator, type SimulatorHandle } from '../../simulator/server.js';
import { openDatabase } from '../../store/database.js';
import type { Store } from '../../store/store.js';
import type { DatasetId } from '../../store/types.js';
import { DEFAULT_LOG_EVENT_TYPES, type CollectContext, type CollectOptions } from '../collector.js';

export const DOMAIN = 'example.okta.com';
export const SSWS_TOKEN = '00testTokenForCollectorTests0000000000000';

export interface Harness {
  sim: SimulatorHandle;
  client: OktaClient;
  store: Store;
  /** The store's file, to prove what never reaches disk. */
  dbPath: string;
  org: string;
  snapshotId: string;
  /** Progress updates the collectors reported, in order. */
  progress: { dataset: DatasetId; count: number; total?: number }[];
  context(overrides?: Partial<Omit<CollectContext, 'options'>> & { options?: Partial<CollectOptions> }): CollectContext;
  /** A client authenticating another way (e.g. OAuth with fewer scopes), closed with the test. */
  clientWith(auth: AuthStrategy): OktaClient;
  /** Requests the simulator has served so far. */
  requests(): number;
}

export interface HarnessOptions {
  sim?: SimulatorOptionsInput;
  /** A crafted org; otherwise the simulator generates one from `sim.users` / `sim.seed`. */
  org?: SimOrg;
  /** The simulator's and the collectors' clock (default: real time). */
  clock?: () => number;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const clock = options.clock ?? Date.now;
  const sim = await startSimulator({ rateLimits: 'off', port: 0, token: SSWS_TOKEN, ...options.sim }, { clock, ...(options.org ? { org: options.org } : {}) });
  onTestFinished(() => sim.close());
  const clientWith = (auth: AuthStrategy): OktaClient => {
    const client = createOktaClient({ domain: DOMAIN, baseUrl: new URL(sim.baseUrl), auth, retry: { baseDelayMs: 5, maxDelayMs: 50 } });
    onTestFinished(() => client.close());
    return client;
  };
  const client = clientWith(createSswsAuth(sim.token));
  const directory = mkdtempSync(join(tmpdir(), 'okta-evidence-collect-'));
  const dbPath = join(directory, 'x.sqlite');
  const store = await openDatabase(dbPath);
  onTestFinished(async () => {
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  });
  const org = DOMAIN;
  const snapshot = await store.snapshots.begin(org);
  const progress: Harness['progress'] = [];
  return {
    sim,
    client,
    store,
    dbPath,
    org,
    snapshotId: snapshot.id,
    progress,
    clientWith,
    requests: () => sim.stats().requests,
    context: (overrides = {}) => ({
      client,
      store,
      org,
      snapshotId: snapshot.id,
      signal: new AbortController().signal,
      clock,
      logger: silentLogger,
      progress: (dataset, update) => progress.push({ dataset, ...update }),
      logCursor: null,
      // Collector tests run collectors one after another: whatever one waits for has ended already.
      after: () => Promise.resolve([]),
      // …and have stored their pages already: a collector that starts on pages reads them from the store.
      pageStored: () => undefined,
      storedPages: () => noPages(),
      ...overrides,
      options: { logWindowDays: 7, logEventTypes: DEFAULT_LOG_EVENT_TYPES, perEntityConcurrency: 4, ...overrides.options },
    }),
  };
}

async function* noPages(): AsyncGenerator<never> {}

/** Streams a kind's records of the snapshot into an array (tests only; small orgs). */
export async function all<T>(source: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of source) items.push(item);
  return items;
}

const AT = '2024-05-01T12:00:00.000Z';

/** A user for a crafted org: ACTIVE, with a password, example.com login. */
export function simUser(id: string, overrides: Partial<SimUser> = {}): SimUser {
  const login = `${id.toLowerCase()}@example.com`;
  return {
    id,
    status: 'ACTIVE',
    created: AT,
    activated: AT,
    statusChanged: AT,
    lastLogin: '2024-06-01T08:00:00.000Z',
    lastUpdated: AT,
    passwordChanged: AT,
    type: { id: 'oty1defaultusertype0' },
    profile: { login, email: login, firstName: 'Ada', lastName: id, department: 'Engineering', title: 'Engineer' },
    credentials: { password: {}, provider: { type: 'OKTA', name: 'OKTA' } },
    ...overrides,
  };
}

export function simFactor(id: string, factorType: string, provider: string, profile: Record<string, unknown>, status = 'ACTIVE'): SimFactor {
  return { id, factorType, provider, vendorName: provider, status, created: AT, lastUpdated: AT, profile };
}

/** A System Log event at `published` (ms), in Okta's shape. */
export function simLogEvent(uuid: string, published: number, eventType = 'user.session.start', extra: Partial<SimLogEvent> = {}): SimLogEvent {
  return {
    uuid,
    published: new Date(published).toISOString(),
    eventType,
    version: '0',
    severity: 'INFO',
    displayMessage: 'User login to Okta',
    outcome: { result: 'SUCCESS', reason: null },
    actor: { id: '00uACTOR', type: 'User', alternateId: 'actor@example.com', displayName: 'Ada Actor', detailEntry: null },
    client: { ipAddress: '203.0.113.10' },
    target: [{ id: '0oaTARGET', type: 'AppInstance', alternateId: 'Example App', displayName: 'Example App', detailEntry: null }],
    debugContext: { debugData: { requestId: 'req1', requestUri: '/api/v1/authn' } },
    ...extra,
  };
}

/** An org from parts, with the test token accepted. */
export function craftOrg(parts: OrgParts): SimOrg {
  return buildOrg({ sswsTokens: [SSWS_TOKEN], ...parts });
}
