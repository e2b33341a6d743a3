import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { ZodError } from 'zod';
import { RATE_LIMIT_PRESETS, type OAuthClientOption, type SimulatorOptionsInput } from '../simulator/options.js';
import { OrgFileError } from '../simulator/org/load.js';
import type { SimulatorHandle } from '../simulator/server.js';
import { type CliIo, UsageError } from './io.js';
import { choiceArg, collect, integerArg, numberArg } from './parse-args.js';

interface SimulateFlags {
  port: number;
  host: string;
  users: number;
  seed: number;
  rateLimits: (typeof RATE_LIMIT_PRESETS)[number];
  timeScale: number;
  latencyMs: number;
  logEventsPerUserPerDay: number;
  concurrencyLimit?: number;
  org?: string;
  token?: string;
  tokenFile?: string;
  oauthClient?: string[];
}

export function registerSimulateCommand(program: Command, io: CliIo): void {
  program
    .command('simulate')
    .description('Run the Okta org simulator on loopback (read-only Management API, OAuth, rate limits, faults).')
    .option('--port <P>', 'port to listen on (0 = any free port)', integerArg('--port', 0, 65535), 8080)
    .option('--host <H>', 'loopback address to bind', '127.0.0.1')
    .option('--users <N>', 'users in the generated org', integerArg('--users', 0, 1_000_000), 200)
    .option('--seed <S>', 'seed of the generated org', integerArg('--seed', 0, 2 ** 32 - 1), 1)
    .option('--rate-limits <preset>', `rate-limit preset: ${RATE_LIMIT_PRESETS.join('|')}`, choiceArg('--rate-limits', RATE_LIMIT_PRESETS), 'workforce')
    .option('--time-scale <K>', 'shorten rate-limit windows K times (same rate per second)', numberArg('--time-scale', 1, 600), 1)
    .option('--latency-ms <M>', 'added latency per request, with jitter', numberArg('--latency-ms', 0, 60_000), 0)
    .option('--log-events-per-user-per-day <E>', 'System Log volume over the last 14 days', numberArg('--log-events-per-user-per-day', 0, 100), 1)
    .option('--concurrency-limit <C>', 'requests in flight before 429 (default: the preset’s)', integerArg('--concurrency-limit', 1, 10_000))
    .option('--org <FILE>', 'load the org from a JSON file instead of generating it')
    .option('--token <T>', 'the SSWS token to accept (default: OKTA_SIM_TOKEN, else a random one, printed at start); visible to every local user, prefer --token-file or OKTA_SIM_TOKEN')
    .option('--token-file <FILE>', 'read the SSWS token to accept from a file')
    .option('--oauth-client <ID=PUBLIC_KEY_FILE[,dpop]>', 'register an OAuth service app (repeatable)', collect)
    .action(async (flags: SimulateFlags) => {
      const handle = await startFromFlags({ ...flags, token: await simulatorToken(flags, io.env ?? {}) });
      io.out(startLine(handle, flags));
      await io.untilStopped();
      await handle.close();
    });
}

/** Env name of the simulator's token: unlike `--token`, the environment is not visible in the process list. */
export const SIM_TOKEN_ENV = 'OKTA_SIM_TOKEN';

/** The token to accept: --token (kept for tests and scripts), else --token-file, else OKTA_SIM_TOKEN, else random. */
async function simulatorToken(flags: SimulateFlags, env: Readonly<Record<string, string | undefined>>): Promise<string | undefined> {
  if (flags.token !== undefined && flags.tokenFile !== undefined) throw new UsageError('--token and --token-file both name a token: keep one');
  if (flags.token !== undefined) return flags.token;
  if (flags.tokenFile !== undefined) {
    const text = await readFile(flags.tokenFile, 'utf8').catch(() => {
      throw new UsageError(`cannot read the token file ${flags.tokenFile ?? ''}`);
    });
    if (text.trim() === '') throw new UsageError(`the token file ${flags.tokenFile} is empty`);
    return text.trim();
  }
  const fromEnv = env[SIM_TOKEN_ENV]?.trim();
  return fromEnv === undefined || fromEnv === '' ? undefined : fromEnv;
}

async function startFromFlags(flags: SimulateFlags): Promise<SimulatorHandle> {
  if (!isLoopbackHost(flags.host)) throw new UsageError(`--host must be a loopback address (127.0.0.1, ::1 or localhost), got "${flags.host}"`);
  const input: SimulatorOptionsInput = {
    host: flags.host,
    port: flags.port,
    users: flags.users,
    seed: flags.seed,
    rateLimits: flags.rateLimits,
    timeScale: flags.timeScale,
    latencyMs: flags.latencyMs,
    logEventsPerUserPerDay: flags.logEventsPerUserPerDay,
    concurrencyLimit: flags.concurrencyLimit,
    orgFile: flags.org,
    token: flags.token,
    oauthClients: await Promise.all((flags.oauthClient ?? []).map(parseOAuthClientFlag)),
  };
  try {
    const { startSimulator } = await import('../simulator/server.js');
    return await startSimulator(input);
  } catch (error) {
    if (error instanceof ZodError) throw new UsageError(describeZodError(error));
    // A missing or malformed --org file is the operator's input: exit 2 with the loader's one-line message.
    if (error instanceof OrgFileError) throw new UsageError(error.message);
    throw error;
  }
}

/** `ID=PUBLIC_KEY_FILE[,dpop]`: the key file holds a PEM public key or a JWK. */
export async function parseOAuthClientFlag(value: string): Promise<OAuthClientOption> {
  const match = /^([^=]+)=([^,]+)(,dpop)?$/.exec(value);
  if (!match?.[1] || !match[2]) {
    throw new UsageError(`--oauth-client must look like CLIENT_ID=PUBLIC_KEY_FILE[,dpop], got "${value}"`);
  }
  const [, clientId, file, dpop] = match;
  let publicKey: string;
  try {
    publicKey = await readFile(file, 'utf8');
  } catch {
    throw new UsageError(`--oauth-client ${clientId}: cannot read public key file "${file}"`);
  }
  return { clientId, publicKey, requireDpop: dpop !== undefined };
}

function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function describeZodError(error: ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid simulator options';
  const flag = '--' + issue.path.map(String).join('.').replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
  return `${flag}: ${issue.message}`;
}

function startLine(handle: SimulatorHandle, flags: SimulateFlags): string {
  const source = flags.org !== undefined ? `org file ${flags.org}` : `${handle.org.users.length} users, seed ${flags.seed}`;
  return `Okta simulator at ${handle.baseUrl} (SSWS token: ${handle.token}) — ${source}, rate limits ${flags.rateLimits}`;
}
