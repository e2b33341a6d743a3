import { randomBytes } from 'node:crypto';
import { chmod, link, mkdir, readdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { installationDir } from '../../config/installation.js';
import { SecretsError } from './errors.js';
import { generateSecretKey, secretKeyFromBytes, type SecretKey } from './secret-box.js';

/*
 * Where the key that seals stored credentials comes from:
 * - `OKTA_EVIDENCE_SECRET_KEY` (base64 of 32 bytes, e.g. from a secret manager), else
 * - the key file `secret.key` in the installation's folder (`installationDir`: beside the SQLite file, or
 *   OKTA_EVIDENCE_HOME), created on first use with mode 0600.
 * Never in the database: a copy of the database without the key reveals no credential.
 *
 * A rotation leaves two kinds of extra files beside the key: `secret.key.new` while it runs (and after a crash in
 * its last step) and `secret.key.<time>.bak`, the keys it replaced. Both open values, so no crash loses access.
 */

export const SECRET_KEY_ENV = 'OKTA_EVIDENCE_SECRET_KEY';
/** The key a rotation moves to when the current one comes from the environment. */
export const NEW_SECRET_KEY_ENV = 'OKTA_EVIDENCE_NEW_SECRET_KEY';
export const SECRET_KEY_FILE = 'secret.key';
const PENDING_SUFFIX = '.new';
const BACKUP = /^secret\.key\.[0-9TZ-]+\.bak$/;

export type Env = Readonly<Record<string, string | undefined>>;

/** Where this installation's secret key is. */
export type SecretKeyLocation = { kind: 'env'; value: string; next: string | undefined } | { kind: 'file'; path: string };

export function secretKeyLocation(databaseUrl: string, env: Env): SecretKeyLocation {
  const value = env[SECRET_KEY_ENV]?.trim();
  if (value !== undefined && value !== '') {
    const next = env[NEW_SECRET_KEY_ENV]?.trim();
    return { kind: 'env', value, next: next === '' ? undefined : next };
  }
  return { kind: 'file', path: join(installationDir(databaseUrl, env), SECRET_KEY_FILE) };
}

/** The keys that may open sealed values, the one new values are sealed with, and how to recover when none fits. */
export interface SecretKeyring {
  /** The key to seal with; undefined when the key file does not exist yet. */
  readonly current: SecretKey | undefined;
  /** Every key that may open a value: the current one first. */
  readonly keys: readonly SecretKey[];
  /** Where the key comes from, for messages: the variable's name or the file's path. */
  readonly source: string;
  /** What to do when a stored value does not open. */
  readonly fix: string;
  /** Set when the key file is readable by other users: it still works, but should be protected. */
  readonly warning?: string;
}

/** `OKTA_EVIDENCE_SECRET_KEY=$(openssl rand -base64 32)` */
export function parseSecretKey(text: string, source: string): SecretKey {
  const trimmed = text.trim();
  // Node's base64 decoder reads the URL-safe alphabet too.
  const bytes = /^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed) ? Buffer.from(trimmed, 'base64') : Buffer.alloc(0);
  if (bytes.length !== 32) {
    throw new SecretsError('SECRET_KEY_INVALID', `${source} must hold base64 of 32 random bytes (e.g. the output of "openssl rand -base64 32"); it does not`);
  }
  return secretKeyFromBytes(bytes);
}

function fixFor(location: SecretKeyLocation): string {
  const reenter = 'or enter the credential again with "okta-evidence connections update NAME" and a token or key file';
  return location.kind === 'env'
    ? `set ${SECRET_KEY_ENV} to the key the credentials were sealed with, ${reenter}`
    : `restore ${location.path} from this installation's backup (or set ${SECRET_KEY_ENV} to that key), ${reenter}`;
}

/** Loads every key that may open values. Never creates a key. */
export async function loadSecretKeyring(location: SecretKeyLocation): Promise<SecretKeyring> {
  if (location.kind === 'env') {
    const current = parseSecretKey(location.value, SECRET_KEY_ENV);
    const next = location.next === undefined ? [] : [parseSecretKey(location.next, NEW_SECRET_KEY_ENV)];
    return { current, keys: [current, ...next], source: SECRET_KEY_ENV, fix: fixFor(location) };
  }
  const extra: SecretKey[] = [];
  for (const path of await siblingKeyFiles(location.path)) {
    const key = await readKeyFile(path);
    if (key !== undefined) extra.push(key);
  }
  // A rotation that stopped between its two renames leaves only the pending key: it is the current one.
  const main = await readKeyFile(location.path);
  const pending = main === undefined ? await readKeyFile(pendingKeyPath(location.path)) : undefined;
  const current = main ?? pending;
  const warning = main === undefined ? undefined : await permissionWarning(location.path);
  return {
    current,
    keys: current === undefined ? extra : [current, ...extra.filter((k) => k.id !== current.id)],
    source: location.path,
    fix: fixFor(location),
    ...(warning === undefined ? {} : { warning }),
  };
}

/**
 * The keyring with a current key, creating the key file on first use. `sealedCount` is how many sealed values the
 * database holds: with some, a missing key file is not a first use but a lost key, and a new key would leave them
 * unreadable next to new ones, so it is refused.
 */
export async function loadOrCreateSecretKey(location: SecretKeyLocation, sealedCount: number): Promise<SecretKeyring & { current: SecretKey; created: boolean }> {
  const keyring = await loadSecretKeyring(location);
  if (keyring.current !== undefined) return { ...keyring, current: keyring.current, created: false };
  if (location.kind === 'env') throw new Error('unreachable: an environment key is always current');
  if (sealedCount > 0) {
    throw new SecretsError(
      'SECRET_KEY_MISSING',
      `the secret key file ${location.path} is missing, but the database holds ${sealedCount} sealed credential${sealedCount === 1 ? '' : 's'}: ${fixFor(location)}. A new key is not created, so nothing stored is lost.`,
    );
  }
  const created = await writeKeyFileOnce(location.path, generateSecretKey());
  const reloaded = await loadSecretKeyring(location);
  if (reloaded.current === undefined) throw new SecretsError('SECRET_KEY_IO', `the secret key file ${location.path} vanished right after it was created`);
  return { ...reloaded, current: reloaded.current, created };
}

/**
 * Writes a key file without ever exposing a half-written one or replacing an existing one: under a temporary name
 * with mode 0600, then hard-linked into place (link fails if the name exists, so two processes creating the key at
 * once share one). Returns false when another process won.
 */
export async function writeKeyFileOnce(path: string, key: SecretKey): Promise<boolean> {
  const directory = join(path, '..');
  try {
    await mkdir(directory, { recursive: true, mode: 0o700 });
    const temporary = join(directory, `.secret-key-${randomBytes(6).toString('hex')}`);
    await writeFile(temporary, `${key.bytes.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    try {
      await chmod(temporary, 0o600);
      await link(temporary, path);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    } finally {
      await unlink(temporary).catch(() => undefined);
    }
  } catch (error) {
    throw new SecretsError('SECRET_KEY_IO', `cannot create the secret key file ${path}: ${(error as NodeJS.ErrnoException).code ?? 'write failed'}`, { cause: error });
  }
}

export function pendingKeyPath(path: string): string {
  return `${path}${PENDING_SUFFIX}`;
}

/** `secret.key.new` and `secret.key.<time>.bak` beside the key file, pending first, then backups newest first. */
export async function siblingKeyFiles(path: string): Promise<string[]> {
  const directory = join(path, '..');
  let names: string[];
  try {
    names = await readdir(directory);
  } catch {
    return [];
  }
  const backups = names.filter((n) => BACKUP.test(n)).sort().reverse();
  const pending = names.includes(`${SECRET_KEY_FILE}${PENDING_SUFFIX}`) ? [`${SECRET_KEY_FILE}${PENDING_SUFFIX}`] : [];
  return [...pending, ...backups].map((n) => join(directory, n));
}

export async function readKeyFile(path: string): Promise<SecretKey | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new SecretsError('SECRET_KEY_IO', `cannot read the secret key file ${path}: ${code === 'EACCES' ? 'permission denied (run okta-evidence as the user that owns it)' : (code ?? 'read failed')}`, { cause: error });
  }
  return parseSecretKey(text, `the secret key file ${path}`);
}

async function permissionWarning(path: string): Promise<string | undefined> {
  if (process.platform === 'win32') return undefined;
  const { mode } = await stat(path);
  return (mode & 0o077) === 0 ? undefined : `the secret key file ${path} is readable by other users (mode ${(mode & 0o777).toString(8)}): run chmod 600 on it`;
}
