/**
 * Shared set-up for the `okta-evidence sync` end-to-end tests: a real simulator on loopback, the CLI run in-process
 * through `runCli` with captured output, and what the simulator's org should come out as in the store.
 */
import { onTestFinished } from 'vitest';
import { DEFAULT_LOG_EVENT_TYPES, SIGN_IN_STATUSES } from '../src/collect/collector.js';
import { POLICY_TYPES } from '../src/collect/policies.js';
import { PERSISTENCE_DELAY_MS } from '../src/collect/system-log.js';
import type { CliIo } from '../src/cli/io.js';
import { runCli } from '../src/cli/program.js';
import type { Env } from '../src/okta/auth/load-credentials.js';
import type { SimulatorOptionsInput } from '../src/simulator/options.js';
import type { SimOrg } from '../src/simulator/org/types.js';
import { startSimulator, type SimulatorHandle } from '../src/simulator/server.js';
import type { TimeWindow } from '../src/store/types.js';

export const DOMAIN = 'example.okta.com';

/** Back-off shrunk for the simulator's immediate faults; more attempts, so a 20 % 5xx rate never exhausts them. */
export const TEST_CLIENT = { retry: { baseDelayMs: 5, maxDelayMs: 50, maxAttempts: 10 } } as const;

/** A small seeded org, rate limits off: the tests are about the sync, not pacing. */
export async function startTestSimulator(options: SimulatorOptionsInput = {}): Promise<SimulatorHandle> {
  const sim = await startSimulator({ users: 120, seed: 11, rateLimits: 'off', port: 0, ...options });
  onTestFinished(() => sim.close());
  return sim;
}

export interface CliRun {
  exitCode: number;
  out: string[];
  /** stderr without the periodic `progress:` lines (their number depends on how long the sync took). */
  err: string[];
  /** The `progress:` lines a sync writes off a terminal every few seconds. */
  progress: string[];
  /** The `--json` line, parsed. */
  json(): SyncJson;
}

export interface SyncJson {
  syncId: string;
  status: string;
  complete: boolean;
  counts: Record<string, number>;
  requests: { total: number; throttled: number };
  durationMs: number;
  incremental: {
    since: string;
    reverifiedUsers: number;
    reverifiedApps: number;
    reverifyRequests: number;
    oldestVerifiedAt: string | null;
    changes: { users: number; factors: number; groupMemberships: number; apps: number; appAssignments: number; policies: number; logCutoff: string | null } | null;
  } | null;
}

export async function runSyncCli(args: string[], env: Env): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    // Never "Ctrl-C": the sync runs to its own end.
    untilStopped: () => new Promise(() => undefined),
    isTTY: false,
    env,
  };
  const exitCode = await runCli(['sync', ...args], io, { clientTuning: TEST_CLIENT });
  return {
    exitCode,
    out,
    err: err.filter((line) => !line.startsWith('progress: ')),
    progress: err.filter((line) => line.startsWith('progress: ')),
    json: () => {
      const line = out.find((l) => l.startsWith('{'));
      if (line === undefined) throw new Error(`no JSON line in ${JSON.stringify(out)}`);
      return JSON.parse(line) as SyncJson;
    },
  };
}

/** `sync` against `sim` into `db` with the simulator's token, plus `extra` flags. */
export function syncSimulator(sim: SimulatorHandle, db: string, extra: string[] = [], env: Env = { OKTA_API_TOKEN: sim.token }): Promise<CliRun> {
  return runSyncCli(['--domain', DOMAIN, '--base-url', sim.baseUrl, '--db', db, '--json', ...extra], env);
}

function sum(values: Iterable<number>): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

/** What a complete sync of `org` must store: every user (deprovisioned included) and everything hanging off them. */
export function expectedCounts(org: SimOrg, logWindow: TimeWindow): Record<string, number> {
  const signIn: readonly string[] = SIGN_IN_STATUSES;
  const policyTypes: readonly string[] = POLICY_TYPES;
  const eventTypes: readonly string[] = DEFAULT_LOG_EVENT_TYPES;
  // The first read goes back the window from the moment it ran, which is `until` plus the persistence delay.
  const since = logWindow.until.getTime() + PERSISTENCE_DELAY_MS - (logWindow.until.getTime() - logWindow.since.getTime());
  let logEvents = 0;
  for (let i = 0; i < org.logs.size; i += 1) {
    const at = org.logs.publishedAt(i);
    if (at >= since && at < logWindow.until.getTime() && eventTypes.includes(org.logs.event(i).eventType)) logEvents += 1;
  }
  return {
    users: org.users.length,
    factors: sum(org.users.filter((u) => signIn.includes(u.status)).map((u) => org.factorsByUser.get(u.id)?.length ?? 0)),
    groups: org.groups.length,
    groupMemberships: sum([...org.groupMembers.values()].map((members) => members.length)),
    apps: org.apps.length,
    appAssignments: sum([...org.appUsers.values()].map((rows) => rows.length)),
    policies: org.policies.filter((p) => policyTypes.includes(p.type)).length,
    logEvents,
  };
}
