import { setMaxListeners } from 'node:events';
import type { Dispatcher } from 'undici';
import type { AuthStrategy } from './auth/types.js';
import type { Clock, Logger, Random, Sleep } from '../config/runtime.js';
import { OktaClientError, type OktaClientErrorCode } from './errors.js';
import { HttpFailure, sendHttp, type HttpResponse, type HttpTimeouts } from './http.js';
import { bucketFor } from './pacing/buckets.js';
import { ConcurrencyAborted, type ConcurrencyLimiter } from './pacing/concurrency.js';
import { PacingAborted, type PacedOutcome, type Pacer } from './pacing/pacer.js';
import { headerValue, readRateLimitHeaders, type HeaderMap } from './pacing/rate-headers.js';
import type { WindowAllowance } from './pacing/schedule.js';
import { SecretRegistry } from './redact.js';
import { errorForResponse } from './response-errors.js';
import { backoffMs, decideRetry, type TransportErrorKind } from './retry.js';
import { TransportStats, type StatsSnapshot } from './transport-stats.js';
import { jsonValuesExceed } from './json-size.js';

export interface RetryPolicy {
  /** Attempts per request, the first included (default 4). */
  maxAttempts: number;
  /** Backoff base for 5xx, timeouts and resets (default 500 ms). */
  baseDelayMs: number;
  /** Backoff ceiling (default 30 s). */
  maxDelayMs: number;
  /** A 429 whose window resets later than this is reported, not waited for (default 2 min). */
  maxRateLimitWaitMs: number;
}

/** The headers `authorize` returned for the attempt, so a late 401 for an older token does not drop a newer one. */
interface SentCredentials {
  headers?: Record<string, string>;
}

const PASSING_AUTH_FAILURES = new Set<OktaClientErrorCode>(['OKTA_RATE_LIMITED', 'OKTA_SERVER_ERROR', 'OKTA_TIMEOUT', 'OKTA_NETWORK_ERROR']);

function isPassingAuthFailure(error: unknown): boolean {
  return error instanceof OktaClientError && PASSING_AUTH_FAILURES.has(error.code);
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 30_000, maxRateLimitWaitMs: 120_000 };

export interface TransportOptions {
  baseUrl: URL;
  auth: AuthStrategy;
  dispatcher: Dispatcher;
  userAgent: string;
  pacer: Pacer;
  concurrency: ConcurrencyLimiter;
  timeouts: Pick<HttpTimeouts, 'headersMs' | 'bodyMs'>;
  maxBodyBytes: number;
  /** Bodies holding more JSON values than this are refused before parsing (see `jsonValuesExceed`). */
  maxJsonValues: number;
  retry: RetryPolicy;
  clock: Clock;
  sleep: Sleep;
  random: Random;
  logger: Logger;
}

export interface OktaRequest {
  /** Read-only client: GET (default) or HEAD. */
  method?: 'GET' | 'HEAD';
  /** Absolute URL on the base URL's origin. */
  url: string | URL;
  /** Aborting it rejects the call promptly with OKTA_ABORTED, also while waiting for pacing or a retry. */
  signal: AbortSignal;
  /**
   * Aborting it withdraws the call only while it still waits for its rate-limit or concurrency slot (OKTA_ABORTED,
   * nothing sent, nothing counted by Okta); once sent, its response is read as usual. For optional reads (re-verifying
   * the oldest data) that should not sit out the next rate-limit window once their share of the budget is used.
   */
  waitSignal?: AbortSignal | undefined;
}

export interface OktaResponse<T = unknown> {
  status: number;
  headers: HeaderMap;
  /** Parsed JSON (null for an empty body). Not validated: parse it with a schema. */
  body: T;
  url: string;
  requestId: string | undefined;
  bucket: string;
}

/** Is `url` under `base` (same origin, and under its path when the base has one)? */
export function isUnderBase(url: URL, base: URL): boolean {
  if (url.origin !== base.origin || url.username !== '' || url.password !== '') return false;
  const prefix = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
  return prefix === '/' || url.pathname.startsWith(prefix);
}

/** A wait for a pacing or concurrency slot that its signal ended. */
function isWaitAbort(error: unknown): boolean {
  return error instanceof PacingAborted || error instanceof ConcurrencyAborted;
}

/** Read through a call: the compiler would otherwise take the signal's state as fixed since it was last checked. */
function isAborted(signal: AbortSignal): boolean {
  return signal.aborted;
}

function parseJson(text: string, maxValues: number): { ok: true; value: unknown } | { ok: false; tooMany?: true } {
  if (text.trim() === '') return { ok: true, value: null };
  if (jsonValuesExceed(text, maxValues)) return { ok: false, tooMany: true };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/**
 * One signal usually stops a whole sync, so every call of the sync shares it, and each call waiting for pacing, a
 * concurrency slot or a retry holds one abort listener on it. Dozens of waiting calls are normal, not a leak, but
 * past 10 listeners Node prints a MaxListenersExceededWarning ("possible memory leak"). Lift the limit for it. (Not
 * guarded by `getMaxListeners`: on Node 20 it throws for a signal whose limit is already 0.)
 */
function allowManyWaiters(signal: AbortSignal): void {
  setMaxListeners(0, signal);
}

/**
 * The one request function: authorize, pace, send, read, learn, retry, map failures. Everything else in the client
 * (pagination, the facade) is built on `send`.
 */
export class Transport {
  private readonly secrets = new SecretRegistry();
  private readonly counters = new TransportStats();

  constructor(private readonly options: TransportOptions) {}

  /** The only origin (and path) requests and followed links may go to. */
  get baseUrl(): URL {
    return this.options.baseUrl;
  }

  stats(): StatsSnapshot {
    const { concurrency } = this.options;
    return this.counters.snapshot({ peakConcurrency: concurrency.peak, concurrencyLimit: concurrency.limit });
  }

  /** What the current window of the bucket a GET of `url` counts against still takes (`Pacer.allowanceOf`). */
  allowance(url: URL): WindowAllowance | undefined {
    return this.options.pacer.allowanceOf(bucketFor('GET', url.pathname));
  }

  async send(request: OktaRequest): Promise<OktaResponse> {
    const { options } = this;
    allowManyWaiters(request.signal);
    if (request.waitSignal !== undefined) allowManyWaiters(request.waitSignal);
    const url = new URL(request.url);
    const method = request.method ?? 'GET';
    const bucket = bucketFor(method, url.pathname);
    const label = `${method} ${url.pathname}`;
    const fail = (code: OktaClientErrorCode, message: string, cause?: unknown): OktaClientError =>
      new OktaClientError(code, this.redact(message), { request: label, bucket, ...(cause === undefined ? {} : { cause }) });
    if (!isUnderBase(url, options.baseUrl)) {
      throw fail('OKTA_PAGINATION_REFUSED', `Refused to send ${label} to ${url.origin}: only ${options.baseUrl.origin} receives the Okta credentials.`);
    }
    const retryHeaders: Record<string, string> = {};
    const sent: SentCredentials = {};
    let challenged = false;
    for (let attempt = 1; ; attempt++) {
      if (request.signal.aborted) throw this.aborted(label, bucket);
      if (request.waitSignal?.aborted === true) throw this.withdrawn(label, bucket);
      const result = await this.exchange(method, url, bucket, request, retryHeaders, sent).catch((error: unknown) => {
        if (!request.signal.aborted && request.waitSignal?.aborted === true && isWaitAbort(error)) throw this.withdrawn(label, bucket);
        throw this.abortedOr(error, request.signal, label, bucket);
      });
      let status: number | undefined;
      let headers: HeaderMap = {};
      let body: unknown;
      let failure: { error: HttpFailure; kind: TransportErrorKind } | undefined;
      if (result instanceof HttpFailure) {
        if (result.kind === 'aborted') throw this.aborted(label, bucket);
        if (result.kind === 'too-large') throw fail('OKTA_BAD_RESPONSE', `Okta's answer to ${label} was too large: ${result.message}.`, result);
        failure = { error: result, kind: result.kind };
      } else {
        ({ status, headers } = result);
        // The budget ran out while the body arrived: stop here rather than spend more time parsing it.
        if (isAborted(request.signal)) throw this.aborted(label, bucket);
        const parsed = parseJson(result.text, options.maxJsonValues);
        if (!parsed.ok && parsed.tooMany === true) {
          throw fail('OKTA_BAD_RESPONSE', `Okta's answer to ${label} (HTTP ${status}) holds more than ${options.maxJsonValues.toLocaleString('en-US')} JSON values, far more than any page holds; it was refused without being parsed.`);
        }
        body = parsed.ok ? parsed.value : result.text;
        if (status >= 200 && status < 300) {
          if (!parsed.ok) throw fail('OKTA_BAD_RESPONSE', `Okta's answer to ${label} (HTTP ${status}) is not valid JSON; the page may have been cut off. Run the sync again.`);
          return { status, headers, body, url: url.href, requestId: headerValue(headers, 'x-okta-request-id'), bucket };
        }
        if ((status === 400 || status === 401) && !challenged) {
          challenged = true;
          if (options.auth.handleChallenge({ status, headers, body, ...(sent.headers ? { sentHeaders: sent.headers } : {}) })) {
            this.counters.challenge();
            attempt--; // a fresh proof or token, not a retry
            continue;
          }
        }
      }
      const serverDate = readRateLimitHeaders(headers).serverDateMs;
      const decision = decideRetry({
        attempt,
        method,
        ...(failure === undefined ? { status } : { errorKind: failure.kind }),
        headers,
        now: options.clock(),
        ...(serverDate === undefined ? {} : { serverDate }),
        ...options.retry,
        random: options.random,
      });
      if (decision.lowerConcurrency === true) options.concurrency.lower();
      if (!decision.retry) {
        if (failure !== undefined) throw this.failureError(failure.error, label, bucket, url, attempt);
        throw this.responseError({ status: status ?? 0, headers, body, method, path: url.pathname, bucket, attempts: attempt });
      }
      const requestId = headerValue(headers, 'x-okta-request-id');
      if (requestId !== undefined && retryHeaders['x-okta-retry-for'] === undefined) retryHeaders['x-okta-retry-for'] = requestId;
      retryHeaders['x-okta-retry-count'] = String(attempt);
      this.counters.retry();
      options.logger.warn({ request: label, bucket, status, attempt, waitMs: decision.waitMs, reason: decision.reason }, 'retrying Okta request');
      try {
        await options.sleep(decision.waitMs, request.signal);
      } catch (error) {
        throw this.abortedOr(error, request.signal, label, bucket);
      }
    }
  }

  /** One attempt: pacing slot, concurrency slot, fresh credentials, the exchange. Releases both slots. */
  private async exchange(
    method: 'GET' | 'HEAD',
    url: URL,
    bucket: string,
    request: OktaRequest,
    extra: Record<string, string>,
    sent: SentCredentials,
  ): Promise<HttpResponse | HttpFailure> {
    const { options } = this;
    const { signal } = request;
    // The slots' waits end on either signal; the exchange itself only on the call's own.
    const waiting = request.waitSignal === undefined ? signal : AbortSignal.any([signal, request.waitSignal]);
    const ticket = await options.pacer.acquire(bucket, waiting);
    let outcome: PacedOutcome = { notSent: true };
    try {
      const release = await options.concurrency.acquire(waiting);
      try {
        const credentials = await this.authorize(method, url, signal);
        sent.headers = credentials;
        this.secrets.add(...options.auth.secrets());
        const headers = { accept: 'application/json', 'user-agent': options.userAgent, ...extra, ...credentials };
        this.counters.request(bucket);
        outcome = { lost: true };
        const started = options.clock();
        const response = await sendHttp(options.dispatcher, { method, url, headers, signal, timeouts: options.timeouts, maxBodyBytes: options.maxBodyBytes }, options.clock);
        outcome = { status: response.status, headers: response.headers, receivedAt: response.receivedAt };
        if (response.status === 429) this.counters.throttle(bucket, readRateLimitHeaders(response.headers).limit === 0);
        options.logger.debug({ request: `${method} ${url.pathname}`, bucket, status: response.status, ms: response.receivedAt - started }, 'okta response');
        return response;
      } finally {
        release();
      }
    } catch (error) {
      if (error instanceof HttpFailure) return error;
      throw error;
    } finally {
      ticket.release(outcome);
    }
  }

  /**
   * Credentials for one attempt. An OAuth token request that failed for a passing reason (429, 5xx, timeout,
   * network) is tried again with backoff, so one bad answer from the token endpoint does not fail the request.
   */
  private async authorize(method: string, url: URL, signal: AbortSignal): Promise<Record<string, string>> {
    const { options } = this;
    for (let attempt = 1; ; attempt++) {
      try {
        return await options.auth.authorize({ method, url: url.href, signal });
      } catch (error) {
        if (signal.aborted || attempt >= options.retry.maxAttempts || !isPassingAuthFailure(error)) throw error;
        this.counters.retry();
        const waitMs = backoffMs({ attempt, baseDelayMs: options.retry.baseDelayMs, maxDelayMs: options.retry.maxDelayMs, random: options.random });
        options.logger.warn({ attempt, waitMs, code: (error as OktaClientError).code }, 'retrying the OAuth token request');
        await options.sleep(waitMs, signal);
      }
    }
  }

  private redact(text: string): string {
    this.secrets.add(...this.options.auth.secrets());
    return this.secrets.redact(text);
  }

  /** A wait or exchange failed: because the caller aborted (OKTA_ABORTED), or for its own reason. */
  private abortedOr(error: unknown, signal: AbortSignal, label: string, bucket: string): unknown {
    return signal.aborted ? this.aborted(label, bucket) : error;
  }

  private withdrawn(label: string, bucket: string): OktaClientError {
    return new OktaClientError('OKTA_ABORTED', `${label} was withdrawn before it was sent: its share of the budget was used.`, { request: label, bucket });
  }

  private aborted(label: string, bucket: string): OktaClientError {
    return new OktaClientError('OKTA_ABORTED', `${label} was aborted: the sync was cancelled or ran out of time.`, { request: label, bucket });
  }

  private responseError(f: { status: number; headers: HeaderMap; body: unknown; method: string; path: string; bucket: string; attempts: number }): OktaClientError {
    const { options } = this;
    return errorForResponse(
      { ...f, authKind: options.auth.kind, now: options.clock(), clockOffsetMs: options.pacer.clockOffsetMs() },
      (text) => this.redact(text),
    );
  }

  private failureError(failure: HttpFailure, label: string, bucket: string, url: URL, attempts: number): OktaClientError {
    const tries = `after ${attempts} attempt${attempts === 1 ? '' : 's'}`;
    const details = { request: label, bucket, cause: failure };
    if (failure.kind === 'timeout') {
      const message = `Okta did not answer ${label} in time ${tries} (${failure.message}). On large orgs use a smaller page limit or raise the timeouts; check the network path to ${url.host}.`;
      return new OktaClientError('OKTA_TIMEOUT', this.redact(message), details);
    }
    const message = `Could not reach ${url.host} for ${label} ${tries} (${failure.message}). Check the Okta domain, DNS, and any proxy or firewall between this host and Okta.`;
    return new OktaClientError('OKTA_NETWORK_ERROR', this.redact(message), details);
  }
}
