import type { GhCaller } from './context.js';
import type { GhOrg, GhWorld, Permissions } from './model.js';

/** What a caller may see of one organization, once it passed the checks of `orgAccess`. */
export interface OrgViewer {
  /** Sees concealed members as well as public ones (an org member, or a token reading members for the org). */
  seesConcealedMembers: boolean;
  /** May use the owner-only `2fa_disabled` / `2fa_insecure` filters and sees `hasTwoFactorEnabled`. */
  seesTwoFactor: boolean;
  /** Sees the owner-only organization settings (`two_factor_requirement_enabled`, `plan`, …). */
  seesOwnerSettings: boolean;
  /** May read SAML identities and SAML-authorized credentials (owners; App / fine-grained permissions). */
  seesSaml: boolean;
  /** The GitHub user behind the credential, when there is one. */
  login: string | null;
}

/** A refusal in GitHub's words, with the headers GitHub adds to say what was missing. */
export interface Denial {
  status: number;
  message: string;
  headers: Record<string, string>;
}

export type OrgPermission = 'members' | 'organization_administration';

const BY_INTEGRATION = 'Resource not accessible by integration';
const BY_PAT = 'Resource not accessible by personal access token';
/** D-AUTH; ossf/scorecard#1504. */
const SAML_ENFORCED = 'Resource protected by organization SAML enforcement. You must grant your Personal Access token access to this organization.';

function grants(permissions: Permissions, permission: OrgPermission): boolean {
  return permissions[permission] === 'read' || permissions[permission] === 'write';
}

/**
 * Decides what `caller` may see of `org` for an endpoint that needs `permission` (D-MEM, D-FGP, D-SCOPE, GQL field
 * docs): installation tokens and fine-grained PATs need the permission itself (403 "Resource not accessible by …"
 * with `x-accepted-github-permissions` when missing); classic PATs need `read:org` to see concealed members and must
 * be SSO-authorized for a SAML org (403 with `x-github-sso`); owner-only data needs an owner, or for an App its
 * permission. `permission: null` checks only the credential and the org, for endpoints that degrade instead.
 */
export function orgAccess(world: GhWorld, caller: GhCaller, org: GhOrg, permission: OrgPermission | null, installationSeesTwoFactor: boolean, baseUrl: string): OrgViewer | Denial {
  const anonymous: OrgViewer = { seesConcealedMembers: false, seesTwoFactor: false, seesOwnerSettings: false, seesSaml: false, login: null };
  if (caller.kind === 'anonymous') return anonymous;
  if (caller.kind === 'app') {
    // UNCERTAIN: GitHub's answer to an App JWT on an installation-level endpoint; we refuse it like a missing permission.
    return { status: 403, message: BY_INTEGRATION, headers: {} };
  }
  const grant = caller.grant;
  if (grant.kind === 'installation') {
    if (grant.orgLogin.toLowerCase() !== org.login.toLowerCase()) return { status: 403, message: BY_INTEGRATION, headers: {} };
    if (permission !== null && !grants(grant.permissions, permission)) return { status: 403, message: BY_INTEGRATION, headers: { 'x-accepted-github-permissions': `${permission}=read` } };
    const members = grants(grant.permissions, 'members');
    const administration = grants(grant.permissions, 'organization_administration');
    return {
      seesConcealedMembers: members,
      seesTwoFactor: members && installationSeesTwoFactor,
      seesOwnerSettings: administration,
      // GQL `samlIdentityProvider`: "GitHub App installation tokens with Members read or write".
      seesSaml: members,
      login: null,
    };
  }
  const role = org.membersByLogin.get(grant.user.login)?.role ?? null;
  const owner = role === 'admin';
  if (grant.kind === 'fine-grained') {
    if (grant.resourceOwner.toLowerCase() !== org.login.toLowerCase()) return { status: 403, message: BY_PAT, headers: {} };
    if (permission !== null && !grants(grant.permissions, permission)) return { status: 403, message: BY_PAT, headers: { 'x-accepted-github-permissions': `${permission}=read` } };
    const members = grants(grant.permissions, 'members');
    return { seesConcealedMembers: role !== null && members, seesTwoFactor: owner && members, seesOwnerSettings: owner, seesSaml: owner && members, login: grant.user.login };
  }
  if (org.saml !== 'none' && !grant.ssoAuthorized) {
    const url = `${baseUrl}/orgs/${org.login}/sso?authorization_request=${grant.user.id}`;
    return { status: 403, message: SAML_ENFORCED, headers: { 'x-github-sso': `required; url=${url}` } };
  }
  const readOrg = grant.scopes.some((s) => s === 'read:org' || s === 'admin:org' || s === 'write:org');
  const adminOrg = grant.scopes.includes('admin:org');
  if (permission === 'organization_administration' && !(owner && readOrg)) {
    // UNCERTAIN: GitHub's exact refusal of a non-owner here; a 403 naming the requirement.
    return { status: 403, message: 'Must be an organization owner.', headers: { 'x-accepted-oauth-scopes': 'read:org' } };
  }
  return {
    seesConcealedMembers: role !== null && readOrg,
    seesTwoFactor: owner && readOrg,
    seesOwnerSettings: owner && adminOrg,
    seesSaml: owner && readOrg,
    login: grant.user.login,
  };
}

export function isDenial(value: OrgViewer | Denial): value is Denial {
  return 'status' in value;
}
