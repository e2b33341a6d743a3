import { createPrivateKey, type JsonWebKey, type KeyObject, type webcrypto } from 'node:crypto';
import { readFile as readFileFromDisk } from 'node:fs/promises';
import { readableByOthersWarning } from '../../config/secret-exposure.js';
import { importPKCS8, type JWK } from 'jose';
import { OktaClientError } from '../errors.js';
import { defaultAlgForKey, isOAuthSigningAlg, signingKeyProblem, type OAuthSigningAlg } from './client-assertion.js';
import { normaliseSswsToken } from './ssws.js';

/** The process environment, passed in: only `main.ts` and `config/` read `process.env`. */
export type Env = Readonly<Record<string, string | undefined>>;
export type ReadTextFile = (path: string) => Promise<string>;

export const CREDENTIAL_ENV = {
  apiToken: 'OKTA_API_TOKEN',
  apiTokenFile: 'OKTA_API_TOKEN_FILE',
  privateKeyFile: 'OKTA_OAUTH_PRIVATE_KEY_FILE',
} as const;

const readUtf8: ReadTextFile = (path) => readFileFromDisk(path, 'utf8');

function configError(message: string, cause?: unknown): OktaClientError {
  return new OktaClientError('OKTA_AUTH_CONFIG_INVALID', message, cause === undefined ? {} : { cause });
}

function present(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '';
}

/** Reads a credential file; the message names the file and the reason, never its content. Warns when others can read it. */
async function readCredentialFile(path: string, what: string, readFile: ReadTextFile, warn?: (message: string) => void): Promise<string> {
  try {
    const text = await readFile(path);
    if (warn !== undefined) {
      const warning = await readableByOthersWarning(path, `${what} file`);
      if (warning !== undefined) warn(warning);
    }
    return text;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    const reason =
      code === 'ENOENT' ? 'the file does not exist' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : (code ?? 'read failed');
    throw configError(`cannot read the ${what} file ${JSON.stringify(path)}: ${reason}`, error);
  }
}

export interface LoadSswsTokenOptions {
  env: Env;
  /** A token file named in the configuration file; wins over the environment. */
  tokenFile?: string | undefined;
  readFile?: ReadTextFile | undefined;
  /** Told when the token file is readable by other users. */
  warn?: ((message: string) => void) | undefined;
}

/**
 * The Okta API token, from `tokenFile`, `OKTA_API_TOKEN_FILE` or `OKTA_API_TOKEN`. Never from a command-line argument:
 * arguments are visible to every local user in the process list and land in shell history.
 */
export async function loadSswsToken(options: LoadSswsTokenOptions): Promise<string> {
  const readFile = options.readFile ?? readUtf8;
  const { env } = options;
  const envToken = env[CREDENTIAL_ENV.apiToken];
  const envFile = env[CREDENTIAL_ENV.apiTokenFile];
  if (options.tokenFile === undefined && present(envToken) && present(envFile)) {
    throw configError(`both ${CREDENTIAL_ENV.apiToken} and ${CREDENTIAL_ENV.apiTokenFile} are set: keep only one`);
  }
  const file = options.tokenFile ?? (present(envFile) ? envFile : undefined);
  if (file !== undefined) {
    const text = await readCredentialFile(file, 'API token', readFile, options.warn);
    if (text.trim() === '') throw configError(`the API token file ${JSON.stringify(file)} is empty: put the token from Security → API → Tokens in it`);
    return normaliseSswsToken(text.trim());
  }
  if (present(envToken)) return normaliseSswsToken(envToken.trim());
  throw configError(
    `missing Okta API token: set ${CREDENTIAL_ENV.apiToken} or ${CREDENTIAL_ENV.apiTokenFile} (tokens are never read from command-line arguments)`,
  );
}

export interface LoadOAuthPrivateKeyOptions {
  env: Env;
  /** The key file named in the configuration; wins over `OKTA_OAUTH_PRIVATE_KEY_FILE`. */
  keyFile?: string | undefined;
  /** The algorithm to sign with; by default the JWK's `alg`, else RS256 for RSA and ES256/384/512 by EC curve. */
  alg?: OAuthSigningAlg | undefined;
  /** The registered key's `kid`; by default the JWK's `kid`, if any. */
  keyId?: string | undefined;
  readFile?: ReadTextFile | undefined;
  /** Told when the key file is readable by other users. */
  warn?: ((message: string) => void) | undefined;
}

/** A private key ready for `createOAuthAuth`, with the algorithm and key id it signs client assertions with. */
export interface LoadedPrivateKey {
  privateKey: webcrypto.CryptoKey;
  alg: OAuthSigningAlg;
  keyId: string | undefined;
}

interface ParsedKey {
  keyObject: KeyObject;
  jwkAlg: string | undefined;
  jwkKid: string | undefined;
}

/** PEM (PKCS#8, or PKCS#1/SEC1, which Node converts) or JWK JSON (one key, or a JWKS holding exactly one). Errors never quote key material. */
function parseKeyText(text: string, file: string): ParsedKey {
  const where = `the private key file ${JSON.stringify(file)}`;
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch {
      // No cause: JSON.parse messages quote the input, which is key material.
      throw configError(`${where} is not valid JSON: give a PEM (PKCS#8) key or a private JWK`);
    }
    const keys = (json as { keys?: unknown }).keys;
    const jwk = (Array.isArray(keys) ? (keys.length === 1 ? keys[0] : undefined) : json) as JWK | undefined;
    if (jwk === undefined) throw configError(`${where} holds a key set with ${Array.isArray(keys) ? keys.length : 0} keys: keep exactly one`);
    if (jwk.kty !== 'RSA' && jwk.kty !== 'EC') throw configError(`${where} holds a ${String(jwk.kty)} key: Okta accepts RSA or EC keys`);
    if (typeof jwk.d !== 'string') throw configError(`${where} holds a public JWK: give the private key (with "d")`);
    try {
      return { keyObject: createPrivateKey({ key: jwk as JsonWebKey, format: 'jwk' }), jwkAlg: jwk.alg, jwkKid: jwk.kid };
    } catch {
      throw configError(`${where} holds a JWK that is not a valid RSA or EC private key`);
    }
  }
  if (/-----BEGIN (?:RSA |EC )?PUBLIC KEY-----|-----BEGIN CERTIFICATE-----/.test(trimmed)) {
    throw configError(`${where} holds a public key or certificate: give the private key (-----BEGIN PRIVATE KEY-----)`);
  }
  if (trimmed.includes('-----BEGIN ENCRYPTED PRIVATE KEY-----')) {
    throw configError(`${where} is encrypted: decrypt it, e.g. openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem`);
  }
  if (!/-----BEGIN (?:RSA |EC )?PRIVATE KEY-----/.test(trimmed)) {
    throw configError(`${where} is neither a PEM private key nor a JWK: give -----BEGIN PRIVATE KEY----- (PKCS#8) or JWK JSON`);
  }
  try {
    return { keyObject: createPrivateKey(trimmed), jwkAlg: undefined, jwkKid: undefined };
  } catch {
    throw configError(`${where} holds a PEM private key that cannot be parsed: export it again as PKCS#8`);
  }
}

/**
 * Loads the service app's private key for `private_key_jwt` (https://developer.okta.com/docs/guides/implement-oauth-for-okta-serviceapp/):
 * RSA (at least 2048 bits) or EC P-256/384/521, from `keyFile` or `OKTA_OAUTH_PRIVATE_KEY_FILE`.
 */
export async function loadOAuthPrivateKey(options: LoadOAuthPrivateKeyOptions): Promise<LoadedPrivateKey> {
  const envFile = options.env[CREDENTIAL_ENV.privateKeyFile];
  const file = options.keyFile ?? (present(envFile) ? envFile : undefined);
  if (file === undefined) throw configError(`missing OAuth private key: set ${CREDENTIAL_ENV.privateKeyFile} to the service app's private key file (PEM or JWK)`);
  const text = await readCredentialFile(file, 'private key', options.readFile ?? readUtf8, options.warn);
  return parseOAuthPrivateKey(text, file, options);
}

/**
 * The same from the key's text (a stored connection's key, opened from its sealed form). `label` names where the key
 * came from in messages, e.g. a file path or `the stored key of connection "acme"`; the key itself is never quoted.
 */
export async function parseOAuthPrivateKey(text: string, label: string, options: Pick<LoadOAuthPrivateKeyOptions, 'alg' | 'keyId'> = {}): Promise<LoadedPrivateKey> {
  const file = label;
  const { keyObject, jwkAlg, jwkKid } = parseKeyText(text, file);

  const alg = options.alg ?? (jwkAlg !== undefined && isOAuthSigningAlg(jwkAlg) ? jwkAlg : defaultAlgForKey(keyObject));
  if (alg === undefined) throw configError(`the private key in ${JSON.stringify(file)} is ${keyObject.asymmetricKeyType ?? 'unknown'}: Okta accepts RSA or EC (P-256, P-384, P-521) keys`);
  const problem = signingKeyProblem(keyObject, alg);
  if (problem !== undefined) throw configError(`the private key in ${JSON.stringify(file)} cannot sign ${alg}: ${problem}`);
  if (options.keyId !== undefined && jwkKid !== undefined && options.keyId !== jwkKid) {
    throw configError(`the key id ${options.keyId} does not match the JWK's kid ${jwkKid}: remove one or make them agree`);
  }
  const pkcs8 = keyObject.export({ type: 'pkcs8', format: 'pem' }).toString();
  return { privateKey: await importPKCS8(pkcs8, alg), alg, keyId: options.keyId ?? jwkKid };
}
