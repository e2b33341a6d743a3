import type { Command } from 'commander';
import { integerArg } from './parse-args.js';
import type { CliDeps } from './program.js';
import type { CliIo } from './io.js';
import { runSchedulerProcess } from './scheduler-process.js';

export function registerRunCommand(program: Command, io: CliIo, deps: CliDeps = {}): void {
  program
    .command('run')
    .description(
      'Run the scheduler in the foreground: every connection with Auto Sync syncs on its interval, each successful sync runs the tests and writes its evidence. SQLite: in this process; PostgreSQL: through the pg-boss queue (this process also works it).',
    )
    .option('--db <X>', 'SQLite file or postgres:// URL (default: DATABASE_URL, else ./data/okta-evidence.sqlite)')
    .option('--concurrency <N>', 'syncs this process runs at once (1–16)', integerArg('--concurrency', 1, 16), 2)
    .action(async (flags: { db?: string; concurrency: number }) => {
      await runSchedulerProcess(io, deps, { db: flags.db, concurrency: flags.concurrency, command: 'run' });
    });
}
