import type {
  DownstreamAccount,
  DownstreamCompleteness,
  DownstreamFact,
  OwnMfaState,
  SsoBypassCredential,
} from '../store/downstream-types.js';
import type { GithubClient } from './client.js';
import { permissionFor, type GithubDatasetId, type GithubDatasetStatus } from './datasets.js';
import { GithubClientError } from './errors.js';
import { githubErrorOf } from './map-error.js';
import { FULL_READ, readEnterpriseSaml, readOrgSaml, readTwoFactorByGraphql, type Paging, type SamlLink } from './read-saml.js';

/*
 * One read of an organization, for the MFA-coverage (passthrough) rule: its members and outside collaborators with
 * their own 2FA, the org's 2FA requirement, each member's SAML NameID, whether SAML SSO is enforced where GitHub shows
 * it, and the SAML-authorized credentials that bypass a fresh IdP sign-in. REST lists and the GraphQL SAML identities
 * are read side by side (they count against different rate limits). What a credential may not read is recorded per
 * dataset; only a failure to read the organization itself (wrong credential, unknown org, not GitHub) throws.
 */

export interface GithubOrgRead {
  orgId: string;
  orgLogin: string;
  accounts: DownstreamAccount[];
  credentials: SsoBypassCredential[];
  requiresOwnMfa: boolean | null;
  samlConfigured: boolean | null;
  ssoEnforced: DownstreamFact<boolean>;
  completeness: DownstreamCompleteness;
  datasets: GithubDatasetStatus[];
}

export interface ReadOrgOptions {
  /** The enterprise slug, when known: its owner-visible SAML settings can show ENFORCED. */
  enterprise?: string | null | undefined;
  /** Test connection reads one item of each dataset; a sync reads everything. */
  paging?: Paging | undefined;
}

interface SimpleUser {
  id: number;
  login: string;
}

type ListOutcome<T> = { ok: true; items: T[] } | { ok: false; items: T[]; error: GithubClientError };

export async function readGithubOrganization(client: GithubClient, options: ReadOrgOptions = {}): Promise<GithubOrgRead> {
  const org = client.org;
  const paging = options.paging ?? FULL_READ;
  const context = (request: string) => ({ location: client.location, request, credentialKind: client.credentialKind });
  let orgData: { id: number; login: string; two_factor_requirement_enabled?: boolean | null };
  try {
    ({ data: orgData } = await client.octokit.request('GET /orgs/{org}', { org }));
  } catch (error) {
    const mapped = githubErrorOf(error, context('GET /orgs/{org}'));
    if (mapped.code === 'GITHUB_ORG_NOT_FOUND') {
      throw new GithubClientError('GITHUB_ORG_NOT_FOUND', `The GitHub organization ${org} does not exist at ${client.location.apiUrl}, or this credential cannot see it.`, { status: 404, request: mapped.request });
    }
    throw mapped;
  }

  async function list<T>(route: string, params: Record<string, string | number>): Promise<ListOutcome<T>> {
    const items: T[] = [];
    try {
      for await (const page of client.octokit.paginate.iterator(route, { org, per_page: paging.pageSize, ...params })) {
        items.push(...(page.data as T[]));
        if (paging.firstPageOnly) break;
      }
      return { ok: true, items };
    } catch (error) {
      const label = `${route}${params.filter === undefined ? '' : `?filter=${String(params.filter)}`}`;
      return { ok: false, items, error: githubErrorOf(error, context(label)) };
    }
  }

  // REST and GraphQL side by side: separate rate limits, so the read takes as long as the longer of the two.
  const [rest, saml, enterprise] = await Promise.all([
    (async () => {
      const members = await list<SimpleUser>('GET /orgs/{org}/members', {});
      const disabled = members.ok ? await list<SimpleUser>('GET /orgs/{org}/members', { filter: '2fa_disabled' }) : undefined;
      const insecure = disabled?.ok === true ? await list<SimpleUser>('GET /orgs/{org}/members', { filter: '2fa_insecure' }) : undefined;
      const outside = await list<SimpleUser>('GET /orgs/{org}/outside_collaborators', {});
      const outsideDisabled = outside.ok ? await list<SimpleUser>('GET /orgs/{org}/outside_collaborators', { filter: '2fa_disabled' }) : undefined;
      const outsideInsecure = outsideDisabled?.ok === true ? await list<SimpleUser>('GET /orgs/{org}/outside_collaborators', { filter: '2fa_insecure' }) : undefined;
      const credentials = await list<CredentialAuthorization>('GET /orgs/{org}/credential-authorizations', {});
      return { members, disabled, insecure, outside, outsideDisabled, outsideInsecure, credentials };
    })(),
    readOrgSaml(client, paging),
    options.enterprise ? readEnterpriseSaml(client, options.enterprise, paging) : Promise.resolve(undefined),
  ]);

  const datasets: GithubDatasetStatus[] = [];
  const notes: string[] = [];
  const record = (dataset: GithubDatasetId, outcome: { ok: boolean; count: number; error?: GithubClientError | undefined }, reasonIfOk?: string) => {
    const status = datasetStatus(dataset, outcome, client.credentialKind, reasonIfOk);
    datasets.push(status);
    if (status.state !== 'complete' && status.reason !== undefined) notes.push(`${dataset}: ${status.reason}`);
    return status;
  };

  // The org's 2FA requirement: null when not shown (owner-only), never read as false (GITHUB-API.md §10.2).
  const requiresOwnMfa = typeof orgData.two_factor_requirement_enabled === 'boolean' ? orgData.two_factor_requirement_enabled : null;
  record('organization', requiresOwnMfa === null ? { ok: false, count: 1, error: notShown('organization', client.credentialKind, 'two_factor_requirement_enabled is not shown to this credential') } : { ok: true, count: 1 });

  const membersStatus = record('members', { ok: rest.members.ok, count: rest.members.items.length, error: errorOf(rest.members) });

  // Own 2FA: the owner-only REST filters, else GraphQL hasTwoFactorEnabled (null when not shown).
  let memberMfa: Map<number, OwnMfaState> | undefined;
  let ownMfaOutcome: { ok: boolean; count: number; error?: GithubClientError | undefined } = { ok: false, count: 0, error: errorOf(rest.members) };
  if (rest.disabled?.ok === true && rest.insecure?.ok === true) {
    memberMfa = mfaFromFilters(rest.members.items, rest.disabled.items, rest.insecure.items);
    ownMfaOutcome = { ok: true, count: memberMfa.size };
  } else if (rest.disabled !== undefined) {
    const fallback = await readTwoFactorByGraphql(client, paging);
    if (fallback.complete) {
      memberMfa = fallback.states;
      ownMfaOutcome = { ok: true, count: fallback.states.size };
      notes.push(`ownMfa: read from GraphQL hasTwoFactorEnabled (the REST 2FA filters were refused: ${errorOf(rest.disabled.ok ? rest.insecure : rest.disabled)?.message ?? 'refused'}); SMS-only 2FA cannot be told apart there`);
    } else {
      ownMfaOutcome = { ok: false, count: 0, error: fallback.error ?? errorOf(rest.disabled.ok ? rest.insecure : rest.disabled) };
    }
  }
  record('ownMfa', ownMfaOutcome);

  const outsideMfa = rest.outsideDisabled?.ok === true && rest.outsideInsecure?.ok === true ? mfaFromFilters(rest.outside.items, rest.outsideDisabled.items, rest.outsideInsecure.items) : undefined;
  record('outsideCollaborators', { ok: rest.outside.ok, count: rest.outside.items.length, error: errorOf(rest.outside) });
  if (rest.outside.ok && outsideMfa === undefined) notes.push("outsideCollaborators: their own 2FA could not be read (the 2FA filters were refused); it is 'unknown'");

  // SAML: the org's identity provider, else the enterprise's.
  const enterpriseLinks = enterprise?.visible === true && enterprise.providerConfigured ? enterprise.links : undefined;
  const links: Map<number, SamlLink> = saml.configured === false && enterpriseLinks !== undefined ? enterpriseLinks : saml.links;
  const identitiesComplete = saml.configured === false && enterpriseLinks !== undefined ? enterprise?.identitiesComplete === true : saml.complete;
  record(
    'samlIdentities',
    { ok: identitiesComplete, count: links.size, error: saml.error ?? (saml.configured === false && enterpriseLinks !== undefined ? enterprise?.error : undefined) },
    saml.configured === false && enterpriseLinks === undefined ? 'GitHub shows no SAML identity provider for the organization' : undefined,
  );
  if (options.enterprise) {
    record('enterpriseSaml', { ok: enterprise?.visible === true, count: enterprise?.enforcedOrgs.size ?? 0, error: enterprise?.error });
  } else {
    datasets.push({ dataset: 'enterpriseSaml', state: 'skipped', count: 0, reason: 'no enterprise named for this connection' });
  }

  // SAML-authorized credentials exist only where SAML does: a 404 on an org without SAML is "none" (UNCERTAIN, §3).
  const credentialsNotApplicable = !rest.credentials.ok && rest.credentials.error.status === 404 && saml.configured === false;
  record(
    'credentialAuthorizations',
    credentialsNotApplicable ? { ok: true, count: 0 } : { ok: rest.credentials.ok, count: rest.credentials.items.length, error: errorOf(rest.credentials) },
  );

  const accounts: DownstreamAccount[] = [
    ...rest.members.items.map((user) => accountOf(user, 'member', memberMfa?.get(user.id) ?? 'unknown', links.get(user.id)?.nameId ?? null)),
    // Outside collaborators never sign in through SAML (D-SAML reusable): no NameID even if one is linked.
    ...rest.outside.items.map((user) => accountOf(user, 'outside_collaborator', outsideMfa?.get(user.id) ?? 'unknown', null)),
  ];

  const samlConfigured = saml.configured === true || (enterprise?.visible === true && enterprise.providerConfigured) ? true : saml.configured === false ? false : null;
  const ssoEnforced = decideSsoEnforced(org, saml.configured, enterprise, options.enterprise ?? null);
  if (samlConfigured === false) notes.push(`sso: ${org} has no SAML identity provider GitHub shows: passthrough through Okta cannot apply`);

  return {
    orgId: String(orgData.id),
    orgLogin: orgData.login,
    accounts,
    credentials: rest.credentials.items.map(credentialOf),
    requiresOwnMfa,
    samlConfigured,
    ssoEnforced,
    completeness: {
      accounts: membersStatus.state === 'complete' && rest.outside.ok,
      ownMfa: ownMfaOutcome.ok && outsideMfa !== undefined,
      samlIdentities: identitiesComplete,
      credentials: rest.credentials.ok || credentialsNotApplicable,
      notes,
    },
    datasets,
  };
}

function errorOf<T>(outcome: ListOutcome<T> | undefined): GithubClientError | undefined {
  return outcome === undefined || outcome.ok ? undefined : outcome.error;
}

function notShown(dataset: GithubDatasetId, kind: 'app' | 'token', what: string): GithubClientError {
  return new GithubClientError('GITHUB_PERMISSION_DENIED', what, { permissionNeeded: permissionFor(dataset, kind) });
}

const NOT_PERMITTED_CODES = new Set(['GITHUB_PERMISSION_DENIED', 'GITHUB_OWNER_ONLY', 'GITHUB_SSO_AUTHORIZATION_REQUIRED']);

function datasetStatus(
  dataset: GithubDatasetId,
  outcome: { ok: boolean; count: number; error?: GithubClientError | undefined },
  kind: 'app' | 'token',
  reasonIfOk: string | undefined,
): GithubDatasetStatus {
  if (outcome.ok) return { dataset, state: 'complete', count: outcome.count, ...(reasonIfOk === undefined ? {} : { reason: reasonIfOk }) };
  const error = outcome.error;
  if (error !== undefined && NOT_PERMITTED_CODES.has(error.code)) {
    const permissionNeeded = permissionFor(dataset, kind);
    return { dataset, state: 'not_permitted', count: outcome.count, reason: `not permitted (${error.message}); add ${permissionNeeded}`, permissionNeeded };
  }
  return { dataset, state: outcome.count > 0 ? 'partial' : 'failed', count: outcome.count, reason: error?.message ?? 'not read' };
}

/** 2FA per user from the filters: in `2fa_disabled` → disabled; in `2fa_insecure` → insecure (SMS); else enabled. */
function mfaFromFilters(all: SimpleUser[], disabled: SimpleUser[], insecure: SimpleUser[]): Map<number, OwnMfaState> {
  const off = new Set(disabled.map((u) => u.id));
  const weak = new Set(insecure.map((u) => u.id));
  return new Map(all.map((u) => [u.id, off.has(u.id) ? 'disabled' : weak.has(u.id) ? 'insecure' : 'enabled']));
}

function accountOf(user: SimpleUser, kind: DownstreamAccount['kind'], ownMfa: OwnMfaState, samlNameId: string | null): DownstreamAccount {
  return { accountId: String(user.id), login: user.login, email: null, kind, ownMfa, samlNameId };
}

interface CredentialAuthorization {
  login: string;
  credential_id: number;
  credential_type: string;
  credential_authorized_at: string;
  credential_accessed_at?: string | null;
  authorized_credential_expires_at?: string | null;
}

function credentialOf(item: CredentialAuthorization): SsoBypassCredential {
  return {
    login: item.login,
    credentialId: String(item.credential_id),
    credentialType: item.credential_type,
    authorizedAt: item.credential_authorized_at,
    lastAccessedAt: item.credential_accessed_at ?? null,
    expiresAt: item.authorized_credential_expires_at ?? null,
  };
}

/**
 * Whether SAML SSO is enforced (GITHUB-API.md §2.2–2.3): only an enterprise owner sees it (enterprise-level SAML
 * applies to every organization; org-level states ENFORCED / CONFIGURED). A standalone organization's enforcement is
 * not in GitHub's API: unverified, to be attested — never assumed.
 */
function decideSsoEnforced(
  org: string,
  orgSamlConfigured: boolean | null,
  enterprise: Awaited<ReturnType<typeof readEnterpriseSaml>> | undefined,
  slug: string | null,
): DownstreamFact<boolean> {
  if (enterprise?.visible === true && slug !== null) {
    if (enterprise.providerConfigured) {
      return { source: 'api', value: true, detail: `SAML SSO is configured for the enterprise ${slug}, which requires it for every organization in it (enterprise.ownerInfo.samlIdentityProvider)` };
    }
    if (enterprise.enforcedOrgs.has(org.toLowerCase())) {
      return { source: 'api', value: true, detail: `the enterprise ${slug} lists ${org} as ENFORCED (ownerInfo.samlIdentityProviderSettingOrganizations)` };
    }
    return { source: 'api', value: false, detail: `the enterprise ${slug} does not list ${org} as ENFORCED (ownerInfo.samlIdentityProviderSettingOrganizations)` };
  }
  if (orgSamlConfigured === false && slug === null) {
    return {
      source: 'api',
      value: false,
      detail: `GitHub shows no SAML identity provider for ${org} (organization.samlIdentityProvider is null): members do not sign in through Okta, so passthrough cannot apply. If SAML is configured for its enterprise, name the enterprise on the connection.`,
    };
  }
  const why =
    slug !== null
      ? `the enterprise ${slug}'s SAML settings are visible to enterprise owners only (${enterprise?.error?.message ?? 'ownerInfo is null for this credential'}); an admin may attest that SAML SSO is enforced`
      : orgSamlConfigured === true
        ? `GitHub's API does not show whether a standalone organization enforces SAML SSO (only that ${org} has a SAML identity provider); an admin may attest it, or name the enterprise and use an enterprise owner's token`
        : `the SAML settings of ${org} could not be read`;
  return { source: 'unverified', value: null, why };
}
