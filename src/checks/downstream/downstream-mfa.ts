import type { DownstreamAccount, DownstreamSnapshot, OwnMfaState, SsoBypassCredential } from '../../store/downstream-types.js';
import type { AppRecord, LogEventRecord, UserRecord } from '../../store/types.js';
import { datasetGap } from '../data-coverage.js';
import { countStatuses } from '../engine.js';
import { countsAsMfa, factorRule } from '../mfa-factor-rules.js';
import type { PasswordProfileId } from '../password-profiles.js';
import type { SnapshotView, ViewAssignment } from '../snapshot-view.js';
import { appAssignmentLink, mfaFactorLink, oktaAppLink, oktaUserLink, samlIdentityLink, ssoEnforcedLink } from './chain-links.js';
import { indexOktaIdentities } from './okta-identity.js';
import type { ChainLink, DownstreamAccountResult, DownstreamMfaEvaluation, FailureReason, NameIdFormat, SsoSignIn } from './passthrough-types.js';
import { signInPolicyLink, signInRulesFor, type SignInRules } from './sign-in-rules.js';
import { ssoSignInsByUser } from './sso-sign-ins.js';

export interface DownstreamMfaInput {
  snapshot: DownstreamSnapshot;
  /** The current snapshot of the Okta org the service signs in through (`snapshot.service.oktaOrg`). */
  view: SnapshotView;
  profile: PasswordProfileId;
  /** How the app's NameID names the Okta user; default: by login, Okta's default application username format. */
  nameIdFormat?: { format: NameIdFormat; source: string };
  /** System Log events of the Okta org (SSO and MFA events) to show recent sign-ins with the chain. */
  signInEvents?: readonly LogEventRecord[];
  now: Date;
}

const DEFAULT_NAME_ID_FORMAT = {
  format: 'login' as const,
  source: "Okta's default application username format, Okta username (${source.login}); attest another with `okta-evidence services attest --fact name-id-format`",
};

/**
 * The downstream MFA test, per account: covered by the service's own MFA, or by Okta through a proven passthrough
 * chain, or not — with the broken link named. A pure function of the two snapshots (docs/verdicts.md "Downstream MFA
 * and passthrough"). Linear in accounts and users: the sign-in rules are evaluated once for every mapped user.
 */
export function evaluateDownstreamMfa(input: DownstreamMfaInput): DownstreamMfaEvaluation {
  const { snapshot, view, profile } = input;
  const nameIdFormat = input.nameIdFormat ?? DEFAULT_NAME_ID_FORMAT;
  const { link: appLink, app } = oktaAppLink(snapshot, view);
  const serviceChain = [appLink, ssoEnforcedLink(snapshot)];
  const identities = indexOktaIdentities(view, nameIdFormat.format);
  const assignments = new Map<string, ViewAssignment>((app === null ? [] : (view.assignmentsByApp.get(app.id) ?? [])).map((assignment) => [assignment.userId, assignment]));

  // First pass: who each account is in Okta; then the sign-in rules once for every assigned user.
  const sso = snapshot.accounts.filter((account) => account.kind !== 'outside_collaborator');
  const userLinks = sso.map((account) => (account.samlNameId === null ? undefined : oktaUserLink(identities.match(account.samlNameId), nameIdFormat.format)));
  const assignedUsers = new Map<string, UserRecord>();
  for (const entry of userLinks) if (entry?.user != null && entry.link.state === 'proven' && assignments.has(entry.user.id)) assignedUsers.set(entry.user.id, entry.user);
  const rules: SignInRules = app === null ? { error: 'No Okta app to read sign-in rules from.' } : signInRulesFor(view, app, [...assignedUsers.values()]);
  const signIns = app === null ? new Map<string, SsoSignIn[]>() : ssoSignInsByUser(input.signInEvents ?? [], app.id);
  const credentials = credentialsByLogin(snapshot.credentials);

  const context: AccountContext = { snapshot, view, profile, app, serviceChain, assignments, rules, signIns, credentials };
  const accounts = sso.map((account, index) => judgeAccount(context, account, userLinks[index]));
  const outsideCollaborators = snapshot.accounts.filter((account) => account.kind === 'outside_collaborator').map((account) => judgeOutsideCollaborator(context, account));
  const all = [...accounts, ...outsideCollaborators];
  return {
    service: snapshot.service,
    readAt: snapshot.readAt,
    evaluatedAt: input.now.toISOString(),
    oktaSnapshotId: view.snapshotId,
    profile,
    nameIdFormat,
    serviceChain,
    accounts,
    outsideCollaborators,
    bypassCredentials: snapshot.credentials,
    counts: {
      ...countStatuses(all),
      passByPassthrough: all.filter((result) => result.basis === 'passthrough').length,
      passByOwnMfa: all.filter((result) => result.basis === 'own-mfa' || result.basis === 'own-mfa-weak').length,
    },
    gaps: evaluationGaps(snapshot, view),
  };
}

interface AccountContext {
  snapshot: DownstreamSnapshot;
  view: SnapshotView;
  profile: PasswordProfileId;
  app: AppRecord | null;
  serviceChain: ChainLink[];
  assignments: ReadonlyMap<string, ViewAssignment>;
  rules: SignInRules;
  signIns: ReadonlyMap<string, SsoSignIn[]>;
  credentials: ReadonlyMap<string, SsoBypassCredential[]>;
}

function judgeAccount(context: AccountContext, account: DownstreamAccount, userLink: ReturnType<typeof oktaUserLink> | undefined): DownstreamAccountResult {
  const { view, app } = context;
  const chain = [...context.serviceChain, samlIdentityLink(context.snapshot, account)];
  const warnings: string[] = [];
  let oktaUser: UserRecord | null = null;
  if (userLink !== undefined) {
    chain.push(userLink.link);
    oktaUser = userLink.user;
    if (userLink.link.state === 'proven' && oktaUser !== null) {
      if (app !== null) chain.push(appAssignmentLink(view, app, context.assignments.get(oktaUser.id)));
      if (context.assignments.has(oktaUser.id)) chain.push(signInPolicyLink(context.rules, oktaUser.id));
      const factor = mfaFactorLink(view, oktaUser, context.profile);
      chain.push(factor.link);
      if (factor.warning !== undefined) warnings.push(factor.warning);
    }
  }
  const bypass = context.credentials.get(account.login.toLowerCase()) ?? [];
  const base = {
    accountId: account.accountId,
    login: account.login,
    kind: account.kind,
    ownMfa: account.ownMfa,
    chain,
    oktaUser: oktaUser === null ? null : { id: oktaUser.id, login: oktaUser.login },
    signIns: oktaUser === null ? [] : (context.signIns.get(oktaUser.id) ?? []),
    bypassCredentials: bypass,
  };
  const own = ownMfa(context, account.ownMfa);
  if (own.covered === 'yes') return { ...base, status: 'pass', basis: 'own-mfa', failures: [], reason: `Covered by the service's own MFA (${own.detail}).`, warnings };

  const broken = chain.filter((link) => link.state === 'broken');
  const unknown = chain.filter((link) => link.state === 'unknown');
  if (broken.length === 0 && unknown.length === 0 && chain.length === 7) {
    if (bypass.length > 0) warnings.push(bypassWarning(bypass));
    return { ...base, status: 'pass', basis: 'passthrough', failures: [], reason: `Covered by Okta through SSO: ${chain.slice(3).map((link) => link.detail).join(' ')}`, warnings };
  }
  const failures = broken.map((link) => link.failure).filter((failure): failure is FailureReason => failure !== undefined);
  const why = broken.length > 0 ? broken.map((link) => link.detail).join(' ') : unknown.map((link) => link.detail).join(' ');
  if (own.covered === 'weak') {
    warnings.push(`Passthrough is not proven (${why.trim()}); the pass rests on the service's own SMS-only MFA.`);
    return { ...base, status: 'pass', basis: 'own-mfa-weak', failures: [], reason: `Covered by the service's own MFA, SMS only (${own.detail}).`, warnings };
  }
  if (own.covered === 'does-not-count') failures.push('own-mfa-does-not-count');
  const ownNote = ` The service's own MFA: ${own.detail}.`;
  // Evidence is never quietly incomplete: a chain that may be whole but could not be read is an error, not a fail;
  // own MFA that was not read in full cannot back a fail either.
  if (broken.length === 0 || own.covered === 'unread') {
    return { ...base, status: 'error', basis: null, failures, reason: `Cannot tell whether MFA covers the account: ${why}${ownNote}`, warnings };
  }
  return { ...base, status: 'fail', basis: null, failures, reason: `Not covered by MFA: ${why}${ownNote}`, warnings };
}

/** Outside collaborators never sign in through SAML (GITHUB-API.md §1.2): only their own MFA can cover them. */
function judgeOutsideCollaborator(context: AccountContext, account: DownstreamAccount): DownstreamAccountResult {
  const own = ownMfa(context, account.ownMfa);
  const bypass = context.credentials.get(account.login.toLowerCase()) ?? [];
  const base = { accountId: account.accountId, login: account.login, kind: account.kind, ownMfa: account.ownMfa, chain: [], oktaUser: null, signIns: [], bypassCredentials: bypass };
  const apart = 'An outside collaborator: SAML SSO does not apply, so Okta cannot cover the account';
  switch (own.covered) {
    case 'yes':
      return { ...base, status: 'pass', basis: 'own-mfa', failures: [], reason: `Covered by the service's own MFA (${own.detail}). ${apart}.`, warnings: [] };
    case 'weak':
      return { ...base, status: 'pass', basis: 'own-mfa-weak', failures: [], reason: `Covered by the service's own MFA, SMS only (${own.detail}). ${apart}.`, warnings: [own.detail] };
    case 'unread':
      return { ...base, status: 'error', basis: null, failures: [], reason: `${apart}, and its own MFA is unknown: ${own.detail}.`, warnings: [] };
    default:
      return { ...base, status: 'fail', basis: null, failures: ['outside-collaborator-without-mfa'], reason: `${apart}, and the service's own MFA does not cover it: ${own.detail}. Require 2FA on the service or remove the collaborator.`, warnings: [] };
  }
}

type OwnCoverage = { covered: 'yes' | 'weak' | 'no' | 'does-not-count' | 'unread' | 'unknown'; detail: string };

/**
 * The service's own MFA. `insecure` (GitHub: SMS only, GITHUB-API.md §1.1) is judged as an Okta SMS factor under the
 * same baseline profile (mfa-factor-rules.ts, BASELINES.md): it counts under every profile today, with a warning where
 * the profile restricts SMS — and it only decides when passthrough is not proven. A state read from an incomplete list
 * (GitHub: members absent from a partly read `2fa_disabled` list look `enabled`) is not trusted.
 */
function ownMfa(context: AccountContext, state: OwnMfaState): OwnCoverage {
  const complete = context.snapshot.completeness.ownMfa;
  if (!complete && state !== 'disabled') return { covered: 'unread', detail: `the service's MFA status was not read in full${notes(context.snapshot)}` };
  switch (state) {
    case 'enabled':
      return { covered: 'yes', detail: 'enabled on the service' };
    case 'insecure': {
      const rule = factorRule(context.profile, 'sms');
      if (!countsAsMfa(rule)) return { covered: 'does-not-count', detail: `SMS only, which does not count under ${context.profile}` };
      const warning = rule.counting === 'counts' ? '' : `: ${rule.why ?? ''}`;
      return { covered: 'weak', detail: `SMS only, counted under ${context.profile}${warning}` };
    }
    case 'disabled':
      return { covered: 'no', detail: 'disabled on the service' };
    case 'unknown':
      return { covered: 'unknown', detail: 'not known (the service does not report it)' };
  }
}

function credentialsByLogin(credentials: readonly SsoBypassCredential[]): Map<string, SsoBypassCredential[]> {
  const byLogin = new Map<string, SsoBypassCredential[]>();
  for (const credential of credentials) {
    const key = credential.login.toLowerCase();
    const list = byLogin.get(key);
    if (list === undefined) byLogin.set(key, [credential]);
    else list.push(credential);
  }
  return byLogin;
}

function bypassWarning(credentials: readonly SsoBypassCredential[]): string {
  const kinds = [...new Set(credentials.map((credential) => credential.credentialType))].join(', ');
  return `${credentials.length} SSO-authorized credential${credentials.length === 1 ? '' : 's'} (${kinds}) reach the service without a fresh Okta sign-in, so without Okta's MFA (GITHUB-API.md §2.1, §3).`;
}

/** Why the evaluation is not whole: the downstream read's parts and the Okta datasets the chain reads. */
function evaluationGaps(snapshot: DownstreamSnapshot, view: SnapshotView): string[] {
  const parts = (['accounts', 'ownMfa', 'samlIdentities', 'credentials'] as const).filter((part) => !snapshot.completeness[part]);
  const gaps = parts.map((part) => `the service's ${part} were not read in full`);
  gaps.push(...snapshot.completeness.notes);
  for (const dataset of ['users', 'factors', 'groupMemberships', 'apps', 'appAssignments', 'policies'] as const) {
    const gap = datasetGap(view, dataset);
    if (gap !== undefined) gaps.push(`Okta: ${gap}`);
  }
  return gaps;
}

function notes(snapshot: DownstreamSnapshot): string {
  return snapshot.completeness.notes.length === 0 ? '' : ` (${snapshot.completeness.notes.join('; ')})`;
}
