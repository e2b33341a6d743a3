/** Why an account operation was refused; the HTTP server maps each code to a status. Messages never carry a secret. */
export const ACCOUNT_ERROR_CODES = [
  /** Wrong email or password (deliberately not saying which). */
  'ACCOUNT_INVALID_CREDENTIALS',
  /** Too many failed sign-ins: the account is locked for a while. */
  'ACCOUNT_LOCKED',
  /** The setup link is unknown, used, expired, or an admin already exists. */
  'ACCOUNT_SETUP_INVALID',
  'ACCOUNT_EXISTS',
  'ACCOUNT_NOT_FOUND',
  'ACCOUNT_WEAK_PASSWORD',
  /** The change would leave the installation without an active admin. */
  'ACCOUNT_LAST_ADMIN',
] as const;
export type AccountErrorCode = (typeof ACCOUNT_ERROR_CODES)[number];

export class AccountError extends Error {
  constructor(
    readonly code: AccountErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AccountError';
  }
}

export function isAccountError(error: unknown, code?: AccountErrorCode): error is AccountError {
  return error instanceof AccountError && (code === undefined || error.code === code);
}
