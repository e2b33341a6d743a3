import { createPrivateKey } from 'node:crypto';
import { createAppAuth } from '@octokit/auth-app';
import { Octokit } from '@octokit/core';
import { paginateGraphQL } from '@octokit/plugin-paginate-graphql';
import { paginateRest } from '@octokit/plugin-paginate-rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { looksLikeGithub, notGithubError, resolveGithubApi, type GithubApiLocation } from './api-url.js';
import { GithubClientError } from './errors.js';
import { githubErrorOf, headersOf } from './map-error.js';
import { createPacer, realSleep, resourceOf, type Pacer, type PacingStats, type Sleep } from './pacing.js';

/*
 * The GitHub client: Octokit with GitHub App installation auth (@octokit/auth-app) or a token, paced by GitHub's
 * rate-limit headers (pacing.ts) inside @octokit/plugin-throttling (the reactive net for refusals) and
 * @octokit/plugin-retry (5xx and timeouts), every request bounded by a timeout, and every failure mapped to a
 * GithubClientError that says what to do. Read-only: it only ever sends GETs, GraphQL queries and, for an App, the
 * installation token request.
 */

/** A GitHub credential in clear, only between reading it and building a client. Never stored, logged or returned. */
export type GithubCredential =
  | { kind: 'app'; appId: string; privateKey: string; installationId: string | null }
  | { kind: 'token'; token: string };

export interface GithubClientOptions {
  /** As given by a person (empty: GitHub.com); see `resolveGithubApi`. */
  baseUrl?: string | null | undefined;
  org: string;
  credential: GithubCredential;
  /** Per-request timeout (default 30 s). */
  timeoutMs?: number | undefined;
  /** Aborts every request (the sync's budget, shutdown). */
  signal?: AbortSignal | undefined;
  /** Tries after a rate-limit refusal or a server error (default 3). */
  maxRetries?: number | undefined;
  now?: (() => number) | undefined;
  sleep?: Sleep | undefined;
  fetch?: typeof fetch | undefined;
  /** Shared Bottleneck queues of @octokit/plugin-throttling are keyed by this (default: the org). */
  throttleId?: string | undefined;
}

const PluggedOctokit = Octokit.plugin(pacingPlugin, throttling, retry, paginateRest, paginateGraphQL);
export type GithubOctokit = InstanceType<typeof PluggedOctokit>;

export interface GithubClient {
  readonly octokit: GithubOctokit;
  readonly location: GithubApiLocation;
  readonly org: string;
  readonly credentialKind: GithubCredential['kind'];
  /** The App installation the client reads through (App credentials), found from the org when not given. */
  readonly installationId: string | null;
  readonly stats: PacingStats;
}

const USER_AGENT = 'okta-evidence-github-connector';
/** The REST API version the reads are written against (GITHUB-API.md §4.3: supported at least until 2028). */
const API_VERSION = '2022-11-28';

/**
 * Builds a client for one organization. For an App without an installation id, finds the App's installation on the
 * organization (`GET /orgs/{org}/installation`, signed with the App's JWT): not installed is GITHUB_APP_NOT_INSTALLED.
 * An address that answers but is not GitHub is GITHUB_NOT_GITHUB.
 */
export async function createGithubClient(options: GithubClientOptions): Promise<GithubClient> {
  const location = resolveGithubApi(options.baseUrl);
  const now = options.now ?? Date.now;
  const pacer = createPacer({ now, sleep: options.sleep ?? realSleep });
  const build = (auth: Record<string, unknown>) => buildOctokit(location, options, pacer, auth);
  const { credential } = options;
  if (credential.kind === 'token') {
    if (credential.token.trim() === '') throw new GithubClientError('GITHUB_AUTH_CONFIG_INVALID', 'The GitHub token is empty.');
    const octokit = build({ auth: credential.token.trim() });
    return { octokit, location, org: options.org, credentialKind: 'token', installationId: null, stats: pacer.stats };
  }
  assertPrivateKey(credential.privateKey);
  if (!/^(\d+|Iv[0-9A-Za-z.]+)$/.test(credential.appId)) {
    throw new GithubClientError('GITHUB_AUTH_CONFIG_INVALID', `The GitHub App id ${JSON.stringify(credential.appId)} is neither an app id (digits) nor a client id (Iv…).`);
  }
  const appOctokit = build({ authStrategy: createAppAuth, auth: { appId: credential.appId, privateKey: credential.privateKey } });
  const found = await findInstallation(appOctokit, location, options.org, credential.appId);
  if (credential.installationId !== null && credential.installationId !== found) {
    throw new GithubClientError(
      'GITHUB_APP_NOT_INSTALLED',
      `Installation ${credential.installationId} is not the GitHub App's installation on ${options.org} (that is ${found}): leave the installation id out, or give ${found}.`,
    );
  }
  const octokit = build({ authStrategy: createAppAuth, auth: { appId: credential.appId, privateKey: credential.privateKey, installationId: Number(found) } });
  return { octokit, location, org: options.org, credentialKind: 'app', installationId: found, stats: pacer.stats };
}

async function findInstallation(octokit: GithubOctokit, location: GithubApiLocation, org: string, appId: string): Promise<string> {
  try {
    const { data, headers } = await octokit.request('GET /orgs/{org}/installation', { org });
    if (!looksLikeGithub(headersOf(headers))) throw notGithubError(location, 'GET /orgs/{org}/installation answered');
    return String(data.id);
  } catch (error) {
    const mapped = githubErrorOf(error, { location, request: 'GET /orgs/{org}/installation', credentialKind: 'app' });
    if (mapped.status === 404) {
      throw new GithubClientError(
        'GITHUB_APP_NOT_INSTALLED',
        `The GitHub App ${appId} is not installed on the organization ${org} (or ${org} does not exist): an owner installs it from the App's page (Install App), with the organization permissions Members (read) and Administration (read).`,
        { status: 404, request: mapped.request },
      );
    }
    throw mapped;
  }
}

function assertPrivateKey(pem: string): void {
  try {
    const key = createPrivateKey(pem);
    if (key.asymmetricKeyType !== 'rsa') throw new Error(`a ${key.asymmetricKeyType ?? 'non-RSA'} key`);
  } catch (error) {
    const why = error instanceof Error && error.message.startsWith('a ') ? error.message : 'not a PEM private key';
    throw new GithubClientError('GITHUB_AUTH_CONFIG_INVALID', `The GitHub App private key cannot sign (${why}): give the .pem file GitHub generated for the App (RS256).`);
  }
}

/** Context the pacing plugin needs, handed through Octokit's options. */
interface PacingOptions {
  pacer: Pacer;
  signal: AbortSignal | undefined;
}

/**
 * Registered before @octokit/plugin-throttling, so it sits nearest the network: every attempt (retries included)
 * waits for the pacer and reports its answer's headers.
 */
function pacingPlugin(octokit: Octokit, octokitOptions: object): Record<string, never> {
  const pacing = (octokitOptions as { pacing?: PacingOptions }).pacing;
  if (pacing === undefined) return {};
  octokit.hook.wrap('request', async (request, options) => {
    const resource = resourceOf(options.url);
    await pacing.pacer.beforeRequest(resource, pacing.signal);
    try {
      const response = await request(options);
      pacing.pacer.observe(resource, headersOf(response.headers));
      return response;
    } catch (error) {
      const headers = headersOf((error as { response?: { headers?: unknown } }).response?.headers);
      pacing.pacer.observe(resource, headers);
      throw error;
    }
  });
  return {};
}

/**
 * The plugin spaces every GraphQL request by 1 s as if it were a mutation; this client sends only queries, one at a
 * time, paced by the headers (GitHub asks for ≥ 1 s between *mutations*, D-BP). A pass-through queue replaces that one.
 */
const UNSPACED_QUEUE = {
  key: () => ({ schedule: <T>(_options: unknown, work: (...args: unknown[]) => Promise<T>, ...args: unknown[]) => work(...args) }),
};

function buildOctokit(location: GithubApiLocation, options: GithubClientOptions, pacer: Pacer, auth: Record<string, unknown>): GithubOctokit {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const baseFetch = options.fetch ?? fetch;
  const maxRetries = options.maxRetries ?? 3;
  const timedFetch: typeof fetch = (input, init) => {
    const signals = [AbortSignal.timeout(timeoutMs)];
    if (init?.signal) signals.push(init.signal);
    if (options.signal !== undefined) signals.push(options.signal);
    return baseFetch(input, { ...init, signal: AbortSignal.any(signals) });
  };
  const retryOnLimit = (retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number) => retryCount < maxRetries;
  return new PluggedOctokit({
    ...auth,
    baseUrl: location.apiUrl,
    userAgent: USER_AGENT,
    headers: { 'x-github-api-version': API_VERSION },
    request: { fetch: timedFetch },
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
    pacing: { pacer, signal: options.signal },
    throttle: {
      id: options.throttleId ?? options.org,
      write: UNSPACED_QUEUE,
      onRateLimit: (retryAfter: number, requestOptions: unknown, octokit: unknown, retryCount: number) => {
        pacer.stats.primaryLimitRefusals += 1;
        return retryOnLimit(retryAfter, requestOptions, octokit, retryCount);
      },
      onSecondaryRateLimit: (retryAfter: number, requestOptions: unknown, octokit: unknown, retryCount: number) => {
        pacer.stats.secondaryLimitRefusals += 1;
        pacer.pauseAll(retryAfter);
        return retryOnLimit(retryAfter, requestOptions, octokit, retryCount);
      },
    },
    // Rate-limit refusals (403/429) are the throttling plugin's; client errors are final.
    retry: { retries: maxRetries, doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451] },
  } as unknown as ConstructorParameters<typeof PluggedOctokit>[0]);
}
