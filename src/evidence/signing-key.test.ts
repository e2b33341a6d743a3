import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isEvidenceError } from './errors.js';
import { PRIVATE_KEY_FILE, PUBLIC_KEY_FILE, keyFingerprint, loadOrCreateSigningKey, readLocalPublicKey, readTrustedKey } from './signing-key.js';

const root = mkdtempSync(join(tmpdir(), 'okta-evidence-keys-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let next = 0;
const freshDir = () => join(root, `keys-${(next += 1)}`);

describe('the evidence signing key', () => {
  it('is created on first use as an Ed25519 PEM file only its owner can read, with the public key beside it', async () => {
    const dir = freshDir();
    const key = await loadOrCreateSigningKey(dir);
    expect(key.created).toBe(true);
    expect(key.privateKey.asymmetricKeyType).toBe('ed25519');
    expect(key.fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(readFileSync(join(dir, PRIVATE_KEY_FILE), 'utf8')).toContain('BEGIN PRIVATE KEY');
    if (process.platform !== 'win32') {
      expect(statSync(join(dir, PRIVATE_KEY_FILE)).mode & 0o777).toBe(0o600);
      expect(statSync(dir).mode & 0o777).toBe(0o700);
    }
    expect(readFileSync(join(dir, PUBLIC_KEY_FILE), 'utf8')).toBe(key.publicKeyPem);
    expect(key.warning).toBeUndefined();
  });

  it('is reused afterwards, and two processes creating it at once end up with one key', async () => {
    const dir = freshDir();
    const [a, b] = await Promise.all([loadOrCreateSigningKey(dir), loadOrCreateSigningKey(dir)]);
    expect(a.fingerprint).toBe(b.fingerprint);
    const again = await loadOrCreateSigningKey(dir);
    expect(again).toMatchObject({ created: false, fingerprint: a.fingerprint });
    expect((await readLocalPublicKey(dir))?.publicKey.equals(a.publicKey)).toBe(true);
  });

  it.skipIf(process.platform === 'win32')('warns when the key file is readable by others', async () => {
    const dir = freshDir();
    await loadOrCreateSigningKey(dir);
    const { chmodSync } = await import('node:fs');
    chmodSync(join(dir, PRIVATE_KEY_FILE), 0o644);
    expect((await loadOrCreateSigningKey(dir)).warning).toMatch(/chmod 600/);
  });

  it('is never created by verification', async () => {
    const dir = freshDir();
    expect(await readLocalPublicKey(dir)).toBeUndefined();
    expect(existsSync(dir)).toBe(false);
  });

  it('refuses a key file that is not an Ed25519 private key', async () => {
    const dir = freshDir();
    await loadOrCreateSigningKey(dir);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    writeFileSync(join(dir, PRIVATE_KEY_FILE), rsa);
    const error = await loadOrCreateSigningKey(dir).catch((e: unknown) => e);
    expect(isEvidenceError(error, 'EVIDENCE_KEY_INVALID')).toBe(true);
  });

});

describe('readTrustedKey', () => {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const write = (name: string, text: string) => {
    const path = join(root, name);
    writeFileSync(path, text);
    return path;
  };

  it.each([
    ['SPKI PEM', () => publicKey.export({ type: 'spki', format: 'pem' }).toString()],
    ['JWK', () => JSON.stringify(publicKey.export({ format: 'jwk' }))],
    ['private key PEM (its public half)', () => privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()],
  ])('reads a %s', async (name, text) => {
    const key = await readTrustedKey(write(`${name.replace(/\W/g, '_')}.key`, text()));
    expect(keyFingerprint(key)).toBe(keyFingerprint(publicKey));
  });

  it('refuses other key types and garbage', async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    for (const text of [rsa, 'not a key']) {
      const error = await readTrustedKey(write('bad.key', text)).catch((e: unknown) => e);
      expect(isEvidenceError(error, 'EVIDENCE_KEY_INVALID')).toBe(true);
    }
    expect(isEvidenceError(await readTrustedKey(join(root, 'missing.pem')).catch((e: unknown) => e), 'EVIDENCE_KEY_INVALID')).toBe(true);
  });
});
