import type { DownstreamAccount, DownstreamSnapshot } from '../../store/downstream-types.js';
import type { AppRecord, UserRecord } from '../../store/types.js';
import { datasetGap, entityGap } from '../data-coverage.js';
import { strongestFactor } from '../factor-strength.js';
import { countsAsMfa, factorRule } from '../mfa-factor-rules.js';
import type { PasswordProfileId } from '../password-profiles.js';
import type { SnapshotView, ViewAssignment } from '../snapshot-view.js';
import { canSignIn } from '../users.js';
import type { IdentityMatch } from './okta-identity.js';
import type { ChainLink } from './passthrough-types.js';

/*
 * One function per link of the passthrough chain (passthrough-types.ts), each a pure reading of the downstream
 * snapshot or the Okta snapshot view with the source it rests on.
 */

/** okta-app: the service is mapped to an app of the Okta org, and the app is active. */
export function oktaAppLink(snapshot: DownstreamSnapshot, view: SnapshotView): { link: ChainLink; app: AppRecord | null } {
  const { oktaAppId, oktaOrg } = snapshot.service;
  if (oktaAppId === null) {
    return { link: { link: 'okta-app', state: 'broken', failure: 'app-not-mapped', detail: 'The service is not mapped to an Okta app: nobody can be shown to sign in through Okta.', source: { oktaOrg } }, app: null };
  }
  if (view.org !== oktaOrg) {
    return { link: { link: 'okta-app', state: 'unknown', detail: `The Okta snapshot is of ${view.org}, but the service signs in through ${oktaOrg}.`, source: { oktaOrg, oktaAppId } }, app: null };
  }
  const app = view.apps.find((candidate) => candidate.id === oktaAppId);
  const source = { oktaOrg, oktaAppId, snapshotId: view.snapshotId };
  if (app === undefined) {
    const gap = datasetGap(view, 'apps');
    if (gap !== undefined) return { link: { link: 'okta-app', state: 'unknown', detail: `The Okta app ${oktaAppId} is not in the snapshot, but ${gap}.`, source }, app: null };
    return { link: { link: 'okta-app', state: 'broken', failure: 'app-not-mapped', detail: `The Okta app ${oktaAppId} is not in ${oktaOrg}: map the service to an existing app.`, source }, app: null };
  }
  const withApp = { ...source, appLabel: app.label, signOnMode: app.signOnMode, accessPolicyId: app.accessPolicyId };
  if (app.status !== 'ACTIVE') {
    return { link: { link: 'okta-app', state: 'broken', failure: 'app-not-mapped', detail: `The Okta app ${app.label} is ${app.status}: nobody signs in through it.`, source: withApp }, app };
  }
  return { link: { link: 'okta-app', state: 'proven', detail: `The service signs in through the active Okta app ${app.label} (${app.id}, ${app.signOnMode ?? 'sign-on mode unknown'}).`, source: withApp }, app };
}

/**
 * sso-enforced: from the service's API, or attested by a named admin; an unverified fact never proves the link
 * (GITHUB-API.md §2.2: GitHub shows no per-org "enforced" field for a standalone organization).
 */
export function ssoEnforcedLink(snapshot: DownstreamSnapshot): ChainLink {
  const fact = snapshot.ssoEnforced;
  const configured = snapshot.samlConfigured === false ? ' No SAML identity provider is configured on the service, so passthrough cannot apply.' : '';
  if (fact.source === 'unverified') {
    return { link: 'sso-enforced', state: 'broken', failure: 'sso-unverified', detail: `Whether the service enforces SSO is unverified (${fact.why}); an admin can attest it with \`okta-evidence services attest\`.${configured}`, source: { source: 'unverified', why: fact.why, samlConfigured: snapshot.samlConfigured } };
  }
  const source = fact.source === 'api' ? { source: 'api', detail: fact.detail } : { source: 'attested', by: fact.by, at: fact.at, statement: fact.statement };
  const how = fact.source === 'api' ? `the service's API (${fact.detail})` : `an attestation by ${fact.by} on ${fact.at} ("${fact.statement}")`;
  if (!fact.value) return { link: 'sso-enforced', state: 'broken', failure: 'sso-not-enforced', detail: `SSO is not enforced, per ${how}: members can reach the service without signing in through Okta.${configured}`, source };
  return { link: 'sso-enforced', state: 'proven', detail: `SSO is enforced, per ${how}.`, source };
}

/** saml-identity: the account carries a SAML NameID. */
export function samlIdentityLink(snapshot: DownstreamSnapshot, account: DownstreamAccount): ChainLink {
  if (account.samlNameId !== null) return { link: 'saml-identity', state: 'proven', detail: `The account is linked to the SAML NameID ${account.samlNameId}.`, source: { nameId: account.samlNameId } };
  if (!snapshot.completeness.samlIdentities) {
    return { link: 'saml-identity', state: 'unknown', detail: `The SAML identities were not read in full, so the account's link is unknown${notes(snapshot)}.`, source: {} };
  }
  return { link: 'saml-identity', state: 'broken', failure: 'no-saml-identity', detail: 'The account has no linked SAML identity: it has not signed in through Okta.', source: {} };
}

/** okta-user: the NameID names one Okta user who can sign in. */
export function oktaUserLink(match: IdentityMatch, format: string): { link: ChainLink; user: UserRecord | null } {
  switch (match.kind) {
    case 'unknown':
      return { link: { link: 'okta-user', state: 'unknown', detail: `${match.detail}.`, source: { matchedBy: format } }, user: null };
    case 'none':
      return { link: { link: 'okta-user', state: 'broken', failure: 'no-okta-user', detail: `${match.detail}: the NameID does not map to an Okta user.`, source: { matchedBy: format } }, user: null };
    case 'ambiguous': {
      const users = match.users.map((user) => ({ id: user.id, login: user.login }));
      return { link: { link: 'okta-user', state: 'broken', failure: 'ambiguous-okta-user', detail: `The NameID matches ${users.length} Okta users by ${format} (${users.map((user) => user.login).join(', ')}): it names no single person.`, source: { matchedBy: format, users } }, user: null };
    }
    case 'user': {
      const { user } = match;
      const source = { matchedBy: format, userId: user.id, login: user.login, status: user.status, providerType: user.providerType };
      if (!canSignIn(user)) {
        return { link: { link: 'okta-user', state: 'broken', failure: 'okta-user-cannot-sign-in', detail: `The NameID maps to ${user.login}, who is ${user.status} in Okta and cannot sign in: the account outlived its Okta user.`, source }, user };
      }
      return { link: { link: 'okta-user', state: 'proven', detail: `The NameID maps by ${format} to the Okta user ${user.login} (${user.id}, ${user.status}).`, source }, user };
    }
  }
}

/** app-assignment: the user is assigned to the app, directly or through a group. */
export function appAssignmentLink(view: SnapshotView, app: AppRecord, assignment: ViewAssignment | undefined): ChainLink {
  if (assignment !== undefined) {
    const groups = assignment.viaGroupIds.map((id) => ({ id, name: view.groupsById.get(id)?.name ?? null }));
    const how = assignment.scope === 'GROUP' && groups.length > 0 ? `through ${groups.map((group) => `group ${group.name ?? group.id}`).join(', ')}` : 'directly';
    return { link: 'app-assignment', state: 'proven', detail: `The user is assigned to ${app.label} ${how}.`, source: { appId: app.id, scope: assignment.scope, status: assignment.status, groups } };
  }
  const gap = entityGap(view, 'appAssignments', app.id, 'app');
  if (gap !== undefined) return { link: 'app-assignment', state: 'unknown', detail: `The user's assignment to ${app.label} is unknown: ${gap}`, source: { appId: app.id } };
  return { link: 'app-assignment', state: 'broken', failure: 'not-assigned', detail: `The user is not assigned to ${app.label} in Okta, directly or through a group.`, source: { appId: app.id } };
}

/** mfa-factor: the user has an active factor that counts as MFA under the profile (mfa-factor-rules.ts). */
export function mfaFactorLink(view: SnapshotView, user: UserRecord, profile: PasswordProfileId): { link: ChainLink; warning?: string } {
  const active = (view.factorsByUser.get(user.id) ?? []).filter((factor) => factor.status === 'ACTIVE');
  const counting = active.filter((factor) => countsAsMfa(factorRule(profile, factor.factorType)));
  const strongest = strongestFactor(counting.map((factor) => factor.factorType));
  if (strongest !== undefined) {
    const factor = counting.find((candidate) => candidate.factorType === strongest.factorType);
    const rule = factorRule(profile, strongest.factorType);
    const source = { factorId: factor?.id ?? null, factorType: strongest.factorType, strength: strongest.strength, counting: rule.counting, profile };
    const warning = rule.counting === 'counts' ? undefined : `The strongest factor, ${strongest.factorType}, counts with a warning under ${profile}: ${rule.why ?? ''}`;
    return { link: { link: 'mfa-factor', state: 'proven', detail: `The user has the active factor ${strongest.factorType} (${strongest.strength}), which counts as MFA under ${profile}.`, source }, ...(warning === undefined ? {} : { warning }) };
  }
  const gap = entityGap(view, 'factors', user.id, 'user');
  if (gap !== undefined) return { link: { link: 'mfa-factor', state: 'unknown', detail: `The user's factors are unknown: ${gap}`, source: { profile } } };
  const federated = user.providerType === 'FEDERATION' || user.providerType === 'SOCIAL' ? ` The user signs in at another identity provider (${user.providerName ?? user.providerType}), whose MFA Okta does not show.` : '';
  const seen = active.length === 0 ? 'no active factor' : `only factors that do not count under ${profile} (${active.map((factor) => factor.factorType).join(', ')})`;
  return { link: { link: 'mfa-factor', state: 'broken', failure: 'no-factor', detail: `The user has ${seen}: Okta cannot ask for a second factor.${federated}`, source: { profile, activeFactors: active.map((factor) => factor.factorType) } } };
}

function notes(snapshot: DownstreamSnapshot): string {
  return snapshot.completeness.notes.length === 0 ? '' : ` (${snapshot.completeness.notes.join('; ')})`;
}
