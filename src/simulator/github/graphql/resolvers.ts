import { GraphQLError } from 'graphql';
import { isDenial, orgAccess, type OrgViewer } from '../access.js';
import type { GhCaller, GhContext } from '../context.js';
import type { PrimaryState } from '../limits.js';
import type { GhEnterprise, GhExternalIdentity, GhOrg, GhSamlProvider, GhUser } from '../model.js';
import { connectionOf, type ConnectionArgs } from './connection.js';

/** Per request: who asks, and the primary-limit state after this query was charged (for `rateLimit`). */
export interface GraphqlRequestContext {
  ctx: GhContext;
  caller: GhCaller;
  rate: PrimaryState;
  cost: number;
  nodeCount: number;
  /** Response headers a resolver asks for, e.g. `x-github-sso` on a SAML refusal. */
  headers: Record<string, string>;
}

/** A GitHub-style GraphQL error: `type` is a top-level member of the error in GitHub's responses (GITHUB-API.md §7). */
export function githubError(type: 'NOT_FOUND' | 'FORBIDDEN', message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { type, ...extra } });
}

function userNode(user: GhUser): Record<string, unknown> {
  return { __typename: 'User', login: user.login, id: user.nodeId, databaseId: user.id, name: user.name };
}

type IdentityArgs = ConnectionArgs & { membersOnly?: boolean | null; login?: string | null; userName?: string | null };

/** `externalIdentities(membersOnly, login, userName)`; `isMember` decides "valid org membership" (GQL). */
function externalIdentities(provider: GhSamlProvider, args: IdentityArgs, isMember: (user: GhUser) => boolean): Record<string, unknown> {
  const login = args.login?.toLowerCase();
  const userName = args.userName?.toLowerCase();
  const items = provider.identities.filter(
    (i) =>
      (args.membersOnly !== true || (i.user !== null && isMember(i.user))) &&
      (login === undefined || i.user?.login.toLowerCase() === login) &&
      (userName === undefined || i.nameId?.toLowerCase() === userName || i.username?.toLowerCase() === userName),
  );
  return connectionOf(items, args, (identity) => ({ node: identityNode(identity) }));
}

function identityNode(identity: GhExternalIdentity): Record<string, unknown> {
  return {
    guid: identity.guid,
    id: identity.nodeId,
    samlIdentity: {
      nameId: identity.nameId,
      username: identity.username,
      emails: identity.emails,
      givenName: identity.givenName,
      familyName: identity.familyName,
      groups: null,
      attributes: [],
    },
    // No SCIM provisioning in these orgs: GitHub sends the object with null members.
    scimIdentity: { username: null, emails: null, givenName: null, familyName: null, groups: null },
    organizationInvitation: null,
    user: identity.user === null ? null : userNode(identity.user),
  };
}

function providerNode(provider: GhSamlProvider, isMember: (user: GhUser) => boolean): Record<string, unknown> {
  return {
    id: provider.nodeId,
    ssoUrl: provider.ssoUrl,
    issuer: provider.issuer,
    digestMethod: 'SHA256',
    signatureMethod: 'RSA_SHA256',
    idpCertificate: null,
    recoveryCodes: null,
    externalIdentities: (args: IdentityArgs) => externalIdentities(provider, args, isMember),
  };
}

function organizationNode(org: GhOrg, viewer: OrgViewer): Record<string, unknown> {
  const isMember = (user: GhUser): boolean => org.membersByLogin.has(user.login);
  return {
    __typename: 'Organization',
    login: org.login,
    id: org.nodeId,
    databaseId: org.id,
    name: org.name,
    viewerIsAMember: viewer.login !== null && org.membersByLogin.has(viewer.login),
    viewerCanAdminister: viewer.login !== null && org.membersByLogin.get(viewer.login)?.role === 'admin',
    // Nullable in the schema; null when the viewer may not see owner settings (as REST's null, GITHUB-API.md §1.3).
    requiresTwoFactorAuthentication: viewer.seesOwnerSettings ? org.twoFactorRequired : null,
    // Null for enterprise-level SAML, no SAML and viewers without rights alike: GitHub does not tell them apart (§2.2).
    samlIdentityProvider: org.samlProvider !== null && viewer.seesSaml ? providerNode(org.samlProvider, isMember) : null,
    membersWithRole: (args: ConnectionArgs) =>
      connectionOf(
        org.members.filter((m) => viewer.seesConcealedMembers || m.user.publicMember),
        args,
        (m) => ({
          // "Returns null if information is not available to viewer" (GQL OrganizationMemberEdge).
          hasTwoFactorEnabled: viewer.seesTwoFactor ? m.user.twoFactor !== 'none' : null,
          role: m.role === 'admin' ? 'ADMIN' : 'MEMBER',
          node: userNode(m.user),
        }),
      ),
  };
}

/**
 * Enterprise owner data needs an enterprise owner's classic PAT with `read:enterprise` or `admin:enterprise` (GQL
 * `ownerInfo`). UNCERTAIN whether App tokens can read it; they get null here.
 */
function isEnterpriseOwner(caller: GhCaller, enterprise: GhEnterprise): boolean {
  if (caller.kind !== 'token' || caller.grant.kind !== 'classic') return false;
  const scopes = caller.grant.scopes;
  return enterprise.ownerLogins.has(caller.grant.user.login) && (scopes.includes('read:enterprise') || scopes.includes('admin:enterprise'));
}

function enterpriseNode(world: GhContext['world'], enterprise: GhEnterprise, caller: GhCaller): Record<string, unknown> {
  const orgs = enterprise.orgLogins.map((login) => world.orgs.get(login.toLowerCase())).filter((o): o is GhOrg => o !== undefined);
  const isMember = (user: GhUser): boolean => orgs.some((o) => o.membersByLogin.has(user.login));
  const stateOf = (org: GhOrg): 'ENFORCED' | 'CONFIGURED' | 'UNCONFIGURED' => {
    if (enterprise.samlProvider !== null || org.samlEnforced) return 'ENFORCED';
    return org.saml === 'org' ? 'CONFIGURED' : 'UNCONFIGURED';
  };
  return {
    __typename: 'Enterprise',
    id: enterprise.nodeId,
    databaseId: enterprise.id,
    slug: enterprise.slug,
    name: enterprise.name,
    ownerInfo: isEnterpriseOwner(caller, enterprise)
      ? {
          samlIdentityProvider: enterprise.samlProvider === null ? null : providerNode(enterprise.samlProvider, isMember),
          samlIdentityProviderSettingOrganizations: (args: ConnectionArgs & { value: string }) =>
            connectionOf(
              orgs.filter((o) => stateOf(o) === args.value).sort((a, b) => a.login.localeCompare(b.login)),
              args,
              (o) => ({ node: { __typename: 'Organization', login: o.login, id: o.nodeId, databaseId: o.id, name: o.name } }),
            ),
        }
      : null,
  };
}

/** The root value: `organization`, `enterprise`, `rateLimit`, `viewer`; anything else resolves to null. */
export function rootValue(request: GraphqlRequestContext): Record<string, unknown> {
  const { ctx, caller } = request;
  return {
    organization: ({ login }: { login: string }) => {
      const org = ctx.world.orgs.get(login.toLowerCase());
      if (org === undefined) throw githubError('NOT_FOUND', `Could not resolve to an Organization with the login of '${login}'.`);
      const viewer = orgAccess(ctx.world, caller, org, null, ctx.options.installationSeesTwoFactor, ctx.baseUrl);
      if (isDenial(viewer)) {
        const saml = viewer.headers['x-github-sso'];
        if (saml !== undefined) {
          // GraphQL's SAML refusal: FORBIDDEN with `extensions.saml_failure` and the header (fwouts/prmonitor#1042).
          request.headers['x-github-sso'] = saml;
          throw githubError('FORBIDDEN', viewer.message, { saml_failure: true });
        }
        throw githubError('FORBIDDEN', viewer.message);
      }
      return organizationNode(org, viewer);
    },
    enterprise: ({ slug }: { slug: string }) => {
      const enterprise = ctx.world.enterprises.get(slug.toLowerCase());
      if (enterprise === undefined) throw githubError('NOT_FOUND', `Could not resolve to an Enterprise with the slug of '${slug}'.`);
      return enterpriseNode(ctx.world, enterprise, caller);
    },
    viewer: () => (caller.kind === 'token' && caller.grant.kind !== 'installation' ? userNode(caller.grant.user) : null),
    rateLimit: () => ({
      cost: request.cost,
      limit: request.rate.limit,
      remaining: request.rate.remaining,
      used: request.rate.used,
      // The schema types `resetAt` as DateTime (ISO-8601), not epoch seconds (GITHUB-API.md §5.3).
      resetAt: new Date(request.rate.reset * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      nodeCount: request.nodeCount,
    }),
  };
}
