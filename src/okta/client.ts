import { createRequire } from 'node:module';
import type { Dispatcher } from 'undici';
import type { AuthStrategy } from './auth/types.js';
import { realClock, realSleep, silentLogger, type Clock, type Logger, type Random, type Sleep } from '../config/runtime.js';
import { parseBaseUrlOverride, parseOktaDomain } from './domain.js';
import { createAgent, DEFAULT_TIMEOUTS, type HttpTimeouts } from './http.js';
import { ConcurrencyLimiter } from './pacing/concurrency.js';
import { Pacer } from './pacing/pacer.js';
import type { PacingConfig, WindowAllowance } from './pacing/schedule.js';
import { DEFAULT_LIST_LIMITS, paginate, type ListLimits, type PageIterator, type PaginationMode } from './paginate.js';
import { DEFAULT_RETRY, Transport, type OktaResponse, type RetryPolicy } from './transport.js';
import type { StatsSnapshot } from './transport-stats.js';

/** Query parameters; arrays repeat the key, undefined values are left out. */
export type QueryParams = Record<string, string | number | boolean | readonly string[] | undefined>;

export interface OktaClientOptions {
  /** The org host, e.g. `company.okta.com` (validated by `parseOktaDomain`). */
  domain: string;
  /** Operator-only override (simulator, forward proxy); defaults to `https://{domain}`. */
  baseUrl?: URL;
  auth: AuthStrategy;
  /** Defaults to a keep-alive `Agent` with `timeouts`, owned (and closed) by the client. */
  dispatcher?: Dispatcher;
  /** Requests in flight at once (default 10). */
  concurrency?: number;
  /** Share of each rate-limit window kept for other clients of the token (default 0.01, at least one request). */
  headroom?: number;
  timeouts?: Partial<HttpTimeouts>;
  retry?: Partial<RetryPolicy>;
  /** Response bodies larger than this are refused (default 64 MiB). */
  maxBodyBytes?: number;
  /**
   * Response bodies holding more JSON values than this are refused before parsing (default 1,000,000: a System Log
   * page of 1,000 events holds about 300,000).
   */
  maxJsonValues?: number;
  /** Caps on one paginated list (see `ListLimits`); defaults in DEFAULT_LIST_LIMITS. */
  listLimits?: Partial<ListLimits>;
  /** Defaults to `okta-evidence/<package version>`. */
  userAgent?: string;
  clock?: Clock;
  sleep?: Sleep;
  logger?: Logger;
  random?: Random;
}

export interface RequestOptions {
  signal: AbortSignal;
  /** Withdraws the call while it still waits for a rate-limit or concurrency slot (see `OktaRequest.waitSignal`). */
  waitSignal?: AbortSignal | undefined;
  query?: QueryParams;
}

export interface OktaClient {
  readonly baseUrl: URL;
  /** One GET; resolves with the parsed JSON body (unvalidated: parse it with a schema). */
  get<T = unknown>(pathOrUrl: string, options: RequestOptions): Promise<T>;
  /** One GET with status, headers and request id. */
  request<T = unknown>(pathOrUrl: string, options: RequestOptions): Promise<OktaResponse<T>>;
  /** Every page of a list; see `PageIterator` for how it ends and what `summary` reports. */
  paginate<T = unknown>(pathOrUrl: string, options: RequestOptions & { mode?: PaginationMode }): PageIterator<T>;
  /**
   * What the current rate-limit window of the bucket a GET of `pathOrUrl` counts against still takes, so optional
   * work can be left for later instead of waiting for the next window; undefined when nothing is known to limit it.
   * Absent on test fakes that do not pace.
   */
  allowance?(pathOrUrl: string): WindowAllowance | undefined;
  stats(): StatsSnapshot;
  /** Closes the connection pool the client created (an injected dispatcher is left alone). */
  close(): Promise<void>;
}

function packageVersion(): string {
  // src/okta/client.ts and dist/okta/client.js both sit two levels below the package root.
  const pkg = createRequire(import.meta.url)('../../package.json') as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
}

/**
 * `pathOrUrl` on the base URL, with `query` appended. Spaces are encoded as `%20`, not `+`, so a SCIM filter such
 * as `status eq "ACTIVE"` reaches Okta unambiguously.
 */
export function buildUrl(baseUrl: URL, pathOrUrl: string, query: QueryParams = {}): URL {
  const isAbsolute = /^[a-z][a-z0-9+.-]*:/i.test(pathOrUrl);
  const basePath = baseUrl.pathname.replace(/\/+$/, '');
  const url = isAbsolute ? new URL(pathOrUrl) : new URL(`${basePath}${pathOrUrl.startsWith('/') ? '' : '/'}${pathOrUrl}`, baseUrl.origin);
  const params = new URLSearchParams(url.search);
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value as readonly string[]) params.append(key, item);
    else params.append(key, String(value));
  }
  const search = params.toString().replace(/\+/g, '%20');
  url.search = search === '' ? '' : `?${search}`;
  return url;
}

export const DEFAULT_MAX_JSON_VALUES = 1_000_000;

/** The Okta client: paced, retried, paginated GETs against one org. */
export function createOktaClient(options: OktaClientOptions): OktaClient {
  const domain = parseOktaDomain(options.domain);
  const baseUrl = options.baseUrl === undefined ? new URL(`https://${domain}`) : parseBaseUrlOverride(options.baseUrl.href);
  const clock = options.clock ?? realClock;
  const sleep = options.sleep ?? realSleep;
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const ownAgent = options.dispatcher === undefined ? createAgent(timeouts) : undefined;
  const pacing: Partial<PacingConfig> = options.headroom === undefined ? {} : { headroom: options.headroom };
  const transport = new Transport({
    baseUrl,
    auth: options.auth,
    dispatcher: options.dispatcher ?? (ownAgent as Dispatcher),
    userAgent: options.userAgent ?? `okta-evidence/${packageVersion()}`,
    pacer: new Pacer({ clock, sleep, config: pacing }),
    concurrency: new ConcurrencyLimiter({ max: options.concurrency ?? 10, clock }),
    timeouts,
    maxBodyBytes: options.maxBodyBytes ?? 64 * 1024 * 1024,
    maxJsonValues: options.maxJsonValues ?? DEFAULT_MAX_JSON_VALUES,
    retry: { ...DEFAULT_RETRY, ...options.retry },
    clock,
    sleep,
    random: options.random ?? Math.random,
    logger: options.logger ?? silentLogger,
  });

  const listLimits = { ...DEFAULT_LIST_LIMITS, ...options.listLimits };
  const request = async <T>(pathOrUrl: string, { signal, waitSignal, query }: RequestOptions): Promise<OktaResponse<T>> =>
    (await transport.send({ url: buildUrl(baseUrl, pathOrUrl, query), signal, waitSignal })) as OktaResponse<T>;

  return {
    baseUrl,
    request,
    get: async <T>(pathOrUrl: string, requestOptions: RequestOptions) => (await request<T>(pathOrUrl, requestOptions)).body,
    paginate: <T>(pathOrUrl: string, { signal, waitSignal, query, mode }: RequestOptions & { mode?: PaginationMode }) =>
      paginate<T>(transport, buildUrl(baseUrl, pathOrUrl, query), { signal, waitSignal, limits: listLimits, ...(mode === undefined ? {} : { mode }) }),
    allowance: (pathOrUrl) => transport.allowance(buildUrl(baseUrl, pathOrUrl)),
    stats: () => transport.stats(),
    close: async () => {
      await ownAgent?.close();
    },
  };
}
