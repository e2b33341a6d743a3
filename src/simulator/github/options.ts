import { z } from 'zod';

const login = z.string().regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?$/, 'a GitHub login: letters, digits and inner hyphens');

/** One organization of the simulated GitHub. */
export const githubOrgSpecSchema = z
  .object({
    login,
    name: z.string().optional(),
    /** Organization members, owners included. */
    members: z.number().int().min(1).max(100_000),
    /** Default: about 6 % of `members`, at least one. */
    outsideCollaborators: z.number().int().min(0).max(10_000).optional(),
    saml: z.enum(['none', 'org', 'enterprise']),
    /** The enterprise slug; required with `saml: 'enterprise'`. */
    enterprise: login.optional(),
    /** For `saml: 'org'`: whether SSO is enforced (visible through the API only to enterprise owners). */
    samlEnforced: z.boolean().default(true),
    twoFactorRequired: z.boolean().default(false),
    appInstalled: z.boolean().default(true),
    /** The App's permissions on this org's installation; default members + organization_administration read. */
    appPermissions: z.record(z.string(), z.enum(['read', 'write'])).optional(),
  })
  .strict()
  .refine((o) => o.saml !== 'enterprise' || o.enterprise !== undefined, { error: "saml 'enterprise' needs an enterprise slug", path: ['enterprise'] });
export type GitHubOrgSpec = z.infer<typeof githubOrgSpecSchema>;
export type GitHubOrgSpecInput = z.input<typeof githubOrgSpecSchema>;

/**
 * The demo layout (docs/github-simulator.md): an org with SAML configured on the org (enforcement not visible), an
 * org under enterprise SAML (enforced, visible to enterprise owners) and an org without SAML.
 */
export const DEFAULT_GITHUB_ORGS: readonly GitHubOrgSpecInput[] = [
  { login: 'example-eng', name: 'Example Engineering', members: 60, saml: 'org', twoFactorRequired: true },
  { login: 'example-platform', name: 'Example Platform', members: 40, saml: 'enterprise', enterprise: 'example-corp' },
  { login: 'example-labs', name: 'Example Labs', members: 20, saml: 'none' },
];

export const githubSimulatorOptionsSchema = z
  .object({
    host: z.string().default('127.0.0.1'),
    port: z.number().int().min(0).max(65535).default(0),
    seed: z.number().int().min(0).max(2 ** 32 - 1).default(1),
    orgs: z.array(githubOrgSpecSchema).min(1).default(() => DEFAULT_GITHUB_ORGS.map((o) => githubOrgSpecSchema.parse(o))),
    /** Which Okta simulator org the members' SAML NameIDs point into (its seed and size), when `people` is not given. */
    okta: z.object({ seed: z.number().int().min(0).default(1), users: z.number().int().min(1).max(1_000_000).default(200) }).strict().default({ seed: 1, users: 200 }),
    /** `github` enforces GitHub's primary and secondary limits; `off` only counts (headers still sent). */
    rateLimits: z.enum(['github', 'off']).default('github'),
    /** K > 1 shortens the hour-long primary window to 60/K minutes (and the secondary minute to 60/K s), same limits. */
    timeScale: z.number().min(1).max(3600).default(1),
    /** Overrides of the primary hourly budgets, e.g. a small one for tests. */
    coreLimit: z.number().int().min(1).optional(),
    graphqlLimit: z.number().int().min(1).optional(),
    /** Status of a primary-limit refusal: GitHub sends 403 or 429 (D-RL). */
    primaryLimitStatus: z.union([z.literal(403), z.literal(429)]).default(403),
    /** Requests in flight per caller before a secondary-limit refusal (GitHub: 100). */
    concurrencyLimit: z.number().int().min(1).default(100),
    /** Points per minute per caller and REST endpoint (GitHub: 900; GET = 1 point, writes 5). */
    restPointsPerMinute: z.number().int().min(1).default(900),
    /** GraphQL points per minute per caller (GitHub: 2,000; a query = 1 point, a mutation 5). */
    graphqlPointsPerMinute: z.number().int().min(1).default(2000),
    /** Status of a secondary-limit refusal (GitHub: 403 or 429). */
    secondaryLimitStatus: z.union([z.literal(403), z.literal(429)]).default(403),
    /** `retry-after` seconds on a secondary-limit refusal; null sends none (clients must then wait ≥ 1 min). */
    secondaryRetryAfterSeconds: z.number().int().min(0).nullable().default(60),
    /**
     * UNCERTAIN (GITHUB-API.md §1.1): whether an App installation token may use the owner-only 2FA filters and sees
     * `hasTwoFactorEnabled`. True serves it; false answers 422 / null as for a non-owner.
     */
    installationSeesTwoFactor: z.boolean().default(true),
    latencyMs: z.number().min(0).max(60_000).default(0),
  })
  .strict();

export type GitHubSimulatorOptions = z.infer<typeof githubSimulatorOptionsSchema>;
export type GitHubSimulatorOptionsInput = z.input<typeof githubSimulatorOptionsSchema>;
