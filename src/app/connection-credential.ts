import { stat } from 'node:fs/promises';
import type { Dispatcher } from 'undici';
import { CREDENTIAL_ENV, loadSswsToken, parseOAuthPrivateKey, type Env } from '../okta/auth/load-credentials.js';
import { createOAuthAuth, oauthTokenUrl, type DpopMode } from '../okta/auth/oauth.js';
import { createSswsAuth, normaliseSswsToken } from '../okta/auth/ssws.js';
import type { AuthStrategy } from '../okta/auth/types.js';
import { isOktaClientError } from '../okta/errors.js';
import type { CredentialInfo, DpopSetting } from '../store/connection-types.js';
import { InvalidInputError } from './errors.js';

/*
 * A connection's credential in clear, as it exists only between the moment a person (or an API client) gives it and
 * the moment it is sealed, and again between opening it and building the auth strategy of one sync or test. Never
 * stored, logged or returned in this form.
 */

/** The credential with its secret part: an API token, or a service app's private key (PEM or JWK text). */
export type CredentialSecret =
  | { kind: 'ssws'; token: string }
  | { kind: 'oauth'; clientId: string; keyId: string | null; dpop: DpopSetting; privateKey: string };

/** The secret text that gets sealed, and the parts that are stored in clear. */
export function splitCredential(credential: CredentialSecret): { info: CredentialInfo; secret: string } {
  return credential.kind === 'ssws'
    ? { info: { kind: 'ssws' }, secret: credential.token }
    : { info: { kind: 'oauth', clientId: credential.clientId, keyId: credential.keyId, dpop: credential.dpop }, secret: credential.privateKey };
}

export function joinCredential(info: CredentialInfo, secret: string): CredentialSecret {
  return info.kind === 'ssws' ? { kind: 'ssws', token: secret } : { ...info, privateKey: secret };
}

export function dpopModeFor(setting: DpopSetting): DpopMode {
  return setting === 'auto' ? 'auto' : setting === 'on';
}

/**
 * The auth strategy for a credential against an org (the base URL decides the token endpoint). Problems with the
 * credential itself (a malformed token, a key that cannot sign) are InvalidInputError naming `label`.
 */
export async function authForCredential(credential: CredentialSecret, orgBaseUrl: URL, label: string, dispatcher?: Dispatcher): Promise<AuthStrategy> {
  try {
    if (credential.kind === 'ssws') return createSswsAuth(credential.token);
    const key = await parseOAuthPrivateKey(credential.privateKey, label, credential.keyId === null ? {} : { keyId: credential.keyId });
    return createOAuthAuth({
      tokenUrl: oauthTokenUrl(orgBaseUrl),
      clientId: credential.clientId,
      privateKey: key.privateKey,
      alg: key.alg,
      keyId: key.keyId,
      dpop: dpopModeFor(credential.dpop),
      // Token requests take the same route (proxy) as the API calls.
      ...(dispatcher === undefined ? {} : { dispatcher }),
    });
  } catch (error) {
    if (isOktaClientError(error, 'OKTA_AUTH_CONFIG_INVALID')) throw new InvalidInputError(error.message, { cause: error });
    throw error;
  }
}

/** Credential flags as `connect` and `connections update` take them (the same as `sync`'s, plus `--token-file`). */
export interface CredentialFlags {
  tokenFile?: string | undefined;
  clientId?: string | undefined;
  privateKey?: string | undefined;
  keyId?: string | undefined;
  dpop?: DpopSetting | undefined;
}

export type ReadText = (path: string) => Promise<string>;

/**
 * Reads the credential the flags and environment name: `--client-id` with `--private-key FILE` (or
 * OKTA_OAUTH_PRIVATE_KEY_FILE) for OAuth; else `--token-file F`, OKTA_API_TOKEN_FILE or OKTA_API_TOKEN. Returns
 * undefined when none is given (an update that keeps the stored credential). Warns about a credential file other
 * users can read.
 */
export async function readCredentialFromFlags(flags: CredentialFlags, env: Env, readText: ReadText): Promise<{ credential: CredentialSecret; warnings: string[] } | undefined> {
  try {
    if (flags.clientId === undefined) {
      if (flags.privateKey !== undefined || flags.keyId !== undefined || flags.dpop !== undefined) {
        throw new InvalidInputError('--private-key, --key-id and --dpop are for OAuth: add --client-id with the service app’s client id (an OAuth credential is given whole: client id, private key and DPoP mode)');
      }
      const tokenFile = flags.tokenFile ?? nonEmpty(env[CREDENTIAL_ENV.apiTokenFile]);
      if (tokenFile === undefined && nonEmpty(env[CREDENTIAL_ENV.apiToken]) === undefined) return undefined;
      const token = await loadSswsToken({ env, tokenFile: flags.tokenFile, readFile: readText });
      return { credential: { kind: 'ssws', token: normaliseSswsToken(token) }, warnings: await fileWarnings(tokenFile) };
    }
    if (flags.tokenFile !== undefined) throw new InvalidInputError('--token-file is for an API token: leave it out with --client-id (OAuth)');
    const keyFile = flags.privateKey ?? nonEmpty(env[CREDENTIAL_ENV.privateKeyFile]);
    if (keyFile === undefined) throw new InvalidInputError(`--client-id needs the service app’s private key: add --private-key FILE (or set ${CREDENTIAL_ENV.privateKeyFile})`);
    const privateKey = await readText(keyFile).catch((error: unknown) => {
      throw new InvalidInputError(`cannot read the private key file ${JSON.stringify(keyFile)}: ${(error as NodeJS.ErrnoException).code ?? 'read failed'}`);
    });
    // Parsed now, so a bad key is refused before anything is tested or stored; the kid of a JWK becomes the key id.
    const parsed = await parseOAuthPrivateKey(privateKey, keyFile, flags.keyId === undefined ? {} : { keyId: flags.keyId });
    return {
      credential: { kind: 'oauth', clientId: flags.clientId, keyId: parsed.keyId ?? null, dpop: flags.dpop ?? 'auto', privateKey },
      warnings: await fileWarnings(keyFile),
    };
  } catch (error) {
    if (isOktaClientError(error, 'OKTA_AUTH_CONFIG_INVALID')) throw new InvalidInputError(error.message, { cause: error });
    throw error;
  }
}

/** A credential file readable by group or others: still used, with a warning naming the fix. */
export async function fileWarnings(path: string | undefined): Promise<string[]> {
  if (path === undefined || process.platform === 'win32') return [];
  try {
    const { mode } = await stat(path);
    return (mode & 0o077) === 0 ? [] : [`${path} is readable by other users (mode ${(mode & 0o777).toString(8)}): run chmod 600 on it, or delete it now that the credential is stored encrypted`];
  } catch {
    return [];
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
