/*
 * Downstream services reached through Okta SSO (GitHub first; others imported from CSV/JSON): what a connector or an
 * import reads of a service, as stored and as the cross-IdP MFA passthrough rule reads it. The contract between the
 * GitHub connector (which fills it) and the passthrough check and its evidence (which read it).
 */

export const DOWNSTREAM_KINDS = ['github', 'imported'] as const;
export type DownstreamKind = (typeof DOWNSTREAM_KINDS)[number];

/** A service and the Okta app through which its accounts sign in. */
export interface DownstreamService {
  id: string;
  kind: DownstreamKind;
  /** Shown to people: "GitHub organization acme-example", "Datadog". */
  name: string;
  /** The Okta org (a connection's domain, the `org` key of its snapshots) whose users sign in to this service. */
  oktaOrg: string;
  /** The Okta app (id in that org's snapshot) people sign in through; null until mapped — no passthrough without it. */
  oktaAppId: string | null;
}

/** An organization member signs in through SSO; an outside collaborator never does (GitHub: SAML does not apply). */
export const ACCOUNT_KINDS = ['member', 'outside_collaborator', 'account'] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

/** The service's own MFA for the account: `insecure` = SMS only (GitHub `2fa_insecure`); `unknown` = not readable. */
export const OWN_MFA_STATES = ['enabled', 'insecure', 'disabled', 'unknown'] as const;
export type OwnMfaState = (typeof OWN_MFA_STATES)[number];

export interface DownstreamAccount {
  /** The service's stable id for the account (GitHub user id), or the imported row's id. */
  accountId: string;
  login: string;
  email: string | null;
  kind: AccountKind;
  ownMfa: OwnMfaState;
  /** The SAML NameID linked to this account (GitHub `externalIdentities.samlIdentity.nameId`); null when none. */
  samlNameId: string | null;
}

/** A credential that reaches the service without a fresh IdP sign-in (GitHub SAML-authorized PATs and SSH keys). */
export interface SsoBypassCredential {
  login: string;
  credentialId: string;
  /** GitHub's free text ("personal access token", "SSH key", …), kept as given. */
  credentialType: string;
  authorizedAt: string;
  lastAccessedAt: string | null;
  expiresAt: string | null;
}

/**
 * A fact about the service that decides passthrough, with where it comes from. GitHub's API cannot show some of them
 * (whether a standalone organization *enforces* SAML SSO): those are attested by a named admin, or stay unverified —
 * and an unverified fact never makes a pass.
 */
export type DownstreamFact<T> =
  | { source: 'api'; value: T; detail: string }
  | { source: 'attested'; value: T; by: string; at: string; statement: string }
  | { source: 'unverified'; value: null; why: string };

/** Which parts of a read were complete; a part not fully read makes the verdicts that need it say so. */
export interface DownstreamCompleteness {
  accounts: boolean;
  ownMfa: boolean;
  samlIdentities: boolean;
  credentials: boolean;
  /** Why a part is incomplete or not permitted (the scope or permission to add), one line each. */
  notes: string[];
}

/** One read of a service: the unit the connector stores and the passthrough rule evaluates. */
export interface DownstreamSnapshot {
  service: DownstreamService;
  readAt: string;
  accounts: DownstreamAccount[];
  credentials: SsoBypassCredential[];
  /** GitHub `two_factor_requirement_enabled`; null when not readable (never read null as false). */
  requiresOwnMfa: boolean | null;
  /** A SAML identity provider is configured (org or enterprise level); null when not readable. */
  samlConfigured: boolean | null;
  /** SAML SSO is enforced, so every member's access passes through the IdP. */
  ssoEnforced: DownstreamFact<boolean>;
  completeness: DownstreamCompleteness;
}
