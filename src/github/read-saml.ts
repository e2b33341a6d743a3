import type { OwnMfaState } from '../store/downstream-types.js';
import type { GithubClient } from './client.js';
import { GithubClientError } from './errors.js';
import { githubErrorOf, headersOf } from './map-error.js';

/*
 * The GraphQL reads (GITHUB-API.md §2, §6): each member's linked SAML identity (`externalIdentities`, every page,
 * never only the first hundred — §10.5), the enterprise's SAML settings when an enterprise owner's credential shows
 * them, and `hasTwoFactorEnabled` as the fallback for the owner-only REST 2FA filters. Failures arrive with HTTP 200
 * and an `errors` list (§7); a page that fails keeps what was read before it and says the read is incomplete.
 */

export interface SamlLink {
  nameId: string | null;
  login: string;
}

interface IdentityPage {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: ({ samlIdentity: { nameId: string | null } | null; user: { login: string; databaseId: number | null } | null } | null)[];
}

const IDENTITY_FIELDS = `pageInfo { hasNextPage endCursor } nodes { samlIdentity { nameId } user { login databaseId } }`;

export const ORG_SAML_QUERY = `query orgSamlIdentities($org: String!, $first: Int!, $cursor: String) {
  organization(login: $org) {
    samlIdentityProvider {
      ssoUrl
      externalIdentities(first: $first, after: $cursor, membersOnly: true) { ${IDENTITY_FIELDS} }
    }
  }
}`;

export const ENTERPRISE_SAML_QUERY = `query enterpriseSaml($slug: String!, $first: Int!, $cursor: String) {
  enterprise(slug: $slug) {
    ownerInfo {
      samlIdentityProvider {
        ssoUrl
        externalIdentities(first: $first, after: $cursor) { ${IDENTITY_FIELDS} }
      }
    }
  }
}`;

export const ENTERPRISE_ENFORCED_QUERY = `query enterpriseEnforcedOrgs($slug: String!, $first: Int!, $cursor: String) {
  enterprise(slug: $slug) {
    ownerInfo {
      samlIdentityProviderSettingOrganizations(value: ENFORCED, first: $first, after: $cursor) {
        pageInfo { hasNextPage endCursor }
        nodes { login }
      }
    }
  }
}`;

export const MEMBERS_TWO_FACTOR_QUERY = `query membersTwoFactor($org: String!, $first: Int!, $cursor: String) {
  organization(login: $org) {
    membersWithRole(first: $first, after: $cursor) {
      pageInfo { hasNextPage endCursor }
      edges { hasTwoFactorEnabled node { databaseId } }
    }
  }
}`;

interface GraphqlErrorLike {
  errors?: { type?: string; message?: string; extensions?: { saml_failure?: boolean } }[];
  headers?: unknown;
}

/** A GraphQL failure as a GithubClientError: FORBIDDEN / SAML failure → permission, NOT_FOUND, RATE_LIMITED. */
export function graphqlErrorOf(error: unknown, client: GithubClient, request: string): GithubClientError {
  const errors = (error as GraphqlErrorLike).errors;
  if (Array.isArray(errors) && errors.length > 0) {
    const first = errors[0] ?? {};
    const message = first.message ?? 'GraphQL error';
    const headers = headersOf((error as GraphqlErrorLike).headers);
    if (first.type === 'FORBIDDEN' || first.extensions?.saml_failure === true || headers['x-github-sso'] !== undefined) {
      return new GithubClientError('GITHUB_PERMISSION_DENIED', `GitHub refused ${request}: ${message}`, { request, cause: error });
    }
    if (first.type === 'NOT_FOUND') return new GithubClientError('GITHUB_ORG_NOT_FOUND', `${request}: ${message}`, { request, cause: error });
    if (first.type === 'RATE_LIMITED') return new GithubClientError('GITHUB_RATE_LIMITED', `GitHub's GraphQL rate limit stopped ${request} after the allowed retries.`, { request, cause: error });
    return new GithubClientError('GITHUB_BAD_RESPONSE', `GitHub answered ${request} with an error: ${message}`, { request, cause: error });
  }
  return githubErrorOf(error, { location: client.location, request, credentialKind: client.credentialKind });
}

/**
 * Walks one connection page by page. `pick` finds the connection in a page's data (undefined: the object holding it
 * is null). Returns the pages' nodes, whether every page was read, and the error that stopped it.
 */
/** How much a read takes: every page of 100 (a sync), or one item of each (Test connection). */
export interface Paging {
  pageSize: number;
  firstPageOnly: boolean;
}

export const FULL_READ: Paging = { pageSize: 100, firstPageOnly: false };

async function walk<N>(
  client: GithubClient,
  paging: Paging,
  query: string,
  variables: Record<string, string>,
  request: string,
  pick: (data: unknown) => { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: N[] } | null | undefined,
): Promise<{ present: boolean; nodes: N[]; complete: boolean; error?: GithubClientError }> {
  const nodes: N[] = [];
  let cursor: string | null = null;
  for (;;) {
    let data: unknown;
    try {
      data = await client.octokit.graphql(query, { ...variables, first: paging.pageSize, cursor });
    } catch (error) {
      return { present: nodes.length > 0, nodes, complete: false, error: graphqlErrorOf(error, client, request) };
    }
    const page = pick(data);
    if (page === null || page === undefined) return { present: false, nodes, complete: true };
    nodes.push(...page.nodes);
    if (!page.pageInfo.hasNextPage || paging.firstPageOnly) return { present: true, nodes, complete: true };
    if (page.pageInfo.endCursor === null || page.pageInfo.endCursor === cursor) {
      return { present: true, nodes, complete: false, error: new GithubClientError('GITHUB_BAD_RESPONSE', `${request}: GitHub said there is a next page without a new cursor.`) };
    }
    cursor = page.pageInfo.endCursor;
  }
}

type IdentityNode = IdentityPage['nodes'][number];

function linksOf(nodes: IdentityNode[]): Map<number, SamlLink> {
  const links = new Map<number, SamlLink>();
  for (const node of nodes) {
    // An identity not claimed by a member (`user` null) links no account.
    if (node?.user?.databaseId === null || node?.user?.databaseId === undefined) continue;
    links.set(node.user.databaseId, { nameId: node.samlIdentity?.nameId ?? null, login: node.user.login });
  }
  return links;
}

interface Path {
  [key: string]: unknown;
}

function at(data: unknown, ...keys: string[]): unknown {
  let value = data;
  for (const key of keys) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Path)[key];
  }
  return value;
}

export interface OrgSamlRead {
  /** true: a provider is shown; false: none is shown (no SAML, enterprise SAML, or not visible — §2.2); null: not read. */
  configured: boolean | null;
  links: Map<number, SamlLink>;
  complete: boolean;
  error?: GithubClientError | undefined;
}

export async function readOrgSaml(client: GithubClient, paging: Paging = FULL_READ): Promise<OrgSamlRead> {
  const result = await walk<IdentityNode>(client, paging, ORG_SAML_QUERY, { org: client.org }, 'GraphQL organization.samlIdentityProvider.externalIdentities', (data) => {
    const provider = at(data, 'organization', 'samlIdentityProvider');
    return provider === null || provider === undefined ? null : (at(provider, 'externalIdentities') as IdentityPage);
  });
  if (result.error !== undefined && !result.present) return { configured: null, links: new Map(), complete: false, error: result.error };
  return { configured: result.present, links: linksOf(result.nodes), complete: result.complete, error: result.error };
}

export interface EnterpriseSamlRead {
  /** The credential sees the enterprise's owner settings. */
  visible: boolean;
  providerConfigured: boolean;
  links: Map<number, SamlLink>;
  identitiesComplete: boolean;
  /** Logins (lower-cased) of organizations listed ENFORCED. */
  enforcedOrgs: Set<string>;
  error?: GithubClientError | undefined;
}

export async function readEnterpriseSaml(client: GithubClient, slug: string, paging: Paging = FULL_READ): Promise<EnterpriseSamlRead> {
  const hidden = (error?: GithubClientError): EnterpriseSamlRead => ({ visible: false, providerConfigured: false, links: new Map(), identitiesComplete: false, enforcedOrgs: new Set(), error });
  const seen = { ownerInfo: true };
  const identities = await walk<IdentityNode>(client, paging, ENTERPRISE_SAML_QUERY, { slug }, 'GraphQL enterprise.ownerInfo.samlIdentityProvider', (data) => {
    const ownerInfo = at(data, 'enterprise', 'ownerInfo');
    if (ownerInfo === null || ownerInfo === undefined) {
      seen.ownerInfo = false;
      return null;
    }
    const provider = at(ownerInfo, 'samlIdentityProvider');
    return provider === null || provider === undefined ? null : (at(provider, 'externalIdentities') as IdentityPage);
  });
  if (identities.error !== undefined && !identities.present) return hidden(identities.error);
  if (!seen.ownerInfo) {
    return hidden(new GithubClientError('GITHUB_PERMISSION_DENIED', `enterprise ${slug}: ownerInfo is null for this credential (enterprise settings are shown to enterprise owners only)`));
  }
  const enforced = await walk<{ login: string } | null>(client, paging, ENTERPRISE_ENFORCED_QUERY, { slug }, 'GraphQL enterprise.ownerInfo.samlIdentityProviderSettingOrganizations', (data) =>
    at(data, 'enterprise', 'ownerInfo', 'samlIdentityProviderSettingOrganizations') as { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: ({ login: string } | null)[] } | null,
  );
  if (!enforced.complete) return hidden(enforced.error);
  return {
    visible: true,
    providerConfigured: identities.present,
    links: linksOf(identities.nodes),
    identitiesComplete: identities.complete,
    enforcedOrgs: new Set(enforced.nodes.flatMap((n) => (n === null ? [] : [n.login.toLowerCase()]))),
    error: identities.error,
  };
}

/** `hasTwoFactorEnabled` per member: null ("not available to viewer") anywhere makes the read incomplete. */
export async function readTwoFactorByGraphql(client: GithubClient, paging: Paging = FULL_READ): Promise<{ complete: boolean; states: Map<number, OwnMfaState>; error?: GithubClientError | undefined }> {
  type Edge = { hasTwoFactorEnabled: boolean | null; node: { databaseId: number | null } | null } | null;
  const result = await walk<Edge>(client, paging, MEMBERS_TWO_FACTOR_QUERY, { org: client.org }, 'GraphQL organization.membersWithRole.hasTwoFactorEnabled', (data) => {
    const connection = at(data, 'organization', 'membersWithRole') as { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Edge[] } | null | undefined;
    return connection === null || connection === undefined ? null : { pageInfo: connection.pageInfo, nodes: connection.edges };
  });
  const states = new Map<number, OwnMfaState>();
  let hidden = false;
  for (const edge of result.nodes) {
    if (edge?.node?.databaseId === null || edge?.node?.databaseId === undefined) continue;
    if (edge.hasTwoFactorEnabled === null) hidden = true;
    states.set(edge.node.databaseId, edge.hasTwoFactorEnabled === null ? 'unknown' : edge.hasTwoFactorEnabled ? 'enabled' : 'disabled');
  }
  if (hidden) {
    return { complete: false, states, error: new GithubClientError('GITHUB_OWNER_ONLY', 'GitHub shows hasTwoFactorEnabled to organization owners only (it is null for this credential).', { permissionNeeded: 'an organization owner' }) };
  }
  return { complete: result.complete && result.present, states, error: result.error };
}
