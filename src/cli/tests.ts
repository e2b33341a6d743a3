import type { Command } from 'commander';
import { SEVERITIES, type Severity } from '../checks/check.js';
import { PASSWORD_PROFILE_IDS, type PasswordProfileId } from '../checks/password-profiles.js';
import type { CheckSettingsInput } from '../checks/settings.js';
import { realClock } from '../config/runtime.js';
import { resolveDatabaseUrl } from '../app/database-url.js';
import { runTestsStreamed } from '../app/tests.js';
import { CommandFailedError, streamedOutput, type CliIo } from './io.js';
import { choiceArg, integerArg } from './parse-args.js';
import { checksTripping, failingListed, formatTestsTable, writeTestsJson } from './tests-report.js';

const FORMATS = ['table', 'json'] as const;

interface TestsFlags {
  db?: string;
  org?: string;
  format: (typeof FORMATS)[number];
  json?: boolean;
  profile?: PasswordProfileId;
  failOn?: Severity;
  inactiveDays?: number;
  reviewPeriodDays?: number;
}

export function registerTestsCommand(program: Command, io: CliIo): void {
  program
    .command('tests')
    .description('Run the security tests over the current snapshot, store the results, and show what fails.')
    .option('--db <X>', 'SQLite file or postgres:// URL (default: DATABASE_URL, else ./data/okta-evidence.sqlite)')
    .option('--org <D>', 'the Okta org to test, when the database holds several')
    .option('--format <F>', `output: ${FORMATS.join('|')}`, choiceArg('--format', FORMATS), 'table')
    .option('--json', 'same as --format json, as every other command accepts it')
    .option('--profile <NAME>', `password baseline: ${PASSWORD_PROFILE_IDS.join('|')} (default pci-dss-v4)`, choiceArg('--profile', PASSWORD_PROFILE_IDS))
    .option('--fail-on <SEVERITY>', `exit 1 when a check of this severity or higher fails or errors: ${SEVERITIES.join('|')}`, choiceArg('--fail-on', SEVERITIES))
    .option('--inactive-days <N>', 'days without sign-in before an account is inactive (default 90)', integerArg('--inactive-days', 1, 3650))
    .option('--review-period-days <N>', 'days within which each app needs an access review (default 90)', integerArg('--review-period-days', 1, 3650))
    .action((flags: TestsFlags) => runTests(flags, io));
}

async function runTests(flags: TestsFlags, io: CliIo): Promise<void> {
  const { url } = resolveDatabaseUrl(flags.db, io.env);
  const input = { database: url, org: flags.org, settings: settingsFrom(flags), now: new Date(realClock()) };
  const readOnlyWarning = `warning: the database ${url} is read-only, so this run was not stored; newly failing/fixed compare with the last stored run`;
  // Both forms read the entities back from the stored run, check by check, once it is saved: over 50,000 users the
  // evaluated run kept beside a report made from it went past the memory budget (issue 12: 400 MB).
  const run = await runTestsStreamed(input, async (tests) => {
    if (!tests.stored) io.err(readOnlyWarning);
    if (flags.format === 'json' || flags.json === true) {
      const output = streamedOutput(io);
      await writeTestsJson(tests, (text) => output.write(text));
      await output.end();
    } else {
      for (const line of formatTestsTable(tests, await failingListed(tests))) io.out(line);
    }
    return tests.run;
  });
  if (flags.failOn !== undefined) {
    const tripped = checksTripping(run, flags.failOn);
    if (tripped.length > 0) {
      const listed = tripped.map((result) => `${result.id} (${result.status})`).join(', ');
      throw new CommandFailedError(`${tripped.length} check${tripped.length === 1 ? '' : 's'} at ${flags.failOn} severity or above did not pass: ${listed}`);
    }
  }
}

function settingsFrom(flags: TestsFlags): CheckSettingsInput {
  const settings: CheckSettingsInput = {};
  if (flags.profile !== undefined) settings.profile = flags.profile;
  if (flags.inactiveDays !== undefined) settings.inactiveDays = flags.inactiveDays;
  if (flags.reviewPeriodDays !== undefined) settings.reviewPeriodDays = flags.reviewPeriodDays;
  return settings;
}
