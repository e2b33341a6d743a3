import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/store/database.js';
import type { Store } from '../src/store/store.js';
import { DATASET_IDS, type AppAssignmentRecord, type LogEventRecord, type UserRecord } from '../src/store/types.js';
import { runCliProcess } from './cli-process.js';
import { defineScenario } from './scenario.js';

const USERS = 50_000;
const APPS = 200;
const ASSIGNMENTS_PER_USER = 3;
const LOG_EVENTS = 1_000_000;
const TARGET_RSS_MB = 400;
const ORG = 'bench.example.com';
const UNTIL = Date.parse('2024-06-08T00:00:00Z');
const WINDOW_MS = 7 * 86_400_000;
const STATUSES = ['ACTIVE', 'ACTIVE', 'ACTIVE', 'ACTIVE', 'ACTIVE', 'ACTIVE', 'SUSPENDED', 'DEPROVISIONED', 'PASSWORD_EXPIRED', 'LOCKED_OUT'];
const EVENT_TYPES = ['user.session.start', 'user.authentication.sso', 'user.mfa.factor.activate', 'application.user_membership.add', 'policy.lifecycle.update'];

const userId = (n: number) => `00u${String(n).padStart(17, '0')}`;
const at = (ms: number) => new Date(ms);

function* users(): Generator<UserRecord> {
  for (let n = 0; n < USERS; n += 1) {
    yield {
      id: userId(n),
      login: `user${n}@example.com`,
      email: `user${n}@example.com`,
      firstName: `First${n}`,
      lastName: `Last${n}`,
      displayName: `First${n} Last${n}`,
      department: ['Engineering', 'Sales', 'Finance', 'Support'][n % 4] ?? null,
      title: 'Staff',
      status: STATUSES[n % STATUSES.length] ?? 'ACTIVE',
      created: at(UNTIL - 400 * 86_400_000),
      activated: at(UNTIL - 399 * 86_400_000),
      statusChanged: null,
      lastLogin: n % 11 === 0 ? null : at(UNTIL - (n % 120) * 86_400_000),
      lastUpdated: at(UNTIL - 30 * 86_400_000),
      passwordChanged: at(UNTIL - 60 * 86_400_000),
      providerType: 'OKTA',
      providerName: 'OKTA',
    };
  }
}

function* assignments(): Generator<AppAssignmentRecord> {
  for (let app = 0; app < APPS; app += 1) {
    for (let n = app % ASSIGNMENTS_PER_USER; n < USERS; n += APPS / ASSIGNMENTS_PER_USER) {
      const user = Math.floor(n);
      yield { appId: `0oa${String(app).padStart(17, '0')}`, userId: userId(user), scope: user % 2 === 0 ? 'USER' : 'GROUP', status: 'ACTIVE', created: at(UNTIL), lastUpdated: at(UNTIL), viaGroupIds: user % 2 === 0 ? [] : ['00g00000000000000001'] };
    }
  }
}

/** About 1.4 KB per event, shaped like an Okta System Log event (actor, client, request, target, debugContext). */
function* logEvents(): Generator<LogEventRecord> {
  for (let n = 0; n < LOG_EVENTS; n += 1) {
    const uuid = `e${String(n).padStart(11, '0')}-0000-11ef-9a3c-${String(n % 1e12).padStart(12, '0')}`;
    const published = at(UNTIL - WINDOW_MS + Math.floor((n / LOG_EVENTS) * WINDOW_MS));
    const user = n % USERS;
    const eventType = EVENT_TYPES[n % EVENT_TYPES.length] ?? 'user.session.start';
    const ip = `198.51.100.${n % 250}`;
    const geo = { city: 'Springfield', state: 'Illinois', country: 'United States', postalCode: '62701', geolocation: { lat: 39.7817, lon: -89.6501 } };
    const raw = {
      uuid,
      published: published.toISOString(),
      eventType,
      version: '0',
      severity: 'INFO',
      legacyEventType: 'core.user_auth.login_success',
      displayMessage: 'User login to Okta',
      actor: { id: userId(user), type: 'User', alternateId: `user${user}@example.com`, displayName: `First${user} Last${user}`, detailEntry: null },
      client: {
        userAgent: { rawUserAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36', os: 'Mac OS X', browser: 'CHROME' },
        zone: 'null',
        device: 'Computer',
        id: null,
        ipAddress: ip,
        geographicalContext: geo,
      },
      outcome: { result: n % 20 === 0 ? 'FAILURE' : 'SUCCESS', reason: n % 20 === 0 ? 'INVALID_CREDENTIALS' : null },
      transaction: { type: 'WEB', id: `tx${n}`, detail: {} },
      debugContext: { debugData: { requestId: `req${n}`, requestUri: '/idp/idx/identify', url: '/idp/idx/identify?', threatSuspected: 'false' } },
      authenticationContext: { authenticationProvider: null, credentialProvider: null, credentialType: null, issuer: null, authenticationStep: 0, externalSessionId: `idx${n}` },
      securityContext: { asNumber: 64496, asOrg: 'example isp', isp: 'example isp', domain: 'example.com', isProxy: false },
      request: { ipChain: [{ ip, geographicalContext: geo, version: 'V4', source: null }] },
      target: [{ id: userId(user), type: 'User', alternateId: `user${user}@example.com`, displayName: `First${user} Last${user}`, detailEntry: null }],
    };
    yield { uuid, published, eventType, outcomeResult: raw.outcome.result, actorId: userId(user), actorAlternateId: `user${user}@example.com`, targetIds: [userId(user)], raw };
  }
}

async function populate(store: Store): Promise<void> {
  const sync = await store.syncs.start({ org: ORG, trigger: 'cli', startedAt: at(UNTIL) });
  const snapshot = await store.snapshots.begin(ORG, { syncId: sync.id });
  await store.entities.upsert('users', snapshot.id, users());
  await store.entities.upsert('apps', snapshot.id, Array.from({ length: APPS }, (_, app) => ({ id: `0oa${String(app).padStart(17, '0')}`, name: 'oidc_client', label: `App ${app}`, status: 'ACTIVE', signOnMode: 'OPENID_CONNECT', created: at(UNTIL), lastUpdated: at(UNTIL), accessPolicyId: null })));
  await store.entities.upsert('appAssignments', snapshot.id, assignments());
  await store.logEvents.insert(ORG, logEvents());
  const datasets = DATASET_IDS.map((dataset) => ({ dataset, state: 'complete' as const, count: 0 }));
  await store.snapshots.promote(ORG, snapshot.id, { datasets });
  await store.syncs.update(sync.id, { status: 'succeeded', endedAt: at(UNTIL + 60_000), complete: true, datasets, snapshotId: snapshot.id, logWindow: { since: at(UNTIL - WINDOW_MS), until: at(UNTIL) } });
}

function directorySizeMb(dir: string, names: readonly string[]): number {
  return Math.round(names.reduce((sum, name) => sum + statSync(join(dir, name)).size, 0) / 2 ** 20);
}

/**
 * Exporting 50,000 users and 1,000,000 System Log events must stay within 400 MB peak RSS: the export streams every
 * artifact from the store to disk. `tests`, the export and the verification each run in their own process (under
 * tsx, ~160 MB before any work) and report that process's peak RSS.
 */
export const evidenceExport = defineScenario({
  id: 'evidence-export-50k',
  description: `export ${USERS} users, ${USERS * ASSIGNMENTS_PER_USER} assignments, ${LOG_EVENTS} System Log events and the stored test results from SQLite, then verify`,
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'okta-evidence-bench-'));
    try {
      const db = join(dir, 'okta-evidence.sqlite');
      const started = performance.now();
      const store = await openDatabase(db);
      try {
        await populate(store);
      } finally {
        await store.close();
      }
      const populateMs = Math.round(performance.now() - started);
      // As the demo pipeline does: the tests store their run, the export streams it back.
      const tested = await runCliProcess(['tests', '--db', db, '--format', 'json']);
      const out = join(dir, 'export');
      const exported = await runCliProcess(['evidence', 'export', '--db', db, '--out', out]);
      if (exported.code !== 0) throw new Error(`evidence export failed (${exported.code}): ${exported.err}`);
      const verified = await runCliProcess(['evidence', 'verify', out, '--db', db]);
      const files = ['okta-users.json', 'okta-users.csv', 'user-app-assignments.json', 'user-app-assignments.csv', 'system-logs.jsonl', 'security-test-results.json', 'security-test-results.csv'];
      return {
        scenario: 'evidence-export-50k',
        figures: {
          users: USERS,
          logEvents: LOG_EVENTS,
          populateMs,
          testsPeakRssMb: tested.peakRssMb,
          wallMs: exported.wallMs,
          peakRssMb: exported.peakRssMb,
          exportMb: directorySizeMb(out, files),
          verifyWallMs: verified.wallMs,
          verifyPeakRssMb: verified.peakRssMb,
        },
        target: `export peak RSS <= ${TARGET_RSS_MB} MB, verify exits 0`,
        passed: exported.peakRssMb <= TARGET_RSS_MB && verified.code === 0 && exported.out.includes('the stored run'),
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
});
