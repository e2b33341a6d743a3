/**
 * The simulated GitHub world, held in memory: users, organizations (members, outside collaborators, SAML identities,
 * SAML-authorized credentials), enterprises, one GitHub App and the tokens the simulator accepts. Routes turn these
 * into GitHub's wire shapes; nothing here is a wire shape itself.
 */

/** GitHub's own 2FA of a user: `secure` (passkey, security key, TOTP app, GitHub Mobile), `insecure` (SMS only), `none`. */
export type TwoFactorState = 'secure' | 'insecure' | 'none';

export interface GhUser {
  id: number;
  login: string;
  nodeId: string;
  name: string;
  twoFactor: TwoFactorState;
  /** Shown to viewers outside the org (public membership); concealed members are seen by org members only. */
  publicMember: boolean;
  createdAt: string;
}

export type OrgRole = 'admin' | 'member';

export interface GhMembership {
  user: GhUser;
  role: OrgRole;
}

/** One `ExternalIdentity` of a SAML identity provider (org- or enterprise-level). */
export interface GhExternalIdentity {
  guid: string;
  nodeId: string;
  /** The SAML NameID; null for identities provisioned by SCIM only. */
  nameId: string | null;
  username: string | null;
  emails: { value: string; primary: boolean; type: string }[];
  givenName: string | null;
  familyName: string | null;
  /** The GitHub user who claimed the identity; null while unclaimed (e.g. an invitation not yet accepted). */
  user: GhUser | null;
}

/** A SAML-authorized credential: one row of `GET /orgs/{org}/credential-authorizations`, in GitHub's field names. */
export interface GhCredentialAuthorization {
  login: string;
  credential_id: number;
  credential_type: string;
  token_last_eight?: string;
  credential_authorized_at: string;
  credential_accessed_at: string | null;
  authorized_credential_id: number | null;
  scopes?: string[];
  fingerprint?: string;
  authorized_credential_title?: string | null;
  authorized_credential_note?: string | null;
  authorized_credential_expires_at?: string | null;
}

export interface GhSamlProvider {
  nodeId: string;
  ssoUrl: string;
  issuer: string;
  identities: GhExternalIdentity[];
}

/**
 * Where an organization's SAML SSO is configured (GITHUB-API.md §2): nowhere, on the organization (configured; whether
 * it is enforced is not visible through the API), or on its enterprise (enforced for every org of the enterprise).
 */
export type SamlSetup = 'none' | 'org' | 'enterprise';

/** App permissions as GitHub names them (`members`, `organization_administration`, …) → `read` | `write`. */
export type Permissions = Record<string, 'read' | 'write'>;

export interface GhInstallation {
  id: number;
  permissions: Permissions;
  createdAt: string;
}

export interface GhOrg {
  id: number;
  login: string;
  nodeId: string;
  name: string;
  createdAt: string;
  twoFactorRequired: boolean;
  saml: SamlSetup;
  /**
   * Whether an org-level SAML configuration is enforced. The API shows it only to enterprise owners, through the
   * enterprise's `samlIdentityProviderSettingOrganizations` (GITHUB-API.md §2.2); enterprise SAML is always enforced.
   */
  samlEnforced: boolean;
  /** The org-level identity provider; null unless `saml` is `org`. */
  samlProvider: GhSamlProvider | null;
  enterpriseSlug: string | null;
  members: GhMembership[];
  membersByLogin: Map<string, GhMembership>;
  outsideCollaborators: GhUser[];
  credentialAuthorizations: GhCredentialAuthorization[];
  /** Null when the App is not installed on the organization. */
  installation: GhInstallation | null;
}

export interface GhEnterprise {
  id: number;
  slug: string;
  name: string;
  nodeId: string;
  /** Enterprise-level SAML, enforced for every org of the enterprise (D-SENF); null when the enterprise has none. */
  samlProvider: GhSamlProvider | null;
  orgLogins: string[];
  ownerLogins: Set<string>;
}

export interface GhApp {
  id: number;
  clientId: string;
  slug: string;
  /** SPKI PEM of the key pair whose private half the tests and the demo sign JWTs with. */
  publicKeyPem: string;
}

/** What a credential may do. Installation tokens and fine-grained PATs carry permissions; classic PATs carry scopes. */
export type TokenGrant =
  | { kind: 'classic'; user: GhUser; scopes: string[]; ssoAuthorized: boolean }
  | { kind: 'fine-grained'; user: GhUser; permissions: Permissions; resourceOwner: string }
  | { kind: 'installation'; installationId: number; orgLogin: string; permissions: Permissions; expiresAt: number };

export interface GhWorld {
  users: Map<string, GhUser>;
  orgs: Map<string, GhOrg>;
  enterprises: Map<string, GhEnterprise>;
  app: GhApp;
  /** Accepted tokens → what they grant; installation tokens are added as they are minted. */
  tokens: Map<string, TokenGrant>;
}

/** The org's role of a user, or null when they are not a member. */
export function roleIn(org: GhOrg, login: string): OrgRole | null {
  return org.membersByLogin.get(login)?.role ?? null;
}
