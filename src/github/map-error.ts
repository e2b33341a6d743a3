import type { GithubApiLocation } from './api-url.js';
import { looksLikeGithub, notGithubError } from './api-url.js';
import { GithubClientError } from './errors.js';

/*
 * GitHub's refusals in people's words (GITHUB-API.md §7): 401 bad credentials, 403 for a missing permission (with
 * `x-accepted-github-permissions` naming it), for SAML (`x-github-sso`) or for a rate limit, 404 for what the
 * credential cannot see, 422 for the owner-only 2FA filters; GraphQL errors arrive with HTTP 200.
 */

export type Headers = Record<string, string | number | undefined>;

export function headersOf(value: unknown): Headers {
  return typeof value === 'object' && value !== null ? (value as Headers) : {};
}

interface ErrorContext {
  location: GithubApiLocation;
  /** Method and route, e.g. `GET /orgs/{org}/members`. */
  request: string;
  credentialKind: 'app' | 'token';
}

interface RequestErrorLike {
  status: number;
  message: string;
  response?: { headers?: unknown; data?: unknown };
  cause?: unknown;
  errors?: { type?: string; message?: string; extensions?: Record<string, unknown> }[];
  headers?: unknown;
}

/** GitHub permission keys as the settings pages name them. */
const PERMISSION_NAMES: Record<string, string> = {
  members: 'Members',
  organization_administration: 'Administration',
  administration: 'Administration',
};

/**
 * `x-accepted-github-permissions: members=read; organization_administration=read` (alternatives separated by `;`,
 * D-TRB) → "the organization permission Members (read)".
 */
export function permissionInWords(header: string | undefined, credentialKind: 'app' | 'token'): string | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const options = header
    .split(/[;]/)
    .map((alternative) =>
      alternative
        .split(',')
        .map((part) => {
          const [key = '', level = 'read'] = part.trim().split('=');
          return `${PERMISSION_NAMES[key] ?? key} (${level})`;
        })
        .join(' and '),
    )
    .filter((words) => words !== '');
  const holder = credentialKind === 'app' ? "the GitHub App's organization permission" : "the fine-grained token's organization permission";
  return `${holder} ${options.join(' or ')}`;
}

function bodyMessage(data: unknown): string | undefined {
  return typeof data === 'object' && data !== null && 'message' in data && typeof data.message === 'string' ? data.message : undefined;
}

function causeNamed(error: unknown, name: string): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth += 1) {
    if (e.name === name) return true;
  }
  return false;
}

/** Maps anything an Octokit request throws to a GithubClientError (a GithubClientError passes through). */
export function githubErrorOf(error: unknown, context: ErrorContext): GithubClientError {
  if (error instanceof GithubClientError) return error;
  const request = context.request;
  if (causeNamed(error, 'TimeoutError')) {
    return new GithubClientError('GITHUB_TIMEOUT', `GitHub did not answer ${request} in time (${context.location.apiUrl}); it is retried at the next sync.`, { request, cause: error });
  }
  if (causeNamed(error, 'AbortError')) return new GithubClientError('GITHUB_ABORTED', `${request} was stopped (the sync's budget ended or the process is stopping).`, { request, cause: error });
  if (typeof error !== 'object' || error === null || typeof (error as RequestErrorLike).status !== 'number') {
    const message = error instanceof Error ? error.message : String(error);
    return new GithubClientError('GITHUB_BAD_RESPONSE', `${request} failed: ${message}`, { request, cause: error });
  }
  const failure = error as RequestErrorLike;
  const headers = headersOf(failure.response?.headers ?? failure.headers);
  const status = failure.status;
  const said = bodyMessage(failure.response?.data) ?? failure.message;
  const requestId = typeof headers['x-github-request-id'] === 'string' ? headers['x-github-request-id'] : undefined;
  const details = { status, request, requestId, cause: error };
  if (status === 500 && failure.response === undefined) {
    return new GithubClientError('GITHUB_NETWORK_ERROR', `Cannot reach ${context.location.apiUrl} (${failure.message}): check the address, DNS and any proxy.`, details);
  }
  if (status >= 400 && status !== 500 && !looksLikeGithub(headers)) {
    return notGithubError(context.location, `${request} answered HTTP ${status}`);
  }
  if (status === 401) {
    const what = context.credentialKind === 'app' ? "The GitHub App's id or private key" : 'The GitHub token';
    return new GithubClientError('GITHUB_CREDENTIAL_INVALID', `${what} was refused (401 ${said}): it is wrong, expired or revoked. Give a valid one.`, details);
  }
  const sso = typeof headers['x-github-sso'] === 'string' ? headers['x-github-sso'] : undefined;
  if (status === 403 && sso !== undefined) {
    const url = /url=([^\s;]+)/.exec(sso)?.[1];
    return new GithubClientError(
      'GITHUB_SSO_AUTHORIZATION_REQUIRED',
      `The token is not authorized for the organization's SAML single sign-on: an owner authorizes it${url === undefined ? ' (Settings › Personal access tokens › Configure SSO)' : ` at ${url}`}, or use a GitHub App.`,
      details,
    );
  }
  const remaining = headers['x-ratelimit-remaining'];
  if ((status === 403 || status === 429) && (String(remaining) === '0' || /rate limit/i.test(said))) {
    return new GithubClientError('GITHUB_RATE_LIMITED', `GitHub's rate limit stopped ${request} after the allowed retries (${said}); the next sync continues.`, details);
  }
  if (status === 403) {
    const accepted = typeof headers['x-accepted-github-permissions'] === 'string' ? headers['x-accepted-github-permissions'] : undefined;
    const scopes = typeof headers['x-accepted-oauth-scopes'] === 'string' && headers['x-accepted-oauth-scopes'] !== '' ? headers['x-accepted-oauth-scopes'] : undefined;
    const permissionNeeded =
      permissionInWords(accepted, context.credentialKind) ?? (scopes === undefined ? undefined : `an organization owner's token with the ${scopes} scope`);
    return new GithubClientError(
      'GITHUB_PERMISSION_DENIED',
      `GitHub refused ${request} (403 ${said})${permissionNeeded === undefined ? '' : `: add ${permissionNeeded}`}.`,
      { ...details, permissionNeeded },
    );
  }
  if (status === 404) return new GithubClientError('GITHUB_ORG_NOT_FOUND', `GitHub answered 404 to ${request}: the organization does not exist or this credential cannot see it.`, details);
  if (status === 422 && /owner/i.test(said)) {
    return new GithubClientError('GITHUB_OWNER_ONLY', `${request}: ${said} (GitHub shows members' 2FA to organization owners only).`, { ...details, permissionNeeded: 'an organization owner' });
  }
  if (status >= 500) return new GithubClientError('GITHUB_SERVER_ERROR', `GitHub failed ${request} (${status} ${said}); it is retried at the next sync.`, details);
  return new GithubClientError('GITHUB_BAD_RESPONSE', `GitHub refused ${request} (${status} ${said}).`, details);
}
