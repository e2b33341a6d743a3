import { Agent, type Dispatcher } from 'undici';
import type { HeaderMap } from './pacing/rate-headers.js';
import type { TransportErrorKind } from './retry.js';

/** Timeouts for the connection pool and each request, in ms. */
export interface HttpTimeouts {
  /** TCP + TLS connect (default 10 s). */
  connectMs: number;
  /** Until the response headers arrive (default 60 s: Okta itself gives up on a System Log query after 30 s). */
  headersMs: number;
  /** Longest silence while the body streams (default 60 s). */
  bodyMs: number;
  /** Idle keep-alive sockets are closed after this (default 30 s). */
  keepAliveMs: number;
}

export const DEFAULT_TIMEOUTS: HttpTimeouts = { connectMs: 10_000, headersMs: 60_000, bodyMs: 60_000, keepAliveMs: 30_000 };

/** A pool with keep-alive and our timeouts. The caller owns it and closes it. */
export function createAgent(timeouts: HttpTimeouts): Agent {
  return new Agent({
    connect: { timeout: timeouts.connectMs },
    headersTimeout: timeouts.headersMs,
    bodyTimeout: timeouts.bodyMs,
    keepAliveTimeout: timeouts.keepAliveMs,
  });
}

export interface HttpRequest {
  method: 'GET' | 'HEAD';
  url: URL;
  headers: Record<string, string>;
  signal: AbortSignal;
  timeouts: Pick<HttpTimeouts, 'headersMs' | 'bodyMs'>;
  /** The body is refused beyond this many bytes. */
  maxBodyBytes: number;
}

export interface HttpResponse {
  status: number;
  headers: HeaderMap;
  /** The body as UTF-8 text ('' when empty). */
  text: string;
  /** Local time the headers arrived. */
  receivedAt: number;
}

/** A failure without a usable response. `kind` drives retries and the error code; `cause` is the undici error. */
export class HttpFailure extends Error {
  constructor(
    readonly kind: TransportErrorKind | 'aborted' | 'too-large',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'HttpFailure';
  }
}

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);
const RESET_CODES = new Set(['UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ECONNRESET', 'EPIPE', 'ECONNABORTED']);

function codesOf(error: unknown): string[] {
  const out: string[] = [];
  for (let e: unknown = error, depth = 0; typeof e === 'object' && e !== null && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') out.push(code);
    e = (e as { cause?: unknown }).cause;
  }
  return out;
}

/** Names a low-level failure. Everything that is neither a timeout nor a reset counts as "network" (DNS, refused, TLS). */
export function classifyFailure(error: unknown, signal: AbortSignal): HttpFailure {
  if (error instanceof HttpFailure) return error;
  const codes = codesOf(error);
  const detail = codes[0] ?? (error instanceof Error ? error.name : 'unknown error');
  if (signal.aborted) return new HttpFailure('aborted', 'aborted', { cause: error });
  if (codes.some((c) => TIMEOUT_CODES.has(c))) return new HttpFailure('timeout', `timed out (${detail})`, { cause: error });
  if (codes.some((c) => RESET_CODES.has(c))) return new HttpFailure('reset', `connection lost (${detail})`, { cause: error });
  return new HttpFailure('network', `could not reach the host (${detail})`, { cause: error });
}

async function readCapped(body: Dispatcher.ResponseData['body'], maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      body.destroy();
      throw new HttpFailure('too-large', `response body larger than ${maxBytes} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * One HTTP exchange. Never follows redirects (undici's default): a redirect would carry the token elsewhere. Rejects
 * only with `HttpFailure`.
 */
export async function sendHttp(dispatcher: Dispatcher, request: HttpRequest, clock: () => number): Promise<HttpResponse> {
  try {
    const response = await dispatcher.request({
      origin: request.url.origin,
      path: `${request.url.pathname}${request.url.search}`,
      method: request.method,
      headers: request.headers,
      signal: request.signal,
      headersTimeout: request.timeouts.headersMs,
      bodyTimeout: request.timeouts.bodyMs,
    });
    const receivedAt = clock();
    const declared = Number(response.headers['content-length']);
    if (Number.isFinite(declared) && declared > request.maxBodyBytes) {
      response.body.destroy();
      throw new HttpFailure('too-large', `response body of ${declared} bytes is larger than ${request.maxBodyBytes}`);
    }
    const text = await readCapped(response.body, request.maxBodyBytes);
    return { status: response.statusCode, headers: response.headers, text, receivedAt };
  } catch (error) {
    throw classifyFailure(error, request.signal);
  }
}
