import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type { components, paths };
export type Schemas = components['schemas'];

/** An RFC 9457 problem as the API answers it (src/server/problem.ts). */
export interface Problem {
  status: number;
  code: string;
  title: string;
  detail: string;
  errors?: { field: string; message: string }[];
}

/** A failed API call: the problem the server answered, or a made-up one for a network failure. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
    this.name = 'ApiError';
  }
  get status(): number {
    return this.problem.status;
  }
  get code(): string {
    return this.problem.code;
  }
  /** The message for a field (`body.email`), when the server named it. */
  fieldError(field: string): string | undefined {
    return this.problem.errors?.find((error) => error.field === field)?.message;
  }
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'status' in value && 'detail' in value;
}

/**
 * The typed client over the API (openapi-fetch, types from the server's OpenAPI document). The session is the
 * httpOnly cookie the browser sends by itself; changes carry the CSRF token in `x-csrf-token`: the one from sign-in,
 * or one fetched from GET /api/auth/csrf when the page was loaded with a session already open.
 */
export function createApi(options: { fetch?: (request: Request) => Promise<Response>; baseUrl?: string } = {}) {
  let csrfToken: string | undefined;
  const fetchFn = options.fetch ?? ((input: Request) => globalThis.fetch(input));
  const client = createClient<paths>({ baseUrl: options.baseUrl ?? '', fetch: fetchFn, credentials: 'same-origin' });

  async function fetchCsrfToken(): Promise<string> {
    const response = await fetchFn(new Request(new URL('/api/auth/csrf', baseOf(options.baseUrl)), { credentials: 'same-origin' }));
    if (!response.ok) throw new ApiError(await problemOf(response));
    const body = (await response.json()) as { token: string };
    return body.token;
  }

  const csrf: Middleware = {
    async onRequest({ request }) {
      if (request.method === 'GET' || request.method === 'HEAD') return undefined;
      if (request.url.endsWith('/api/auth/login') || request.url.endsWith('/api/auth/setup')) return undefined;
      csrfToken ??= await fetchCsrfToken();
      request.headers.set('x-csrf-token', csrfToken);
      return request;
    },
  };
  client.use(csrf);

  return {
    ...client,
    /** Keep the token the sign-in or setup answer carried. */
    setCsrfToken(token: string | undefined): void {
      csrfToken = token;
    },
    /** The raw fetch, for what openapi-fetch does not cover (downloads). */
    fetch: fetchFn,
  };
}

export type Api = ReturnType<typeof createApi>;

function baseOf(baseUrl: string | undefined): string {
  if (baseUrl !== undefined && baseUrl !== '') return baseUrl;
  return typeof window === 'undefined' ? 'http://localhost' : window.location.origin;
}

async function problemOf(response: Response): Promise<Problem> {
  const body: unknown = await response.json().catch(() => undefined);
  return isProblem(body) ? body : { status: response.status, code: 'HTTP_ERROR', title: response.statusText, detail: `The server answered ${response.status}.` };
}

/** The data of an openapi-fetch result, or an ApiError with the problem the server answered. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || !result.response.ok) {
    const problem = isProblem(result.error)
      ? result.error
      : { status: result.response.status, code: 'HTTP_ERROR', title: result.response.statusText, detail: `The server answered ${result.response.status}.` };
    throw new ApiError(problem);
  }
  return result.data as T;
}
