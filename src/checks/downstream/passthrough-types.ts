import type { AccountKind, DownstreamService, OwnMfaState, SsoBypassCredential } from '../../store/downstream-types.js';
import type { CheckStatus } from '../../store/types.js';
import type { PasswordProfileId } from '../password-profiles.js';

/**
 * What the downstream MFA test decides per account and the chain of reasons it stores. The links, in the order a
 * sign-in crosses them (docs/verdicts.md "Downstream MFA and passthrough"):
 * - `okta-app`: the service is mapped to an active Okta app in the Okta snapshot;
 * - `sso-enforced`: the service makes every member sign in through that app (from its API, or attested by a named admin);
 * - `saml-identity`: the account is linked to a SAML NameID;
 * - `okta-user`: the NameID names one Okta user who can sign in;
 * - `app-assignment`: that user is assigned to the app (directly or through a group);
 * - `sign-in-policy`: every rule that can decide the user's sign-in to the app requires two factors;
 * - `mfa-factor`: the user has an active factor that counts as MFA under the baseline profile.
 */
export const PASSTHROUGH_LINKS = ['okta-app', 'sso-enforced', 'saml-identity', 'okta-user', 'app-assignment', 'sign-in-policy', 'mfa-factor'] as const;
export type PassthroughLinkId = (typeof PASSTHROUGH_LINKS)[number];

/** `unknown`: the data to judge the link is missing or unreadable; it can never make a pass. */
export type LinkState = 'proven' | 'broken' | 'unknown';

export interface ChainLink {
  link: PassthroughLinkId;
  state: LinkState;
  /** One sentence a person can check against the source. */
  detail: string;
  /** Where the link comes from: ids, names, policy and rule, factor, attestation. */
  source: Record<string, unknown>;
  /** What broke, for a broken link. */
  failure?: FailureReason;
}

/** Stable codes of what broke, for filtering and for the evidence. */
export const FAILURE_REASONS = [
  'app-not-mapped',
  'sso-not-enforced',
  'sso-unverified',
  'no-saml-identity',
  'no-okta-user',
  'ambiguous-okta-user',
  'okta-user-cannot-sign-in',
  'not-assigned',
  'one-factor-rule',
  'sign-in-denied',
  'no-factor',
  'outside-collaborator-without-mfa',
  'own-mfa-does-not-count',
] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];

/** How a passing account is covered: its own MFA on the service, its own SMS-only MFA, or Okta through SSO. */
export type CoverageBasis = 'own-mfa' | 'own-mfa-weak' | 'passthrough';

/** A recent SSO sign-in of the user to the app in the System Log, and whether an MFA challenge was seen with it. */
export interface SsoSignIn {
  eventId: string;
  at: string;
  outcome: string | null;
  /** The MFA event correlated with the sign-in, or null when none was seen. */
  mfa: { eventId: string; eventType: string; at: string; correlation: 'session' | 'transaction' | 'preceding' } | null;
}

export interface DownstreamAccountResult {
  accountId: string;
  login: string;
  kind: AccountKind;
  ownMfa: OwnMfaState;
  status: CheckStatus;
  basis: CoverageBasis | null;
  /** The broken links, first in chain order first; empty for a pass. */
  failures: FailureReason[];
  reason: string;
  /** Every link evaluated, in chain order (outside collaborators have none: SAML does not apply to them). */
  chain: ChainLink[];
  /** The Okta user the account maps to, when it does. */
  oktaUser: { id: string; login: string } | null;
  signIns: SsoSignIn[];
  /** Credentials of this login that reach the service without a fresh Okta sign-in. */
  bypassCredentials: SsoBypassCredential[];
  warnings: string[];
}

export type NameIdFormat = 'login' | 'email';

export interface DownstreamMfaEvaluation {
  service: DownstreamService;
  readAt: string;
  evaluatedAt: string;
  oktaSnapshotId: string;
  profile: PasswordProfileId;
  nameIdFormat: { format: NameIdFormat; source: string };
  /** The links every account shares (okta-app, sso-enforced). */
  serviceChain: ChainLink[];
  /** Members and imported accounts: the people who sign in through SSO. */
  accounts: DownstreamAccountResult[];
  /** Reported apart: SAML SSO does not apply to them (GITHUB-API.md §1.2). */
  outsideCollaborators: DownstreamAccountResult[];
  /** Every SSO-bypass credential, reported apart from the verdicts (GITHUB-API.md §3). */
  bypassCredentials: SsoBypassCredential[];
  counts: Record<CheckStatus, number> & { passByPassthrough: number; passByOwnMfa: number };
  /** Why the evaluation cannot be whole (incomplete reads); empty when it is. */
  gaps: string[];
}
