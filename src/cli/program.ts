import { Command, CommanderError } from 'commander';
import { registerConnectCommand } from './connect.js';
import { registerConnectionsCommand } from './connections.js';
import { registerDemoCommand } from './demo.js';
import { registerEvidenceCommand } from './evidence.js';
import { type CliIo, UsageError } from './io.js';
import { registerReviewCommand } from './review.js';
import { registerRunCommand } from './run.js';
import { registerSecretsCommand } from './secrets.js';
import { registerServicesCommand } from './services.js';
import { registerServeCommand, type ServeDeps } from './serve.js';
import { registerUsersCommand, type UsersDeps } from './users.js';
import { registerSimulateCommand } from './simulate.js';
import { registerSyncCommand, type SyncCommandDeps } from './sync.js';
import { registerTestsCommand } from './tests.js';
import { registerWorkerCommand } from './worker.js';
import { VERSION } from '../version.js';
import { passwordInArgumentWarning } from '../config/secret-exposure.js';
import { isStoreError, type StoreErrorCode } from '../store/errors.js';

/** What the composition root injects besides io (tests use it to shrink time); every field is optional. */
export type CliDeps = SyncCommandDeps & ServeDeps & UsersDeps;

/** Builds the command tree. Commands are thin adapters; the work happens in the services they call. */
export function buildProgram(io: CliIo, deps: CliDeps = {}): Command {
  const program = new Command('okta-evidence')
    .description('Read-only Okta compliance evidence collector, security tests, and an Okta org simulator.')
    .version(VERSION)
    .exitOverride()
    .showHelpAfterError(false)
    .configureOutput({
      writeOut: (text) => io.out(text.trimEnd()),
      // Commander prints "error: …" lines itself; keep them to one line each.
      writeErr: (text) => io.err(text.trimEnd()),
    });
  registerSyncCommand(program, io, deps);
  registerSimulateCommand(program, io);
  registerDemoCommand(program, io, deps);
  registerEvidenceCommand(program, io);
  registerTestsCommand(program, io);
  registerReviewCommand(program, io);
  registerServicesCommand(program, io);
  registerConnectCommand(program, io);
  registerConnectionsCommand(program, io);
  registerSecretsCommand(program, io);
  registerRunCommand(program, io, deps);
  registerWorkerCommand(program, io, deps);
  registerServeCommand(program, io, deps);
  registerUsersCommand(program, io, deps);
  for (const command of program.commands) command.exitOverride().configureOutput(program.configureOutput());
  return program;
}

/** The value given to --db, if any (`--db X` or `--db=X`). */
function dbFlag(argv: readonly string[]): string | undefined {
  const at = argv.indexOf('--db');
  if (at !== -1) return argv[at + 1];
  return argv.find((arg) => arg.startsWith('--db='))?.slice('--db='.length);
}

const UNUSABLE_DATABASE: ReadonlySet<StoreErrorCode> = new Set(['STORE_UNAVAILABLE', 'STORE_READ_ONLY', 'STORE_URL_INVALID', 'STORE_MIGRATION_FAILED']);

/** Runs the CLI and returns the process exit code: 0 ok, 1 failure, 2 usage or configuration error. */
export async function runCli(argv: string[], io: CliIo, deps: CliDeps = {}): Promise<number> {
  const program = buildProgram(io, deps);
  const exposed = passwordInArgumentWarning('--db', dbFlag(argv));
  if (exposed !== undefined) io.err(`warning: ${exposed}`);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; every parse error (unknown flag, bad value) is a usage error.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof UsageError) {
      io.err(`error: ${error.message}`);
      return 2;
    }
    // A database that cannot be used at all (unreachable, read-only, unknown URL, a newer schema) is a configuration
    // error, like any other bad setting: the README promises exit 2 for those.
    if (isStoreError(error) && UNUSABLE_DATABASE.has(error.code)) {
      io.err(`error: ${error.message}`);
      return 2;
    }
    if (error instanceof Error && 'exitCode' in error && error.exitCode === 2) {
      io.err(`error: ${error.message}`);
      return 2;
    }
    io.err(`error: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
