/** Stable codes a caller (CLI, API, sync health) can branch on. Messages are for people and may change. */
export const GITHUB_CLIENT_ERROR_CODES = [
  'GITHUB_BASE_URL_INVALID',
  'GITHUB_NOT_GITHUB',
  'GITHUB_AUTH_CONFIG_INVALID',
  'GITHUB_CREDENTIAL_INVALID',
  'GITHUB_APP_NOT_INSTALLED',
  'GITHUB_ORG_NOT_FOUND',
  'GITHUB_PERMISSION_DENIED',
  'GITHUB_SSO_AUTHORIZATION_REQUIRED',
  'GITHUB_OWNER_ONLY',
  'GITHUB_RATE_LIMITED',
  'GITHUB_SERVER_ERROR',
  'GITHUB_TIMEOUT',
  'GITHUB_NETWORK_ERROR',
  'GITHUB_ABORTED',
  'GITHUB_BAD_RESPONSE',
] as const;
export type GithubClientErrorCode = (typeof GITHUB_CLIENT_ERROR_CODES)[number];

export interface GithubErrorDetails {
  status?: number | undefined;
  /** Method and path, without the query string. */
  request?: string | undefined;
  /** What GitHub said is needed (`x-accepted-github-permissions`, `x-accepted-oauth-scopes`), in people's words. */
  permissionNeeded?: string | undefined;
  /** `x-github-request-id`, for GitHub support. */
  requestId?: string | undefined;
  cause?: unknown;
}

/** Token-looking text never leaves in a message (GitHub tokens: ghp_, gho_, ghu_, ghs_, ghr_, github_pat_; JWTs). */
const SECRET_LIKE = /\b(gh[pousr]_[A-Za-z0-9_]{8,}|github_pat_[A-Za-z0-9_]{8,}|eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/g;

export function redactGithubSecrets(text: string): string {
  return text.replace(SECRET_LIKE, '[redacted]');
}

/** Every failure the GitHub client reports: what happened and what to do, with secrets redacted here. */
export class GithubClientError extends Error {
  readonly code: GithubClientErrorCode;
  readonly status: number | undefined;
  readonly request: string | undefined;
  readonly permissionNeeded: string | undefined;
  readonly requestId: string | undefined;

  constructor(code: GithubClientErrorCode, message: string, details: GithubErrorDetails = {}) {
    super(redactGithubSecrets(message), details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'GithubClientError';
    this.code = code;
    this.status = details.status;
    this.request = details.request;
    this.permissionNeeded = details.permissionNeeded;
    this.requestId = details.requestId;
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, code: this.code, message: this.message, status: this.status, request: this.request, permissionNeeded: this.permissionNeeded, requestId: this.requestId };
  }
}

export function isGithubClientError(error: unknown, code?: GithubClientErrorCode): error is GithubClientError {
  return error instanceof GithubClientError && (code === undefined || error.code === code);
}
