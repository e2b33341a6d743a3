import { EnvHttpProxyAgent, fetch as undiciFetch, type Dispatcher } from 'undici';
import { proxySettings, type Env, type ProxySettings } from '../config/env.js';
import { DEFAULT_TIMEOUTS, type HttpTimeouts } from '../okta/http.js';

/**
 * The connection pool for a corporate egress proxy (`HTTPS_PROXY`/`HTTP_PROXY`, `NO_PROXY`), or undefined when none
 * is set (the Okta client then uses its own pool). undici's `EnvHttpProxyAgent` opens a CONNECT tunnel to the Okta
 * host through the proxy for every request, http and https alike (`proxyTunnel` is on by default), so the proxy sees
 * only `host:port`: the API token and the OAuth assertion travel inside the tunnel to the Okta host, never to the
 * proxy. The values are passed explicitly ('' for unset) so undici never reads `process.env` itself. The caller owns
 * the pool and closes it; pass it to both the client and the OAuth strategy so token requests take the same route.
 */
export function createEgressDispatcher(env: Env, timeouts: HttpTimeouts = DEFAULT_TIMEOUTS): Dispatcher | undefined {
  const proxy = proxySettings(env);
  return proxy === undefined ? undefined : proxyDispatcher(proxy, timeouts);
}

export function proxyDispatcher(proxy: ProxySettings, timeouts: HttpTimeouts = DEFAULT_TIMEOUTS): Dispatcher {
  return new EnvHttpProxyAgent({
    httpProxy: proxy.httpProxy ?? '',
    httpsProxy: proxy.httpsProxy ?? proxy.httpProxy ?? '',
    noProxy: proxy.noProxy ?? '',
    connect: { timeout: timeouts.connectMs },
    headersTimeout: timeouts.headersMs,
    bodyTimeout: timeouts.bodyMs,
    keepAliveTimeout: timeouts.keepAliveMs,
  });
}

/** A fetch (for clients built on fetch, such as Octokit's request) and the pool it sends through; close the pool after. */
export interface EgressFetch {
  fetch: typeof fetch;
  close(): Promise<void>;
}

/**
 * The same egress for a fetch-based client (the GitHub connector): undici's own fetch over the proxy pool of
 * `createEgressDispatcher`, so `HTTPS_PROXY`/`NO_PROXY` route GitHub as they route Okta — CONNECT tunnels, the
 * credential inside them. Undici's fetch, not the global one: Node's built-in fetch bundles another undici, whose
 * dispatcher option must not be mixed with this package's pools. Undefined when no proxy is set (the client's default
 * fetch goes direct).
 */
export function createEgressFetch(env: Env, timeouts: HttpTimeouts = DEFAULT_TIMEOUTS): EgressFetch | undefined {
  const dispatcher = createEgressDispatcher(env, timeouts);
  if (dispatcher === undefined) return undefined;
  const through = (input: Parameters<typeof undiciFetch>[0], init?: Parameters<typeof undiciFetch>[1]) => undiciFetch(input, { ...init, dispatcher });
  return { fetch: through as unknown as typeof fetch, close: () => dispatcher.close() };
}
