import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isSecretsError } from './errors.js';
import { loadOrCreateSecretKey, loadSecretKeyring, parseSecretKey, SECRET_KEY_ENV, SECRET_KEY_FILE, secretKeyLocation } from './secret-key.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'oe-secret-key-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('secret key location', () => {
  it('is the environment variable when set, else secret.key in the installation folder beside the SQLite file', () => {
    const value = randomBytes(32).toString('base64');
    expect(secretKeyLocation(join(dir, 'db.sqlite'), { [SECRET_KEY_ENV]: value })).toEqual({ kind: 'env', value, next: undefined });
    expect(secretKeyLocation(join(dir, 'db.sqlite'), {})).toEqual({ kind: 'file', path: join(dir, SECRET_KEY_FILE) });
    expect(secretKeyLocation('postgres://db/x', { OKTA_EVIDENCE_HOME: dir })).toEqual({ kind: 'file', path: join(dir, SECRET_KEY_FILE) });
  });

  it('refuses a key that is not base64 of 32 bytes, with how to make one', () => {
    expect(() => parseSecretKey('short', SECRET_KEY_ENV)).toThrow(/OKTA_EVIDENCE_SECRET_KEY must hold base64 of 32 random bytes \(e\.g\. the output of "openssl rand -base64 32"\)/);
    expect(() => parseSecretKey(randomBytes(16).toString('base64'), SECRET_KEY_ENV)).toThrow(/32 random bytes/);
    const key = randomBytes(32);
    expect(parseSecretKey(key.toString('base64url'), 'x').bytes).toEqual(key);
  });
});

describe('loading and creating the key file', () => {
  it('creates the key on first use with mode 0600, then reads the same key', async () => {
    const location = { kind: 'file' as const, path: join(dir, 'nested', SECRET_KEY_FILE) };
    const first = await loadOrCreateSecretKey(location, 0);
    expect(first.created).toBe(true);
    if (process.platform !== 'win32') expect((await stat(location.path)).mode & 0o777).toBe(0o600);
    const again = await loadOrCreateSecretKey(location, 0);
    expect(again.created).toBe(false);
    expect(again.current.id).toBe(first.current.id);
    expect(again.warning).toBeUndefined();
  });

  it('never creates a new key when sealed credentials exist: the key was lost, and says how to recover', async () => {
    const location = { kind: 'file' as const, path: join(dir, SECRET_KEY_FILE) };
    const error = await loadOrCreateSecretKey(location, 2).catch((e: unknown) => e);
    expect(isSecretsError(error, 'SECRET_KEY_MISSING')).toBe(true);
    expect((error as Error).message).toContain(`the secret key file ${location.path} is missing, but the database holds 2 sealed credentials: restore ${location.path}`);
    await expect(readFile(location.path)).rejects.toThrow();
  });

  it('warns when the key file is readable by others, and refuses a damaged one', async () => {
    const path = join(dir, SECRET_KEY_FILE);
    await writeFile(path, randomBytes(32).toString('base64'), { mode: 0o644 });
    const keyring = await loadSecretKeyring({ kind: 'file', path });
    if (process.platform !== 'win32') expect(keyring.warning).toMatch(/readable by other users \(mode 644\): run chmod 600/);
    await unlink(path);
    await writeFile(path, 'not a key', { mode: 0o600 });
    await expect(loadSecretKeyring({ kind: 'file', path })).rejects.toThrow(/the secret key file .* must hold base64 of 32 random bytes/);
  });

  it('uses the environment key when set, and never touches a file', async () => {
    const value = randomBytes(32).toString('base64');
    const keyring = await loadOrCreateSecretKey(secretKeyLocation(join(dir, 'db.sqlite'), { [SECRET_KEY_ENV]: value }), 5);
    expect(keyring.current.bytes.toString('base64')).toBe(value);
    await expect(readFile(join(dir, SECRET_KEY_FILE))).rejects.toThrow();
  });
});
