import type { SimOrg } from './org/types.js';
import type { SimStats } from './stats.js';
import type { SimulatorOptions } from './options.js';

/** Who made a request, as established by the auth hook. */
export type Principal =
  | { kind: 'ssws'; tokenId: string }
  | { kind: 'oauth'; tokenId: string; clientId: string; scopes: string[]; dpopJkt: string | null };

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the auth hook for every `/api/v1` request that authenticated. */
    principal?: Principal;
  }
  interface FastifyContextConfig {
    /** The OAuth scope an endpoint needs (OKTA-API.md §1.3); SSWS tokens carry all read scopes. */
    scope?: string;
  }
}

/** Milliseconds since the epoch; injected so tests can move time. */
export type Clock = () => number;

/** Everything the simulator's hooks and routes share. One per running simulator; nothing is module-global. */
export interface SimContext {
  org: SimOrg;
  options: SimulatorOptions;
  stats: SimStats;
  clock: Clock;
  /** Public base URL used in links, e.g. `http://127.0.0.1:8080`. Set once the server listens. */
  baseUrl: string;
}
