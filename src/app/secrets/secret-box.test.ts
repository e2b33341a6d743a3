import { describe, expect, it } from 'vitest';
import { isSecretsError } from './errors.js';
import { generateSecretKey, openSecret, parseSealed, sealedKeyId, sealSecret } from './secret-box.js';

const TOKEN = '00abcdefghijklmnopqrstuvwxyz0123456789ABCD';
const FIX = 'restore the key';

function failure(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('sealed secrets (AES-256-GCM)', () => {
  it('round-trips, with a fresh IV each time and no trace of the plaintext', () => {
    const key = generateSecretKey();
    const a = sealSecret(TOKEN, key, 'ctx');
    const b = sealSecret(TOKEN, key, 'ctx');
    expect(a).not.toBe(b);
    expect(a).not.toContain(TOKEN);
    expect(Buffer.from(parseSealed(a)?.ciphertext ?? []).toString('utf8')).not.toContain(TOKEN.slice(0, 8));
    expect(a.startsWith(`oes1.${key.id}.`)).toBe(true);
    expect(sealedKeyId(a)).toBe(key.id);
    expect(openSecret(a, [key], 'ctx', 'the token', FIX)).toBe(TOKEN);
    expect(openSecret(sealSecret('', key, 'ctx'), [key], 'ctx', 'x', FIX)).toBe('');
  });

  it('opens with the key the value names, among several', () => {
    const [old, current] = [generateSecretKey(), generateSecretKey()];
    expect(openSecret(sealSecret(TOKEN, old, 'ctx'), [current, old], 'ctx', 'the token', FIX)).toBe(TOKEN);
  });

  it('says which key is needed when it is not available (a database copied without its key), never revealing a key', () => {
    const [sealer, other] = [generateSecretKey(), generateSecretKey()];
    const error = failure(() => openSecret(sealSecret(TOKEN, sealer, 'ctx'), [other], 'ctx', 'the credential of "acme"', FIX));
    expect(isSecretsError(error, 'SECRET_KEY_MISMATCH')).toBe(true);
    expect((error as Error).message).toBe(`the credential of "acme" was sealed with secret key ${sealer.id}, but the available key is ${other.id}: ${FIX}`);
    expect((error as Error).message).not.toContain(sealer.bytes.toString('base64'));
    expect(isSecretsError(failure(() => openSecret(sealSecret(TOKEN, sealer, 'ctx'), [], 'ctx', 'x', FIX)), 'SECRET_KEY_MISMATCH')).toBe(true);
  });

  it('refuses a value that was altered, moved to another context or is not sealed at all', () => {
    const key = generateSecretKey();
    const sealed = sealSecret(TOKEN, key, 'connection/a.okta.com');
    const parts = sealed.split('.');
    const flipped = Buffer.from(parts[4] ?? '', 'base64url');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    const tampered = [...parts.slice(0, 4), flipped.toString('base64url')].join('.');
    expect(isSecretsError(failure(() => openSecret(tampered, [key], 'connection/a.okta.com', 'x', FIX)), 'SECRET_ENVELOPE_INVALID')).toBe(true);
    expect(isSecretsError(failure(() => openSecret(sealed, [key], 'connection/b.okta.com', 'x', FIX)), 'SECRET_ENVELOPE_INVALID')).toBe(true);
    expect(isSecretsError(failure(() => openSecret(TOKEN, [key], 'ctx', 'x', FIX)), 'SECRET_ENVELOPE_INVALID')).toBe(true);
    expect(parseSealed('oes1.zz.a.b.c')).toBeUndefined();
  });
});
