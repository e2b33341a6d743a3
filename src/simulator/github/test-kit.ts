/**
 * Helpers for tests of (and against) the GitHub simulator: signed App JWTs, plain REST and GraphQL calls that return
 * status, headers and the parsed body. Not used by the simulator itself.
 */
import { importPKCS8, SignJWT } from 'jose';
import type { GitHubSimulatorHandle } from './server.js';

export interface JwtClaims {
  /** Seconds relative to now (negative = in the past). Default: −30 s and +9 min, as @octokit/auth-app signs. */
  iatOffset?: number;
  expOffset?: number;
  iss?: string | number;
  now?: number;
}

/** An App JWT signed with the simulator's App key (RS256), with claims shifted as a skewed clock would. */
export async function signAppJwt(sim: GitHubSimulatorHandle, claims: JwtClaims = {}): Promise<string> {
  const now = Math.floor((claims.now ?? Date.now()) / 1000);
  const key = await importPKCS8(sim.credentials.privateKeyPem, 'RS256');
  return new SignJWT({})
    .setProtectedHeader({ alg: 'RS256' })
    .setIssuer(String(claims.iss ?? sim.credentials.clientId))
    .setIssuedAt(now + (claims.iatOffset ?? -30))
    .setExpirationTime(now + (claims.expOffset ?? 540))
    .sign(key);
}

export interface Reply<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** A REST call with a User-Agent (GitHub rejects requests without one) and `Authorization: Bearer <token>`. */
export async function rest<T = unknown>(sim: GitHubSimulatorHandle, path: string, token: string | null, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Reply<T>> {
  const headers: Record<string, string> = { 'user-agent': 'okta-evidence-tests', accept: 'application/vnd.github+json', ...init.headers };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${sim.url}${path}`, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text === '' ? null : JSON.parse(text)) as T };
}

export interface GraphqlBody<T> {
  data?: T | null;
  errors?: { type?: string; message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export async function graphqlCall<T = Record<string, unknown>>(sim: GitHubSimulatorHandle, token: string, query: string, variables: Record<string, unknown> = {}, url = sim.graphqlUrl): Promise<Reply<GraphqlBody<T>>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'user-agent': 'okta-evidence-tests', authorization: `bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as GraphqlBody<T> };
}

/** Follows `Link rel="next"` from `path` and returns every item, as Octokit's paginate does. */
export async function allPages<T>(sim: GitHubSimulatorHandle, path: string, token: string, onPage?: (page: Reply<T[]>) => void): Promise<T[]> {
  const items: T[] = [];
  let next: string | null = path;
  while (next !== null) {
    const page: Reply<T[]> = await rest<T[]>(sim, next, token);
    if (page.status !== 200) throw new Error(`${next}: HTTP ${page.status} ${JSON.stringify(page.body)}`);
    onPage?.(page);
    items.push(...page.body);
    const match = /<([^<>]+)>;\s*rel="next"/.exec(page.headers.get('link') ?? '');
    next = match?.[1] === undefined ? null : match[1].slice(sim.url.length);
  }
  return items;
}
