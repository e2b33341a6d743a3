import { join } from 'node:path';
import type { Command } from 'commander';
import { ALL_COLLECTORS } from '../collect/index.js';
import { SYNC_DEFAULTS } from '../collect/sync-run.js';
import { createSswsAuth } from '../okta/auth/ssws.js';
import { RATE_LIMIT_PRESETS, type RateLimitPreset } from '../simulator/options.js';
import { DEMO_DATABASE_PATH, runDemoTestsAndEvidence } from '../app/demo-evidence.js';
import { demoEvidenceLines, testSummaryLines } from './demo-report.js';
import { CommandFailedError, type CliIo } from './io.js';
import { choiceArg, integerArg } from './parse-args.js';
import { syncFromCommand } from './sync-live.js';
import { failureLine, successLines } from './sync-report.js';
import type { ClientTuning } from '../app/sync-session.js';

const DEMO_DOMAIN = 'demo.okta.com';
const DEFAULT_EVIDENCE_DIR = join('evidence', 'latest');
const DEMO_SEED = 7;

interface DemoFlags {
  users: number;
  db: string;
  out: string;
  rateLimits: RateLimitPreset;
}

/**
 * `npm start`: the whole product on a simulated org, with nothing to configure. It starts the simulator in-process
 * with a seeded org, syncs it into its own SQLite file (./data/demo/, never the real database) through the base-URL override (the org is recorded as
 * demo.okta.com), runs the security tests, exports signed evidence to ./evidence/latest, prints where everything is
 * and exits. `okta-evidence simulate` keeps a simulator running instead.
 */
export function registerDemoCommand(program: Command, io: CliIo, deps: { clientTuning?: ClientTuning } = {}): void {
  program
    .command('demo')
    .description('Sync a built-in simulated Okta org into the local store and show what was collected.')
    .option('--users <N>', 'users in the simulated org', integerArg('--users', 1, 100_000), 500)
    // Neither DATABASE_URL nor the real default: the demo org must not land in the database that holds a real org's
    // evidence (a second org there makes `tests` and `evidence export` ask for --org), nor sign with its key.
    .option('--db <X>', 'SQLite file or postgres:// URL to sync into (its own: the signing key goes in keys/ beside a SQLite file)', DEMO_DATABASE_PATH)
    .option('--out <DIR>', 'where the evidence export goes (an earlier export there is moved aside)', DEFAULT_EVIDENCE_DIR)
    // Off by default so `npm start` ends in seconds; `workforce` paces like a real org (minutes for 500 users).
    .option('--rate-limits <preset>', `the simulator's rate limits: ${RATE_LIMIT_PRESETS.join('|')}`, choiceArg('--rate-limits', RATE_LIMIT_PRESETS), 'off')
    .action(async (flags: DemoFlags) => {
      await runDemo(flags, io, deps.clientTuning);
    });
}

async function runDemo(flags: DemoFlags, io: CliIo, clientTuning: ClientTuning | undefined): Promise<void> {
  const { startSimulator } = await import('../simulator/server.js');
  const sim = await startSimulator({ users: flags.users, seed: DEMO_SEED, rateLimits: flags.rateLimits, port: 0 });
  try {
    io.out(`Simulated Okta org ${DEMO_DOMAIN} (${sim.org.users.length} users, seed ${DEMO_SEED}, rate limits ${flags.rateLimits}) at ${sim.baseUrl}; syncing it…`);
    const timeoutMs = SYNC_DEFAULTS.timeoutMs;
    const { outcome, location } = await syncFromCommand(io, {
      org: DEMO_DOMAIN,
      baseUrl: new URL(sim.baseUrl),
      auth: createSswsAuth(sim.token),
      database: flags.db,
      collectors: ALL_COLLECTORS,
      trigger: 'demo',
      // Also recognised by the simulator's marker; said here too so demo evidence is simulated whatever the simulator serves.
      simulated: true,
      timeoutMs,
      logWindowDays: SYNC_DEFAULTS.logWindowDays,
      clientTuning,
    });
    if (outcome.status !== 'succeeded') throw new CommandFailedError(failureLine(outcome, timeoutMs));
    for (const line of successLines(outcome, location)) io.out(line);
    const demo = await runDemoTestsAndEvidence({ org: DEMO_DOMAIN, databasePath: flags.db, outDir: flags.out, now: () => new Date() });
    if (demo.tests !== undefined) for (const line of testSummaryLines(demo.tests.summary, flags.db)) io.out(line);
    for (const line of demoEvidenceLines(demo, flags.db)) io.out(line);
    io.out('');
    io.out('Next: sync your own org with a read-only admin’s API token:');
    io.out('  OKTA_API_TOKEN=… npx okta-evidence sync --domain company.okta.com');
    io.out('or keep a simulated org running for your own requests: npx okta-evidence simulate');
    if (flags.rateLimits === 'off') io.out('(The simulator ran without rate limits; --rate-limits workforce paces requests like a real org.)');
  } finally {
    await sim.close();
  }
}
