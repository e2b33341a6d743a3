import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { SecretsError } from './errors.js';

/*
 * Credentials at rest: AES-256-GCM (NIST SP 800-38D) with a 96-bit random IV per sealing and a 128-bit tag. The
 * sealed form is one line of text, versioned so the format can change later:
 *
 *   oes1.<key id>.<iv>.<tag>.<ciphertext>      (base64url parts)
 *
 * The key id (the first 8 bytes of SHA-256 of the key, hex) says which key sealed a value without revealing it, so
 * opening with the wrong key says so instead of failing obscurely, and rotation can tell old from new. The
 * additional authenticated data binds a sealed value to what it belongs to (the connection's domain): pasted into
 * another connection's row it does not open.
 */

const VERSION = 'oes1';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A 256-bit key and its public id. */
export interface SecretKey {
  readonly id: string;
  readonly bytes: Buffer;
}

export function secretKeyFromBytes(bytes: Buffer): SecretKey {
  if (bytes.length !== KEY_BYTES) throw new SecretsError('SECRET_KEY_INVALID', `a secret key is ${KEY_BYTES} bytes, got ${bytes.length}`);
  return { id: createHash('sha256').update(bytes).digest('hex').slice(0, 16), bytes };
}

export function generateSecretKey(): SecretKey {
  return secretKeyFromBytes(randomBytes(KEY_BYTES));
}

/** Seals `plaintext` under `key`, bound to `context` (e.g. `connection:company.okta.com`). */
export function sealSecret(plaintext: string, key: SecretKey, context: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key.bytes, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, key.id, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.');
}

export interface SealedParts {
  keyId: string;
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
}

/** The parts of a sealed value, or undefined when it is not one this version can read. */
export function parseSealed(sealed: string): SealedParts | undefined {
  const parts = sealed.split('.');
  if (parts.length !== 5 || parts[0] !== VERSION) return undefined;
  const [, keyId = '', iv = '', tag = '', ciphertext = ''] = parts;
  const bytes = [iv, tag, ciphertext].map((p) => Buffer.from(p, 'base64url'));
  const [ivBytes, tagBytes, ciphertextBytes] = bytes as [Buffer, Buffer, Buffer];
  if (!/^[0-9a-f]{16}$/.test(keyId) || ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES) return undefined;
  return { keyId, iv: ivBytes, tag: tagBytes, ciphertext: ciphertextBytes };
}

/** The id of the key a value was sealed with (undefined for something that is not a sealed value). */
export function sealedKeyId(sealed: string): string | undefined {
  return parseSealed(sealed)?.keyId;
}

/**
 * Opens a sealed value with the key among `keys` whose id it names. `what` names the value in messages (e.g. `the
 * credential of connection "acme"`); `fix` says how to recover when no key fits.
 */
export function openSecret(sealed: string, keys: readonly SecretKey[], context: string, what: string, fix: string): string {
  const parts = parseSealed(sealed);
  if (parts === undefined) throw new SecretsError('SECRET_ENVELOPE_INVALID', `${what} is not a sealed value this version can read: ${fix}`);
  const key = keys.find((k) => k.id === parts.keyId);
  if (key === undefined) {
    const available = keys.length === 0 ? 'no key is available' : `the available key is ${keys.map((k) => k.id).join(', ')}`;
    throw new SecretsError('SECRET_KEY_MISMATCH', `${what} was sealed with secret key ${parts.keyId}, but ${available}: ${fix}`);
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.bytes, parts.iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(parts.tag);
    return Buffer.concat([decipher.update(parts.ciphertext), decipher.final()]).toString('utf8');
  } catch (error) {
    throw new SecretsError('SECRET_ENVELOPE_INVALID', `${what} does not open with secret key ${key.id}: the stored value was damaged or altered. ${fix}`, { cause: error });
  }
}
