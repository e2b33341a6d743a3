import { z } from 'zod';

export const RATE_LIMIT_PRESETS = ['workforce', 'developer', 'off'] as const;
export type RateLimitPreset = (typeof RATE_LIMIT_PRESETS)[number];

/**
 * Faults a test can switch on at any time (`simulator.setFaults`). All default to off.
 * Rates are probabilities in [0, 1], drawn from the simulator's seeded fault RNG so runs repeat.
 */
export const faultsSchema = z
  .object({
    /** Share of `/api/v1` requests answered 500 E0000009 (or 503 when `serverErrorStatus` says so). */
    serverErrorRate: z.number().min(0).max(1).default(0),
    serverErrorStatus: z.union([z.literal(500), z.literal(502), z.literal(503), z.literal(504)]).default(500),
    /** Share of `/api/v1` requests whose connection is destroyed without a response. */
    dropConnectionRate: z.number().min(0).max(1).default(0),
    /**
     * Delay added to list responses that carry a `next` link or an `after` cursor (a slow page); with `everyListPage`,
     * to single-page lists too, so a test's small org is slow whatever its lists' sizes.
     */
    slowPage: z
      .object({ delayMs: z.number().int().min(0).max(600_000), pathPrefix: z.string().default('/api/v1'), everyListPage: z.boolean().default(false) })
      .nullable()
      .default(null),
    /** The N-th page (1-based, counted per path prefix) of a list is answered with a truncated, unparseable body. */
    // `exact`: only the path itself, not its sub-resources (`/api/v1/users` but not `/api/v1/users/{id}/roles`).
    malformedPage: z.object({ pathPrefix: z.string(), pageNumber: z.number().int().min(1), exact: z.boolean().optional() }).nullable().default(null),
    /** Every accepted credential stops working after this many authenticated requests (401 E0000011). */
    revokeTokenAfterRequests: z.number().int().min(1).nullable().default(null),
  })
  .strict();
export type Faults = z.infer<typeof faultsSchema>;
export type FaultsInput = z.input<typeof faultsSchema>;

export const oauthClientOptionSchema = z
  .object({
    clientId: z.string().min(1),
    /** PEM (SPKI) or JWK JSON text of the client's public key. */
    publicKey: z.string().min(1),
    requireDpop: z.boolean().default(true),
    scopes: z.array(z.string()).optional(),
  })
  .strict();
export type OAuthClientOption = z.infer<typeof oauthClientOptionSchema>;

export const simulatorOptionsSchema = z
  .object({
    host: z.string().default('127.0.0.1'),
    port: z.number().int().min(0).max(65535).default(0),
    users: z.number().int().min(0).max(1_000_000).default(200),
    seed: z.number().int().min(0).max(2 ** 32 - 1).default(1),
    /** Generated System Log events per user per day, over the last 14 days. */
    logEventsPerUserPerDay: z.number().min(0).max(100).default(1),
    rateLimits: z.enum(RATE_LIMIT_PRESETS).default('workforce'),
    /** K > 1 shortens the 60 s window to 60/K s and divides the limits by K: the same rate per second. */
    timeScale: z.number().min(1).max(600).default(1),
    /** Share of each bucket one token may use (Okta's default is 50 %). */
    tokenShare: z.number().gt(0).max(1).default(0.5),
    /** Requests in flight at once before 429 with `X-Rate-Limit-Limit: 0`; Workforce 75, developer 35. */
    concurrencyLimit: z.number().int().min(1).optional(),
    latencyMs: z.number().min(0).max(60_000).default(0),
    /** Jitter as a share of latencyMs (0.25 → ±25 %). */
    latencyJitter: z.number().min(0).max(1).default(0.25),
    /** Which bucket `/users/{id}/factors` counts against: `users` (600/min WF, the pessimistic reading) or `users-id`. */
    factorsBucket: z.enum(['users', 'users-id']).default('users'),
    orgFile: z.string().optional(),
    /** The accepted SSWS token; a random one is generated when absent. */
    token: z.string().min(1).optional(),
    oauthClients: z.array(oauthClientOptionSchema).default([]),
    faults: faultsSchema.default(faultsSchema.parse({})),
  })
  .strict();

export type SimulatorOptions = z.infer<typeof simulatorOptionsSchema>;
export type SimulatorOptionsInput = z.input<typeof simulatorOptionsSchema>;
