import type { Command } from 'commander';
import { integerArg } from './parse-args.js';
import type { CliDeps } from './program.js';
import type { CliIo } from './io.js';
import { runSchedulerProcess } from './scheduler-process.js';

export function registerWorkerCommand(program: Command, io: CliIo, deps: CliDeps = {}): void {
  program
    .command('worker')
    .description(
      'Take sync jobs from the PostgreSQL queue (pg-boss); run any number of workers on any number of machines. Each also enqueues due syncs; one sync per connection runs at a time.',
    )
    .option('--db <X>', 'postgres:// URL (default: DATABASE_URL)')
    .option('--concurrency <N>', 'syncs this worker runs at once (1–16)', integerArg('--concurrency', 1, 16), 2)
    .action(async (flags: { db?: string; concurrency: number }) => {
      await runSchedulerProcess(io, deps, { db: flags.db, kind: 'pg-boss', concurrency: flags.concurrency, command: 'worker' });
    });
}
