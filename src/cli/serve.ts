import type { Command } from 'commander';
import { createAccounts } from '../app/accounts/accounts.js';
import { openServerStore } from '../app/read/context.js';
import { evidenceRoot } from '../app/evidence-exports.js';
import { resolveKeyDirectory } from '../app/evidence.js';
import { secretKeyLocation } from '../app/secrets/secret-key.js';
import { hearSyncProgress } from '../app/shared-sync-progress.js';
import { createSyncProgressHub } from '../app/sync-progress-hub.js';
import { queueGithubSyncNow, queueSyncNow } from '../schedule/sync-now.js';
import type { ConnectionRecord } from '../store/connection-types.js';
import type { GithubConnectionRecord } from '../store/downstream-store-types.js';
import { VERSION } from '../version.js';
import { lineLogger } from './scheduler-process.js';
import { resolveDatabaseUrl } from '../app/database-url.js';
import type { StartServer } from '../app/serve-contract.js';
import { UsageError, type CliIo } from './io.js';
import { integerArg } from './parse-args.js';
import { CONSOLE_DEMO_DATABASE, startDemoOrg, type DemoOrg } from './serve-demo.js';

/** What `serve` needs from the HTTP adapter; main.ts injects it so the CLI never imports the server. */
export interface ServeDeps {
  startServer?: StartServer;
}

interface ServeFlags {
  port: number;
  host: string;
  db?: string;
  scheduler: boolean;
  trustProxy?: boolean;
  tlsCert?: string;
  tlsKey?: string;
  log?: boolean;
  demo?: boolean;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/i;

export function registerServeCommand(program: Command, io: CliIo, deps: ServeDeps): void {
  program
    .command('serve')
    .description('Serve the web console and the REST API. Listens on 127.0.0.1:3000; every route but /healthz, sign-in and the console’s files needs credentials.')
    .option('--port <N>', 'TCP port (0: any free port)', integerArg('--port', 0, 65535), 3000)
    .option('--host <H>', 'address to listen on; beyond loopback, use TLS or a trusted proxy', '127.0.0.1')
    .option('--db <X>', 'SQLite file or postgres:// URL (default: DATABASE_URL, else ./data/okta-evidence.sqlite)')
    .option('--no-scheduler', 'do not run the embedded scheduler in this process')
    .option('--trust-proxy', 'a reverse proxy in front terminates TLS: trust its X-Forwarded-* headers, mark cookies Secure')
    .option('--tls-cert <FILE>', 'serve HTTPS with this PEM certificate (with --tls-key)')
    .option('--tls-key <FILE>', 'the PEM private key for --tls-cert')
    .option('--log', 'log each request as a JSON line on stdout (credentials redacted)')
    .option('--demo', `also start the built-in simulated Okta org and a simulated GitHub organization in this process, connected and synced (npm start; default database ${CONSOLE_DEMO_DATABASE})`)
    .action((flags: ServeFlags) => runServe(flags, io, deps));
}

async function runServe(flags: ServeFlags, io: CliIo, deps: ServeDeps): Promise<void> {
  if (deps.startServer === undefined) throw new UsageError('this build has no HTTP server');
  if ((flags.tlsCert === undefined) !== (flags.tlsKey === undefined)) throw new UsageError('--tls-cert and --tls-key go together');
  const tls = flags.tlsCert !== undefined && flags.tlsKey !== undefined ? { certFile: flags.tlsCert, keyFile: flags.tlsKey } : undefined;
  const trustProxy = flags.trustProxy === true;
  if (!LOOPBACK.test(flags.host) && tls === undefined && !trustProxy) {
    io.err(`warning: listening on ${flags.host} without TLS or a trusted proxy: passwords, session cookies and API tokens cross the network in clear. Use --tls-cert/--tls-key, or --trust-proxy behind a TLS-terminating proxy.`);
  }
  const env = io.env ?? {};
  const demo = flags.demo === true;
  if (demo && !flags.scheduler) throw new UsageError('--demo syncs the simulated org through the scheduler: leave out --no-scheduler');
  const { url: databaseUrl } = resolveDatabaseUrl(flags.db ?? (demo ? CONSOLE_DEMO_DATABASE : undefined), env);
  const progress = createSyncProgressHub();
  // With the scheduler, the server shares its store; without, it opens its own.
  const scheduler = flags.scheduler
    ? await (await import('../schedule/product-scheduler.js')).startProductScheduler({ databaseUrl, env, logger: { ...lineLogger(io), info: () => undefined }, progress })
    : undefined;
  const store = scheduler?.store ?? (await openServerStore(databaseUrl));
  // PostgreSQL: the syncs other processes (`worker`s, other `serve`s) run are streamed here too.
  const stopHearing = store.syncProgressChannel === undefined ? undefined : hearSyncProgress(progress, store.syncProgressChannel);
  let demoOrg: DemoOrg | undefined;
  try {
    // Synced before the URL is printed: the console opens on data.
    if (demo && scheduler !== undefined) demoOrg = await startDemoOrg({ store, secretKey: secretKeyLocation(databaseUrl, env), scheduler: scheduler.scheduler, io });
    const syncNow =
      scheduler === undefined ? undefined : (connection: ConnectionRecord, actor: string) => queueSyncNow({ store, scheduler: scheduler.scheduler, clock: () => Date.now(), actor }, connection);
    const githubSyncNow =
      scheduler === undefined ? undefined : (connection: GithubConnectionRecord, actor: string) => queueGithubSyncNow({ store, scheduler: scheduler.scheduler, clock: () => Date.now(), actor }, connection);
    const server = await deps.startServer({
      store,
      host: flags.host,
      port: flags.port,
      trustProxy,
      ...(tls === undefined ? {} : { tls }),
      version: VERSION,
      log: flags.log === true,
      secretKey: secretKeyLocation(databaseUrl, env),
      env,
      syncNow,
      githubSyncNow,
      syncProgress: progress,
      evidence: { root: evidenceRoot(databaseUrl, env), keyDir: resolveKeyDirectory(undefined, env, databaseUrl) },
    });
    io.out(`okta-evidence console and API on ${server.url} (database: ${store.location})`);
    if (demoOrg !== undefined) io.out(`Demo: the simulated org ${demoOrg.domain}${demoOrg.githubService === undefined ? '' : ` and ${demoOrg.githubService}`} are connected and synced; their data and evidence are labelled simulated.`);
    io.out(scheduler === undefined ? 'Scheduler: off (--no-scheduler); Sync Now answers 503.' : `Scheduler: ${scheduler.kind} in this process.`);
    const setup = await createAccounts(store, () => new Date()).createSetupToken();
    if (setup !== undefined) {
      io.out(`No server user yet. Create the first admin within the hour at:`);
      io.out(`  ${server.url}/setup#token=${setup.token}`);
      io.out(`(or POST ${server.url}/api/auth/setup with {"token": "…", "email": …, "password": …}; the link works once, until ${setup.expiresAt.toISOString()})`);
    }
    await io.untilStopped({ stopIsNormalEnd: true });
    await server.close();
  } finally {
    stopHearing?.();
    await demoOrg?.close();
    // The scheduler's close stops its syncs (they checkpoint) and closes the store they share.
    if (scheduler === undefined) await store.close();
    else await scheduler.close();
  }
}
