import { z } from 'zod';
import { GITHUB_DATASET_STATES, GITHUB_DATASETS, resolveGithubApi } from '../../app/index.js';
import { timestamp } from './timestamp.js';

/*
 * The zod schemas of the GitHub connection resources (src/server/routes/github-connections.ts). The credential is
 * write-only: accepted in bodies, never in an answer (the record carries only its kind, App id and installation).
 */

const GITHUB_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?$/;

export const githubIdParams = z.strictObject({ id: z.string().min(1).max(64).regex(/^[0-9A-Z]+$/, 'A GitHub connection id from GET /api/github-connections.') });

export const githubLoginSchema = z.string().max(39).regex(GITHUB_LOGIN, 'Not a GitHub login: letters, digits and inner hyphens, up to 39.');

/** GitHub.com when absent or empty; a GitHub Enterprise Server address is checked here, and asked at Test connection. */
export const githubBaseUrlSchema = z
  .string()
  .max(500)
  .superRefine((value, ctx) => {
    try {
      resolveGithubApi(value);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : 'Not a GitHub address.' });
    }
  })
  .describe('GitHub Enterprise Server: https://HOST (or https://HOST/api/v3). Leave out for GitHub.com.');

export const githubCredentialInput = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('app'),
    appId: z.string().min(1).max(100).regex(/^[A-Za-z0-9._-]+$/, 'A GitHub App id (digits) or client id.'),
    privateKey: z.string().min(1).max(20_000).describe('The PEM private key GitHub generated for the App.'),
    installationId: z.string().regex(/^\d{1,20}$/, 'An installation id is a number.').nullable().default(null).describe('Null: looked up from the organization.'),
  }),
  z.strictObject({ kind: z.literal('token'), token: z.string().min(10).max(500).describe('A fine-grained personal access token (or classic token) of an organization owner.') }),
]);

export const githubSettingsInput = z.strictObject({
  autoSync: z.boolean().optional(),
  syncInterval: z.string().max(20).optional().describe('15m to 24h, e.g. 6h.'),
  budget: z.string().max(20).optional().describe('Time budget per sync, e.g. 600s.'),
});

const serviceSchema = z.object({ id: z.string(), kind: z.string(), name: z.string(), oktaOrg: z.string(), oktaAppId: z.string().nullable() }).meta({ id: 'DownstreamService' });

export const githubConnectionSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    apiUrl: z.string(),
    org: z.string(),
    enterprise: z.string().nullable(),
    serviceId: z.string(),
    service: serviceSchema.nullable().describe('The downstream service its reads are stored under; null if it was removed.'),
    credential: z.union([z.object({ kind: z.literal('app'), appId: z.string(), installationId: z.string().nullable() }), z.object({ kind: z.literal('token') })]),
    settings: z.object({ autoSync: z.boolean(), syncIntervalS: z.number(), budgetS: z.number() }),
    orgId: z.string().nullable(),
    health: z.object({ state: z.string(), reason: z.string().nullable(), consecutiveFailures: z.number(), pausedReason: z.string().nullable() }),
    schedule: z.object({ nextRunAt: timestamp.nullable(), lastSyncId: z.string().nullable(), lastSyncAt: timestamp.nullable() }),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'GithubConnection' });

export const githubReportSchema = z
  .object({
    apiUrl: z.string(),
    org: z.object({ login: z.string(), id: z.string() }).nullable(),
    credential: z.enum(['app', 'token']),
    installationId: z.string().nullable(),
    datasets: z.array(
      z.object({
        dataset: z.enum(GITHUB_DATASETS),
        label: z.string(),
        state: z.enum(GITHUB_DATASET_STATES).describe('complete: readable; not_permitted: the credential lacks permissionNeeded; failed: reason.'),
        count: z.number(),
        reason: z.string().optional(),
        permissionNeeded: z.string().optional(),
      }),
    ),
    saml: z.object({ configured: z.boolean().nullable(), enforcement: z.string() }),
    fatal: z.object({ code: z.string(), message: z.string() }).nullable(),
    canReadMembers: z.boolean(),
  })
  .meta({ id: 'GithubTestReport' });

export const githubSavedSchema = z.object({ connection: githubConnectionSchema, report: githubReportSchema.nullable(), warnings: z.array(z.string()) });

export const githubSyncSchema = z
  .object({ id: z.string(), readAt: z.string(), current: z.boolean(), accountCount: z.number(), credentialCount: z.number(), complete: z.boolean() })
  .meta({ id: 'GithubSync' });
