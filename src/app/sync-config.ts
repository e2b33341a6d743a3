import type { Dispatcher } from 'undici';
import { ENV, envValue, type Env } from '../config/env.js';
import { isConfigError } from '../config/errors.js';
import { checkLogRetention, checkLogWindowDays, checkReverifyShare, REVERIFY_SHARE } from '../config/settings.js';
import { loadOAuthPrivateKey, loadSswsToken } from '../okta/auth/load-credentials.js';
import { createOAuthAuth, oauthTokenUrl, type DpopMode } from '../okta/auth/oauth.js';
import { createSswsAuth } from '../okta/auth/ssws.js';
import type { AuthStrategy } from '../okta/auth/types.js';
import { parseBaseUrlOverride, parseOktaDomain } from '../okta/domain.js';
import { isOktaClientError } from '../okta/errors.js';
import { DEFAULT_SQLITE_PATH, parseDatabaseTarget } from '../store/database.js';
import { isStoreError } from '../store/errors.js';
import { createEgressDispatcher } from './egress.js';
import { InvalidInputError } from './errors.js';

export const DPOP_CHOICES = ['auto', 'on', 'off'] as const;
export const DATABASE_URL_ENV = ENV.databaseUrl;

/** The flags `sync` takes, as commander parsed them (numbers already checked). */
export interface SyncFlags {
  domain: string;
  baseUrl?: string;
  db?: string;
  logWindowDays: number;
  logRetentionDays: number;
  /** Seconds. */
  timeout: number;
  /** Share of the budget for re-verifying the oldest data (0–0.8); default `REVERIFY_SHARE.default`. */
  reverifyShare?: number;
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
  reverifyShare: number;
  json: boolean;
  /**
   * The proxy pool when HTTPS_PROXY/HTTP_PROXY is set (the OAuth strategy already uses it): pass it to the session and
   * close it after. Undefined without a proxy.
   */
  egress: Dispatcher | undefined;
}

/**
 * Turns flags and environment into a SyncConfig. Every problem is a InvalidInputError with one line naming the fix. The API
 * token comes only from the environment or a file: a command-line argument would show in the process list and
 * shell history.
 */
export async function resolveSyncConfig(flags: SyncFlags, env: Env, warn?: (message: string) => void): Promise<SyncConfig> {
  try {
    checkLogWindowDays(flags.logWindowDays, '--log-window-days');
    checkLogRetention(flags.logRetentionDays, flags.logWindowDays, { retention: '--log-retention-days', window: '--log-window-days' });
    const reverifyShare = checkReverifyShare(flags.reverifyShare ?? REVERIFY_SHARE.default, '--reverify-share');
    const org = parseOktaDomain(flags.domain);
    const baseUrl = flags.baseUrl === undefined ? undefined : parseBaseUrlOverride(flags.baseUrl);
    const databaseUrl = flags.db ?? envValue(env, ENV.databaseUrl) ?? DEFAULT_SQLITE_PATH;
    parseDatabaseTarget(databaseUrl);
    const egress = createEgressDispatcher(env);
    const auth = await resolveAuth(flags, env, baseUrl ?? new URL(`https://${org}`), egress, warn).catch(async (error: unknown) => {
      await egress?.close();
      throw error;
    });
    return {
      reverifyShare,
      egress,
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
    if (isOktaClientError(error) || isStoreError(error, 'STORE_URL_INVALID') || isConfigError(error)) throw new InvalidInputError(error.message);
    throw error;
  }
}

async function resolveAuth(flags: SyncFlags, env: Env, orgBaseUrl: URL, dispatcher: Dispatcher | undefined, warn: ((message: string) => void) | undefined): Promise<AuthStrategy> {
  if (flags.clientId === undefined) {
    if (flags.privateKey !== undefined || flags.keyId !== undefined) {
      throw new InvalidInputError('--private-key and --key-id are for OAuth: add --client-id with the service app’s client id');
    }
    if (envValue(env, ENV.apiToken) === undefined && envValue(env, ENV.apiTokenFile) === undefined) {
      throw new InvalidInputError(
        `no Okta credentials: set ${ENV.apiToken} (or ${ENV.apiTokenFile}) to a read-only admin’s API token, or use OAuth with --client-id ID --private-key FILE`,
      );
    }
    return createSswsAuth(await loadSswsToken({ env, warn }));
  }
  if (flags.privateKey === undefined && envValue(env, ENV.oauthPrivateKeyFile) === undefined) {
    throw new InvalidInputError(`--client-id needs the service app’s private key: add --private-key FILE (or set ${ENV.oauthPrivateKeyFile})`);
  }
  const key = await loadOAuthPrivateKey({ env, keyFile: flags.privateKey, keyId: flags.keyId, warn });
  return createOAuthAuth({
    tokenUrl: oauthTokenUrl(orgBaseUrl),
    clientId: flags.clientId,
    privateKey: key.privateKey,
    alg: key.alg,
    keyId: key.keyId,
    dpop: dpopMode(flags.dpop),
    dispatcher,
  });
}

function dpopMode(choice: SyncFlags['dpop']): DpopMode {
  return choice === 'auto' ? 'auto' : choice === 'on';
}
