import { CREDENTIAL_ENV, type Env } from '../okta/auth/load-credentials.js';
import { INSTALLATION_DIR_ENV } from './installation.js';

export type { Env } from '../okta/auth/load-credentials.js';

/**
 * Every environment variable the product reads, by name. Only `main.ts` reads `process.env`; it passes the whole
 * environment down and the code that needs a value looks it up by one of these names.
 */
export const ENV = {
  /** SSWS API token of a read-only admin. */
  apiToken: CREDENTIAL_ENV.apiToken,
  /** A file holding that token (a container secret). */
  apiTokenFile: CREDENTIAL_ENV.apiTokenFile,
  /** The OAuth service app's private key file. */
  oauthPrivateKeyFile: CREDENTIAL_ENV.privateKeyFile,
  /** The database: a SQLite file or a postgres:// URL. */
  databaseUrl: 'DATABASE_URL',
  /** Where the evidence signing key lives, over the default beside the database. */
  keyDir: 'OKTA_EVIDENCE_KEY_DIR',
  /** The installation's own folder (keys), see installation.ts. */
  installationDir: INSTALLATION_DIR_ENV,
  /** Corporate egress: the proxy HTTPS requests go through, and the hosts that bypass it (undici's EnvHttpProxyAgent). */
  httpsProxy: 'HTTPS_PROXY',
  httpProxy: 'HTTP_PROXY',
  noProxy: 'NO_PROXY',
} as const;

/** A variable's value, or undefined when unset or blank (an empty `DATABASE_URL=` means "not set", not ""). */
export function envValue(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** Proxy variables are read in either case, as curl and undici read them; the upper-case one wins. */
function proxyValue(env: Env, name: string): string | undefined {
  return envValue(env, name) ?? envValue(env, name.toLowerCase());
}

/** The proxy settings in `env`, upper or lower case as curl and undici read them; undefined when no proxy is set. */
export interface ProxySettings {
  httpsProxy?: string;
  httpProxy?: string;
  noProxy?: string;
}

export function proxySettings(env: Env): ProxySettings | undefined {
  const httpsProxy = proxyValue(env, ENV.httpsProxy);
  const httpProxy = proxyValue(env, ENV.httpProxy);
  if (httpsProxy === undefined && httpProxy === undefined) return undefined;
  const noProxy = proxyValue(env, ENV.noProxy);
  return { ...(httpsProxy === undefined ? {} : { httpsProxy }), ...(httpProxy === undefined ? {} : { httpProxy }), ...(noProxy === undefined ? {} : { noProxy }) };
}
