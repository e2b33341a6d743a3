import type { Command } from 'commander';
import { createAccounts } from '../app/accounts/accounts.js';
import { isAccountError } from '../app/accounts/errors.js';
import { SERVER_ROLES, type ServerRole } from '../app/accounts/types.js';
import { openServerStore } from '../app/read/context.js';
import { resolveDatabaseUrl } from '../app/database-url.js';
import { UsageError, type CliIo } from './io.js';
import { choiceArg, collect } from './parse-args.js';

/** Reads the whole of stdin (a password piped in), injected so tests need no process streams. */
export interface UsersDeps {
  readStdin?: () => Promise<string>;
}

interface CreateFlags {
  role: ServerRole;
  email?: string;
  passwordStdin?: boolean;
  reviewApp?: string[];
  url: string;
  db?: string;
}

export function registerUsersCommand(program: Command, io: CliIo, deps: UsersDeps): void {
  const users = program.command('users').description('Server users who may sign in to `serve` (roles: admin, auditor, reviewer).');
  users
    .command('create')
    .description('Create a server user: with --email and --password-stdin at once; without, the first admin through a one-time setup link (valid 1 hour).')
    .requiredOption('--role <R>', `role: ${SERVER_ROLES.join('|')}`, choiceArg('--role', SERVER_ROLES))
    .option('--email <E>', 'the user’s email address (their sign-in name)')
    .option('--password-stdin', 'read the password from stdin (at least 12 characters), e.g. from a secrets manager')
    .option('--review-app <ID>', 'for a reviewer: an app whose access they review (repeatable)', collect)
    .option('--url <U>', 'where `serve` is reached, for the setup link', 'http://127.0.0.1:3000')
    .option('--db <X>', 'SQLite file or postgres:// URL (default: DATABASE_URL, else ./data/okta-evidence.sqlite)')
    .action((flags: CreateFlags) => createUser(flags, io, deps));
  users
    .command('list')
    .description('List server users and their roles.')
    .option('--db <X>', 'SQLite file or postgres:// URL (default: DATABASE_URL, else ./data/okta-evidence.sqlite)')
    .action((flags: { db?: string }) => listUsers(flags, io));
}

async function createUser(flags: CreateFlags, io: CliIo, deps: UsersDeps): Promise<void> {
  if (flags.passwordStdin === true && flags.email === undefined) throw new UsageError('--password-stdin needs --email');
  const { url } = resolveDatabaseUrl(flags.db, io.env);
  const store = await openServerStore(url);
  try {
    const accounts = createAccounts(store, () => new Date());
    if (flags.email !== undefined && flags.passwordStdin === true) {
      const password = (await (deps.readStdin ?? (() => Promise.resolve('')))()).replace(/\r?\n$/, '');
      const user = await accounts.createUser({ email: flags.email, password, role: flags.role, reviewAppIds: flags.reviewApp ?? [] }, 'cli');
      io.out(`Created ${user.role} ${user.email}.`);
      return;
    }
    if (flags.role !== 'admin' || flags.email !== undefined) {
      throw new UsageError('give --email and --password-stdin to create a user; a setup link (no flags but --role admin) only creates the first admin');
    }
    const setup = await accounts.createSetupToken();
    if (setup === undefined) throw new UsageError('server users already exist: create more with --email and --password-stdin, or from the console’s Admin page');
    io.out(`Create the first admin within the hour (the link works once, until ${setup.expiresAt.toISOString()}):`);
    io.out(`  ${flags.url.replace(/\/+$/, '')}/setup#token=${setup.token}`);
  } catch (error) {
    if (isAccountError(error)) throw new UsageError(error.message);
    throw error;
  } finally {
    await store.close();
  }
}

async function listUsers(flags: { db?: string }, io: CliIo): Promise<void> {
  const { url } = resolveDatabaseUrl(flags.db, io.env);
  const store = await openServerStore(url);
  try {
    for (const user of await createAccounts(store, () => new Date()).listUsers()) {
      io.out(`${user.email}\t${user.role}${user.disabledAt === null ? '' : '\tdisabled'}${user.reviewAppIds.length > 0 ? `\treviews ${user.reviewAppIds.join(',')}` : ''}`);
    }
  } finally {
    await store.close();
  }
}
