import { createHash, randomBytes } from 'node:crypto';

/** Prefixes make a leaked value recognisable (secret scanners, logs) and say what it is. */
export const SECRET_PREFIXES = { session: 'oes_', apiToken: 'oet_', setup: 'oesetup_' } as const;

/** 256 random bits, URL-safe, with the kind's prefix. The value is given to the client once; only its hash is kept. */
export function newSecret(kind: keyof typeof SECRET_PREFIXES): string {
  return SECRET_PREFIXES[kind] + randomBytes(32).toString('base64url');
}

/** What the database keeps instead of the secret: an unsalted hash is enough for 256 random bits. */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
