import { request, type Dispatcher } from 'undici';
import type { ResponseHeaders } from './headers.js';

export interface TokenHttpRequest {
  method: 'POST';
  headers: Record<string, string>;
  /** `application/x-www-form-urlencoded` form. */
  body: string;
  signal: AbortSignal;
}

export interface TokenHttpResponse {
  status: number;
  headers: ResponseHeaders;
  /** The response body as text. */
  body: string;
}

/** The one HTTP call the OAuth strategy makes itself: POST to the token endpoint. Injected so tests need no server. */
export type FetchToken = (url: string, init: TokenHttpRequest) => Promise<TokenHttpResponse>;

/** A token response is a few hundred bytes; anything far larger is not Okta (a captive portal, a misrouted proxy). */
const MAX_TOKEN_RESPONSE_BYTES = 256 * 1024;

/** The default `FetchToken`: undici `request` through the given dispatcher (the same one, with its proxy and TLS settings, as resource calls). */
export function createUndiciFetchToken(dispatcher?: Dispatcher): FetchToken {
  return async (url, init) => {
    const response = await request(url, {
      method: init.method,
      headers: init.headers,
      body: init.body,
      signal: init.signal,
      ...(dispatcher === undefined ? {} : { dispatcher }),
    });
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      size += buffer.length;
      if (size > MAX_TOKEN_RESPONSE_BYTES) {
        response.body.destroy();
        break;
      }
      chunks.push(buffer);
    }
    return { status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') };
  };
}
