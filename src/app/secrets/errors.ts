/** Stable codes for what can go wrong with the key that seals stored credentials. */
export const SECRETS_ERROR_CODES = [
  /** No key: neither OKTA_EVIDENCE_SECRET_KEY nor the key file, while sealed credentials exist. */
  'SECRET_KEY_MISSING',
  /** The variable or the key file does not hold base64 of 32 bytes. */
  'SECRET_KEY_INVALID',
  /** A credential was sealed with a key that is not available (a database copied without its key file, a wrong key). */
  'SECRET_KEY_MISMATCH',
  /** The sealed value is damaged or was altered: the key is right but authentication failed. */
  'SECRET_ENVELOPE_INVALID',
  /** The key file could not be read or written. */
  'SECRET_KEY_IO',
] as const;
export type SecretsErrorCode = (typeof SECRETS_ERROR_CODES)[number];

/**
 * A problem with sealed credentials or their key. A configuration problem for the operator (exit code 2 in the CLI):
 * the message says what is wrong and how to fix it, and never carries key material or a credential.
 */
export class SecretsError extends Error {
  readonly exitCode = 2;
  constructor(
    readonly code: SecretsErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SecretsError';
  }
}

export function isSecretsError(error: unknown, code?: SecretsErrorCode): error is SecretsError {
  return error instanceof SecretsError && (code === undefined || error.code === code);
}
