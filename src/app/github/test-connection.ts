import type { Env } from '../../config/env.js';
import type { GithubClientOptions, GithubCredential } from '../../github/client.js';
import { createEgressFetch } from '../egress.js';
import type { GithubDatasetStatus } from '../../github/datasets.js';
import { isGithubClientError } from '../../github/errors.js';
import { readGithubOrganization } from '../../github/read-org.js';

/*
 * Test connection for GitHub: reach the organization with the credential, then one item of every dataset, each
 * `complete` (readable) / `not_permitted` (naming the permission to add) / `failed` (the reason) / `skipped`, and
 * whether passthrough through Okta can apply (SAML). The same read as a sync, one page of one item each.
 */

export interface GithubTestReport {
  apiUrl: string;
  org: { login: string; id: string } | null;
  credential: 'app' | 'token';
  installationId: string | null;
  datasets: GithubDatasetStatus[];
  /** SAML as the test saw it: passthrough needs an identity provider, and enforcement shown or attested. */
  saml: { configured: boolean | null; enforcement: string };
  /** Why nothing could be read (wrong credential, App not installed, not GitHub…); null when the org answered. */
  fatal: { code: string; message: string } | null;
  canReadMembers: boolean;
}

export interface TestGithubInput {
  baseUrl: string | null;
  org: string;
  enterprise: string | null;
  credential: GithubCredential;
  /** The organization id recorded for the connection: another answers GITHUB_ORG_MISMATCH. */
  expectedOrgId?: string | null | undefined;
  timeoutMs?: number | undefined;
  fetch?: GithubClientOptions['fetch'];
  /** HTTPS_PROXY/NO_PROXY (src/app/egress.ts) when no `fetch` is given. */
  env?: Env | undefined;
}

export async function testGithubConnection(input: TestGithubInput): Promise<GithubTestReport> {
  const egress = input.fetch === undefined ? createEgressFetch(input.env ?? {}) : undefined;
  try {
    return await testGithubConnectionWith({ ...input, fetch: input.fetch ?? egress?.fetch });
  } finally {
    await egress?.close();
  }
}

async function testGithubConnectionWith(input: TestGithubInput): Promise<GithubTestReport> {
  const base = { credential: input.credential.kind, installationId: null, datasets: [] as GithubDatasetStatus[], saml: { configured: null, enforcement: 'not read' }, org: null, canReadMembers: false };
  let apiUrl = input.baseUrl ?? 'https://api.github.com';
  try {
    // Octokit and its plugins load with the first GitHub call, not with every command that imports the app layer.
    const { createGithubClient } = await import('../../github/client.js');
    const client = await createGithubClient({
      baseUrl: input.baseUrl,
      org: input.org,
      credential: input.credential,
      timeoutMs: input.timeoutMs ?? 15_000,
      maxRetries: 1,
      fetch: input.fetch,
      throttleId: `test:${input.org}`,
    });
    apiUrl = client.location.apiUrl;
    const read = await readGithubOrganization(client, { enterprise: input.enterprise, paging: { pageSize: 1, firstPageOnly: true } });
    if (input.expectedOrgId != null && read.orgId !== input.expectedOrgId) {
      return {
        ...base,
        apiUrl,
        installationId: client.installationId,
        fatal: {
          code: 'GITHUB_ORG_MISMATCH',
          message: `${input.org} at ${apiUrl} is organization ${read.orgId}, not ${input.expectedOrgId} that this connection reads: a connection keeps one organization's history.`,
        },
      };
    }
    const enforcement = read.ssoEnforced.source === 'unverified' ? `unverified: ${read.ssoEnforced.why}` : `${read.ssoEnforced.value ? 'enforced' : 'not enforced'} (${read.ssoEnforced.source === 'api' ? read.ssoEnforced.detail : read.ssoEnforced.statement})`;
    return {
      apiUrl,
      org: { login: read.orgLogin, id: read.orgId },
      credential: input.credential.kind,
      installationId: client.installationId,
      datasets: read.datasets,
      saml: { configured: read.samlConfigured, enforcement },
      fatal: null,
      canReadMembers: read.datasets.some((d) => d.dataset === 'members' && d.state === 'complete'),
    };
  } catch (error) {
    if (!isGithubClientError(error)) throw error;
    return { ...base, apiUrl, fatal: { code: error.code, message: error.message } };
  }
}
