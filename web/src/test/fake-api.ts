import { createApi, type Api } from '../api/client';

/** A request the fake API received: method, path with query, JSON body, headers. */
export interface ReceivedRequest {
  method: string;
  path: string;
  url: URL;
  body: unknown;
  headers: Headers;
}

type Answer = { status?: number; body?: unknown } | ((request: ReceivedRequest) => { status?: number; body?: unknown } | Promise<{ status?: number; body?: unknown }>);

/**
 * An API for component tests: routes are `"METHOD /path"` (the path without its query) answered with JSON, every
 * request is recorded, and an unrouted one answers 404 so a test sees what the page asked for. Problems are
 * answered as application/problem+json like the server's.
 */
export function fakeApi(routes: Record<string, Answer>): { api: Api; requests: ReceivedRequest[] } {
  const requests: ReceivedRequest[] = [];
  async function fetchFn(input: Request): Promise<Response> {
    const url = new URL(input.url);
    const text = input.method === 'GET' || input.method === 'HEAD' ? '' : await input.text();
    const received: ReceivedRequest = { method: input.method, path: url.pathname + url.search, url, body: text === '' ? undefined : (JSON.parse(text) as unknown), headers: input.headers };
    requests.push(received);
    const answer = routes[`${input.method} ${url.pathname}`];
    const { status = 200, body } = answer === undefined ? { status: 404, body: problem(404, 'NOT_FOUND', `fake API: no route ${input.method} ${url.pathname}`) } : typeof answer === 'function' ? await answer(received) : answer;
    const isProblem = status >= 400;
    return new Response(body === undefined || status === 204 ? null : JSON.stringify(body), {
      status,
      headers: { 'content-type': isProblem ? 'application/problem+json' : 'application/json' },
    });
  }
  return { api: createApi({ fetch: fetchFn, baseUrl: 'http://console.test' }), requests };
}

export function problem(status: number, code: string, detail: string, errors?: { field: string; message: string }[]) {
  return { type: 'about:blank', title: code, status, code, detail, ...(errors === undefined ? {} : { errors }) };
}

export const ADMIN = { id: 'U1', email: 'admin@example.com', displayName: null, role: 'admin', createdAt: '2026-01-15T09:00:00.000Z', disabled: false, lockedUntil: null, reviewAppIds: [] };
export const AUDITOR = { ...ADMIN, id: 'U2', email: 'auditor@example.com', role: 'auditor' };
