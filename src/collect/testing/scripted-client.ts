/**
 * An `OktaClient` whose answers a test scripts per request, for paths the simulator cannot produce on demand
 * (a server error only at one page size, a pagination loop). Pagination runs through the real pager.
 */
import { buildUrl, type OktaClient, type RequestOptions } from '../../okta/client.js';
import { OktaClientError } from '../../okta/errors.js';
import { paginate, type PageSource } from '../../okta/paginate.js';
import type { OktaResponse } from '../../okta/transport.js';

export const BASE_URL = new URL('https://example.okta.com');

/** A JSON body with an optional `next` link, or an error to throw. */
export type ScriptedAnswer = { body: unknown; next?: string } | OktaClientError;

export function scriptedClient(answer: (url: URL) => ScriptedAnswer): { client: OktaClient; requests: URL[] } {
  const requests: URL[] = [];
  const source: PageSource = {
    baseUrl: BASE_URL,
    send: (request) => {
      const url = new URL(request.url);
      requests.push(url);
      const result = answer(url);
      if (result instanceof OktaClientError) return Promise.reject(result);
      const link = result.next === undefined ? undefined : `<${new URL(result.next, BASE_URL).href}>; rel="next"`;
      const response: OktaResponse = { status: 200, headers: link === undefined ? {} : { link }, body: result.body, url: url.href, requestId: undefined, bucket: 'test' };
      return Promise.resolve(response);
    },
  };
  const request = async <T>(path: string, options: RequestOptions): Promise<OktaResponse<T>> =>
    (await source.send({ url: buildUrl(BASE_URL, path, options.query), signal: options.signal })) as OktaResponse<T>;
  const client: OktaClient = {
    baseUrl: BASE_URL,
    request,
    get: async <T>(path: string, options: RequestOptions) => (await request<T>(path, options)).body,
    paginate: <T>(path: string, options: RequestOptions & { mode?: 'list' | 'logs-bounded' | 'logs-polling' }) =>
      paginate<T>(source, buildUrl(BASE_URL, path, options.query), { signal: options.signal, ...(options.mode ? { mode: options.mode } : {}) }),
    stats: () => ({ requests: requests.length, requestsByBucket: {}, throttled: 0, throttledByBucket: {}, concurrencyThrottled: 0, retries: 0, challenges: 0, peakConcurrency: 1, concurrencyLimit: 1 }),
    close: () => Promise.resolve(),
  };
  return { client, requests };
}
