import { GithubClientError } from './errors.js';

/*
 * Where a GitHub organization's API is (GITHUB-API.md §4.3): GitHub.com (and GHEC) at https://api.github.com,
 * GHE.com data residency at https://api.SUBDOMAIN.ghe.com, GitHub Enterprise Server at https://HOST/api/v3 (GraphQL
 * https://HOST/api/graphql). People give the address they know (`https://github.example.com`); this finds the API.
 */

export type GithubHostKind = 'github.com' | 'ghe.com' | 'enterprise-server';

export interface GithubApiLocation {
  kind: GithubHostKind;
  /** The REST root Octokit's `baseUrl` takes; GraphQL is derived from it by @octokit/graphql (`/api/v3` → `/api/graphql`). */
  apiUrl: string;
  graphqlUrl: string;
}

export const GITHUB_DOTCOM_API = 'https://api.github.com';

/**
 * The API location for a base URL as given (empty or absent: GitHub.com). Rejects what cannot be a GitHub address
 * (not https, credentials or a query in it); whether a server really is GitHub Enterprise Server is found by
 * `verifyGithubApi`, which asks it.
 */
export function resolveGithubApi(baseUrl: string | null | undefined, options: { allowHttp?: boolean } = {}): GithubApiLocation {
  const given = (baseUrl ?? '').trim();
  if (given === '') return { kind: 'github.com', apiUrl: GITHUB_DOTCOM_API, graphqlUrl: `${GITHUB_DOTCOM_API}/graphql` };
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    throw invalid(given, 'it is not a URL; give e.g. https://github.example.com for GitHub Enterprise Server, or leave it out for GitHub.com');
  }
  // http is accepted for a loopback address only (the simulator, a local proxy); a token never travels in clear elsewhere.
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && (loopback || options.allowHttp === true))) {
    throw invalid(given, 'GitHub is only reached over https');
  }
  if (url.username !== '' || url.password !== '') throw invalid(given, 'leave credentials out of the address: give them as the connection’s credential');
  if (url.search !== '' || url.hash !== '') throw invalid(given, 'leave out the query and fragment');
  const host = url.hostname.toLowerCase();
  if (host === 'github.com' || host === 'api.github.com' || host === 'www.github.com') {
    return { kind: 'github.com', apiUrl: GITHUB_DOTCOM_API, graphqlUrl: `${GITHUB_DOTCOM_API}/graphql` };
  }
  const origin = `${url.protocol}//${url.host}`;
  if (host.endsWith('.ghe.com')) {
    const apiHost = host.startsWith('api.') ? url.host : `api.${url.host}`;
    return { kind: 'ghe.com', apiUrl: `https://${apiHost}`, graphqlUrl: `https://${apiHost}/graphql` };
  }
  // GHES: https://HOST, https://HOST/api, https://HOST/api/v3 all mean the same server.
  const path = url.pathname.replace(/\/+$/, '');
  if (!['', '/api', '/api/v3'].includes(path)) throw invalid(given, 'a GitHub Enterprise Server address is its host (https://HOST), optionally with /api/v3');
  return { kind: 'enterprise-server', apiUrl: `${origin}/api/v3`, graphqlUrl: `${origin}/api/graphql` };
}

function invalid(given: string, why: string): GithubClientError {
  // An address with a password in it is shown without it.
  const shown = given.replace(/\/\/[^/@\s]*@/, '//***@');
  return new GithubClientError('GITHUB_BASE_URL_INVALID', `The GitHub address ${JSON.stringify(shown)} cannot be used: ${why}.`);
}

/** Response headers every GitHub API answer carries (GitHub.com and Enterprise Server), whatever its status. */
export function looksLikeGithub(headers: Record<string, string | number | undefined>): boolean {
  return headers['x-github-request-id'] !== undefined || headers['x-github-media-type'] !== undefined || headers['x-github-enterprise-version'] !== undefined;
}

/** Said when an address answered but not as GitHub does: a server that is not GitHub Enterprise Server. */
export function notGithubError(location: GithubApiLocation, answered: string): GithubClientError {
  const what = location.kind === 'enterprise-server' ? 'a GitHub Enterprise Server' : 'GitHub';
  return new GithubClientError(
    'GITHUB_NOT_GITHUB',
    `${location.apiUrl} is not ${what}: ${answered}, without GitHub's response headers. Check the base URL (a GitHub Enterprise Server is addressed by its host, e.g. https://github.example.com; leave it out for GitHub.com).`,
  );
}
