import { CREDENTIAL_ENV, loadOAuthPrivateKey, loadSswsToken, type Env } from '../okta/auth/load-credentials.js';
import { createOAuthAuth, oauthTokenUrl, type DpopMode } from '../okta/auth/oauth.js';
import { createSswsAuth } from '../okta/auth/ssws.js';
import type { AuthStrategy } from '../okta/auth/types.js';
import { parseBaseUrlOverride, parseOktaDomain } from '../okta/domain.js';
import { isOktaClientError } from '../okta/errors.js';
import { DEFAULT_SQLITE_PATH, parseDatabaseTarget } from '../store/database.js';
import { isStoreError } from '../store/errors.js';
import { UsageError } from './io.js';

export const DPOP_CHOICES = ['auto', 'on', 'off'] as const;
export const DATABASE_URL_ENV = 'DATABASE_URL';

/** The flags `sync` takes, as commander parsed them (numbers already checked). */
export interface SyncFlags {
  domain: string;
  baseUrl?: string;
  db?: string;
  logWindowDays: number;
  logRetentionDays: number;
  /** Seconds. */
  timeout: number;
  json?: boolean;
  clientId?: string;
  privateKey?: string;
  keyId?: string;
  dpop: (typeof DPOP_CHOICES)[number];
}

/** Everything a sync needs, validated: a bad value never gets as far as the database or the network. */
export interface SyncConfig {
  org: string;
  baseUrl: URL | undefined;
  databaseUrl: string;
  auth: AuthStrategy;
  timeoutMs: number;
  logWindowDays: number;
  logRetentionDays: number;
  json: boolean;
}

/**
 * Turns flags and environment into a SyncConfig. Every problem is a UsageError with one line naming the fix. The API
 * token comes only from the environment or a file: a command-line argument would show in the process list and
 * shell history.
 */
export async function resolveSyncConfig(flags: SyncFlags, env: Env, warn?: (message: string) => void): Promise<SyncConfig> {
  try {
    checkLogRetention(flags);
    const org = parseOktaDomain(flags.domain);
    const baseUrl = flags.baseUrl === undefined ? undefined : parseBaseUrlOverride(flags.baseUrl);
    const databaseUrl = flags.db ?? nonEmpty(env[DATABASE_URL_ENV]) ?? DEFAULT_SQLITE_PATH;
    parseDatabaseTarget(databaseUrl);
    const auth = await resolveAuth(flags, env, baseUrl ?? new URL(`https://${org}`), warn);
    return {
      org,
      baseUrl,
      databaseUrl,
      auth,
      timeoutMs: Math.round(flags.timeout * 1000),
      logWindowDays: flags.logWindowDays,
      logRetentionDays: flags.logRetentionDays,
      json: flags.json === true,
    };
  } catch (error) {
    if (isOktaClientError(error) || isStoreError(error, 'STORE_URL_INVALID')) throw new UsageError(error.message);
    throw error;
  }
}

/** Each flag's own range is checked by its parser; this is the rule between the two. */
function checkLogRetention(flags: SyncFlags): void {
  if (flags.logRetentionDays < flags.logWindowDays) {
    throw new UsageError(
      `--log-retention-days (${flags.logRetentionDays}) must be at least --log-window-days (${flags.logWindowDays}): shorter, it would delete events the evidence covers`,
    );
  }
}

async function resolveAuth(flags: SyncFlags, env: Env, orgBaseUrl: URL, warn: ((message: string) => void) | undefined): Promise<AuthStrategy> {
  if (flags.clientId === undefined) {
    if (flags.privateKey !== undefined || flags.keyId !== undefined) {
      throw new UsageError('--private-key and --key-id are for OAuth: add --client-id with the service app’s client id');
    }
    if (nonEmpty(env[CREDENTIAL_ENV.apiToken]) === undefined && nonEmpty(env[CREDENTIAL_ENV.apiTokenFile]) === undefined) {
      throw new UsageError(
        `no Okta credentials: set ${CREDENTIAL_ENV.apiToken} (or ${CREDENTIAL_ENV.apiTokenFile}) to a read-only admin’s API token, or use OAuth with --client-id ID --private-key FILE`,
      );
    }
    return createSswsAuth(await loadSswsToken({ env, warn }));
  }
  if (flags.privateKey === undefined && nonEmpty(env[CREDENTIAL_ENV.privateKeyFile]) === undefined) {
    throw new UsageError(`--client-id needs the service app’s private key: add --private-key FILE (or set ${CREDENTIAL_ENV.privateKeyFile})`);
  }
  const key = await loadOAuthPrivateKey({ env, keyFile: flags.privateKey, keyId: flags.keyId, warn });
  return createOAuthAuth({
    tokenUrl: oauthTokenUrl(orgBaseUrl),
    clientId: flags.clientId,
    privateKey: key.privateKey,
    alg: key.alg,
    keyId: key.keyId,
    dpop: dpopMode(flags.dpop),
  });
}

function dpopMode(choice: SyncFlags['dpop']): DpopMode {
  return choice === 'auto' ? 'auto' : choice === 'on';
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
