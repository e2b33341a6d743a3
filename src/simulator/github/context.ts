import type { Clock } from '../context.js';
import type { GhWorld, TokenGrant } from './model.js';
import type { GitHubSimulatorOptions } from './options.js';

/** Who made a request, as the auth hook established it. */
export type GhCaller =
  | { kind: 'anonymous' }
  /** A GitHub App authenticated with its JWT: it may only manage its installations. */
  | { kind: 'app'; appId: number }
  | { kind: 'token'; grant: TokenGrant };

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the GitHub simulator's auth hook on every API request that passed it. */
    github?: GhCaller;
  }
}

/** What `GET /__sim/stats` of the GitHub simulator reports: enough to assert that a client paced itself. */
export interface GhStats {
  requests: number;
  graphqlRequests: number;
  /** Requests per route pattern, e.g. `GET /orgs/:org/members`. */
  requestsByRoute: Record<string, number>;
  primaryLimited: number;
  secondaryLimited: number;
  inFlight: number;
  peakConcurrency: number;
  /** Sum of the primary GraphQL cost of every executed query. */
  graphqlCost: number;
}

export function newGhStats(): GhStats {
  return { requests: 0, graphqlRequests: 0, requestsByRoute: {}, primaryLimited: 0, secondaryLimited: 0, inFlight: 0, peakConcurrency: 0, graphqlCost: 0 };
}

/** Everything the GitHub simulator's hooks and routes share; one per running simulator. */
export interface GhContext {
  world: GhWorld;
  options: GitHubSimulatorOptions;
  stats: GhStats;
  clock: Clock;
  /** e.g. `http://127.0.0.1:43123`; set once the server listens. */
  baseUrl: string;
}
