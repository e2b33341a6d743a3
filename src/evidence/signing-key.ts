import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type JsonWebKey, type KeyObject } from 'node:crypto';
import { chmod, link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readableByOthersWarning } from '../config/secret-exposure.js';
import { EvidenceError } from './errors.js';

/*
 * Where the Ed25519 signing key lives, and why there. The private key is a PKCS#8 PEM file, mode 0600, in a key
 * directory that belongs to the installation (`signingKeyDirectory`: `keys/` beside the SQLite file, or in the user's
 * config folder for PostgreSQL; `--key-dir` or OKTA_EVIDENCE_KEY_DIR to move it), never the working directory. Not in the database: whoever can read the database (a reporting role, a backup,
 * a replica, a shared PostgreSQL) could otherwise forge signed evidence, and the key would travel with every dump.
 * A file readable by the service account only is the usual home of such a key, and is what a secret manager or an
 * HSM-backed mount can later replace without touching the schema. The public key is written beside it
 * (`evidence-ed25519.pub.pem`) to hand to auditors, and goes into every manifest.
 */

export const PRIVATE_KEY_FILE = 'evidence-ed25519.pem';
export const PUBLIC_KEY_FILE = 'evidence-ed25519.pub.pem';

export interface SigningKey {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** SPKI PEM, as it appears in manifests. */
  readonly publicKeyPem: string;
  /** `sha256:` + hex of the SPKI DER: a short name to compare keys by. */
  readonly fingerprint: string;
  readonly path: string;
  /** True when this call created the key (first use). */
  readonly created: boolean;
  /** Set when the key file is readable by other users: the key still works, but should be protected. */
  readonly warning?: string;
}

export function keyFingerprint(publicKey: KeyObject): string {
  return `sha256:${createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex')}`;
}

/** Loads the product's signing key from `directory`, creating it (and the directory) on first use. */
export async function loadOrCreateSigningKey(directory: string): Promise<SigningKey> {
  const path = join(directory, PRIVATE_KEY_FILE);
  const existing = await readIfExists(path);
  if (existing !== undefined) return fromPrivatePem(existing, path, false, await readableByOthersWarning(path, 'signing key'));
  await mkdir(directory, { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  // Written under a temporary name, then hard-linked into place: link fails if the name exists, so two processes
  // creating the key at once end up sharing one, and nobody ever reads a half-written file.
  const temporary = join(directory, `.${PRIVATE_KEY_FILE}.${randomBytes(6).toString('hex')}`);
  await writeFile(temporary, pem, { mode: 0o600, flag: 'wx' });
  let created = true;
  try {
    await chmod(temporary, 0o600);
    await link(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw keyError(`Could not create the evidence signing key at ${path}`, error);
    created = false;
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
  const key = fromPrivatePem(await readFile(path, 'utf8'), path, created, undefined);
  await writeFile(join(directory, PUBLIC_KEY_FILE), key.publicKeyPem, { mode: 0o644 }).catch(() => undefined);
  return key;
}

/** The public half of the product's key in `directory`, if there is one; never creates a key. */
export async function readLocalPublicKey(directory: string): Promise<{ publicKey: KeyObject; path: string } | undefined> {
  const path = join(directory, PRIVATE_KEY_FILE);
  const pem = await readIfExists(path);
  return pem === undefined ? undefined : { publicKey: fromPrivatePem(pem, path, false, undefined).publicKey, path };
}

/**
 * A key to trust when verifying: an Ed25519 public key as SPKI PEM or JWK (`{"kty":"OKP","crv":"Ed25519","x":…}`),
 * or the private key PEM (its public half is used).
 */
export async function readTrustedKey(path: string): Promise<KeyObject> {
  const text = await readFile(path, 'utf8').catch((error: unknown) => {
    throw keyError(`Cannot read the trusted key file ${path}`, error);
  });
  let key: KeyObject;
  try {
    if (text.trimStart().startsWith('{')) key = createPublicKey({ key: JSON.parse(text) as JsonWebKey, format: 'jwk' });
    else if (text.includes('PRIVATE KEY')) key = createPublicKey(createPrivateKey(text));
    else key = createPublicKey(text);
  } catch (error) {
    throw keyError(`${path} is not a PEM or JWK key`, error);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw keyError(`${path} holds a ${key.asymmetricKeyType ?? 'non-asymmetric'} key, not an Ed25519 key`);
  return key;
}

export function publicKeyFromPem(pem: string): KeyObject {
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw keyError(`the key is ${key.asymmetricKeyType ?? 'not asymmetric'}, not Ed25519`);
  return key;
}

function fromPrivatePem(pem: string, path: string, created: boolean, warning: string | undefined): SigningKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch (error) {
    throw keyError(`${path} is not a PEM private key; move it away to let okta-evidence create a new one`, error);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') throw keyError(`${path} holds a ${privateKey.asymmetricKeyType ?? 'unknown'} key, not Ed25519`);
  const publicKey = createPublicKey(privateKey);
  return {
    privateKey,
    publicKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    fingerprint: keyFingerprint(publicKey),
    path,
    created,
    ...(warning === undefined ? {} : { warning }),
  };
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw keyError(`Cannot read the evidence signing key ${path}`, error);
  }
}

function keyError(message: string, cause?: unknown): EvidenceError {
  const detail = cause instanceof Error ? `: ${cause.message}` : '';
  return new EvidenceError('EVIDENCE_KEY_INVALID', `${message}${detail}`, cause === undefined ? {} : { cause });
}
