import { CHECK_CONTROLS } from '../frameworks/mapping.js';
import type { UserRecord } from '../store/types.js';
import { defineCheck, type CheckEntityResult } from './check.js';
import { datasetErrorResult, entityGap } from './data-coverage.js';
import { strongestFactor, type FactorStrength } from './factor-strength.js';
import { countsAsMfa, factorRule, type FactorRule } from './mfa-factor-rules.js';
import { orgEngine } from './org-kind.js';
import { PASSWORD_PROFILES, type PasswordProfileId } from './password-profiles.js';
import type { SnapshotView } from './snapshot-view.js';
import { canSignIn, userResult } from './users.js';

/** Only an ACTIVE factor is enrolled MFA; PENDING_ACTIVATION means enrollment started but did not finish (§6.1). */
const ENROLLED = 'ACTIVE';

/** Users who authenticate at another identity provider: Okta holds no factors for them by design (OKTA-API.md §5.3). */
const EXTERNAL_PROVIDERS: ReadonlySet<string> = new Set(['FEDERATION', 'SOCIAL']);

/** The seed product's troubleshooting note, which is the reason for users who enrolled nothing. */
export const NOT_ENROLLED_NOTE = 'MFA failing though enforced: users who have not completed enrollment fail';

/**
 * Every user who can sign in has at least one active factor that counts as a second factor under the selected
 * profile (mfa-factor-rules.ts; a security question beside the password does not). Okta lists only the factors of
 * the enrollment policy that applies to the user (OKTA-API.md §6.1), so a fail is worth confirming in the Admin
 * Console before acting; a pass is never wrong about the factor it names. Users who sign in at another identity
 * provider are not judged on Okta factors: their result names the provider that must evidence MFA.
 */
export const mfaEnabledAllUsers = defineCheck({
  id: 'mfa-enabled-all-users',
  title: 'MFA Enabled for All Users',
  severity: 'critical',
  appliesTo: 'each user',
  controls: CHECK_CONTROLS['mfa-enabled-all-users'],
  evaluate(view, { settings }) {
    const context: UserContext = { profile: settings.profile, identityEngine: orgEngine(view) === 'identity-engine' };
    const results = view.users.map((user) => judgeUser(view, user, context));
    const missingUsers = datasetErrorResult(view, 'users', 'Users missing from the snapshot have not been tested for MFA.');
    return missingUsers === undefined ? results : [missingUsers, ...results];
  },
  breakdown(entities) {
    let externalIdp = 0;
    let weakFactorPass = 0;
    let knowledgeOnly = 0;
    for (const entity of entities) {
      if (entity.fields.mfaAtProvider !== undefined && entity.status === 'not_applicable') externalIdp += 1;
      if (entity.fields.weakFactorPass === true) weakFactorPass += 1;
      if (entity.fields.knowledgeOnly === true) knowledgeOnly += 1;
    }
    return { externalIdp, weakFactorPass, knowledgeOnly };
  },
});

interface UserContext {
  profile: PasswordProfileId;
  identityEngine: boolean;
}

interface ActiveFactor {
  factorType: string;
  rule: FactorRule;
}

const NONE: readonly never[] = Object.freeze([]);

function judgeUser(view: SnapshotView, user: UserRecord, context: UserContext): CheckEntityResult {
  const provider = { providerType: user.providerType, providerName: user.providerName };
  if (!canSignIn(user)) {
    return userResult(user, 'not_applicable', `The user is ${user.status} and cannot sign in; MFA is not required.`, { status: user.status, ...provider });
  }
  const gap = entityGap(view, 'factors', user.id, 'user');
  if (gap !== undefined) return userResult(user, 'error', gap, { status: user.status, ...provider });

  // One pass over the user's factors: this runs for every user of the org.
  let active: ActiveFactor[] | undefined;
  let others: { factorType: string; status: string }[] | undefined;
  for (const factor of view.factorsByUser.get(user.id) ?? NONE) {
    if (factor.status === ENROLLED) (active ??= []).push({ factorType: factor.factorType, rule: factorRule(context.profile, factor.factorType) });
    else (others ??= []).push({ factorType: factor.factorType, status: factor.status });
  }
  const activeTypes = active?.map((factor) => factor.factorType) ?? NONE;
  const counting = active?.filter((factor) => countsAsMfa(factor.rule)) ?? NONE;
  const strongest = strongestFactor(activeTypes);
  const strongestCounting = strongestFactor(counting.map((factor) => factor.factorType));
  const knowledgeOnly = active !== undefined && active.every((factor) => factor.rule.kind === 'knowledge');
  const autoEnrolledEmail = context.identityEngine && activeTypes.length > 0 && activeTypes.every((type) => type === 'email');
  const warning = strongestCounting === undefined ? undefined : counting.find((factor) => factor.factorType === strongestCounting.factorType)?.rule;
  const weakFactorPass = strongestCounting !== undefined && (strongestCounting.strength === 'weak' || (warning !== undefined && warning.counting !== 'counts'));
  const fields = {
    status: user.status,
    ...provider,
    profile: context.profile,
    activeFactors: activeTypes,
    otherFactors: others ?? NONE,
    countingFactors: counting.map((factor) => factor.factorType),
    strongestFactor: strongest?.factorType ?? null,
    strongestFactorStrength: strongest?.strength ?? null,
    strongestFactorKind: strongest === undefined ? null : factorRule(context.profile, strongest.factorType).kind,
    knowledgeOnly,
    autoEnrolledEmail,
    weakFactorPass,
  };

  if (strongestCounting !== undefined) {
    return userResult(user, 'pass', passReason(counting.length, strongestCounting, weakFactorPass ? warning : undefined, autoEnrolledEmail), fields);
  }
  if (user.providerType !== null && EXTERNAL_PROVIDERS.has(user.providerType)) {
    // Okta names the provider after its type for federation and social sign-in (`{type: FEDERATION, name: FEDERATION}`).
    const named = user.providerName !== null && user.providerName !== user.providerType;
    const name = named ? `"${user.providerName ?? ''}"` : `the ${user.providerType === 'SOCIAL' ? 'social' : 'federated'} identity provider`;
    const reason =
      `Signs in at ${named ? `the identity provider ${name}` : name} (credentials.provider ${user.providerType}), so Okta holds no second factor for this user by design. ` +
      `MFA must be evidenced at ${name}: its MFA policy, or the authentication context it sends to Okta (System Log user.authentication.auth_via_IDP).`;
    return userResult(user, 'not_applicable', reason, { ...fields, mfaAtProvider: user.providerName ?? user.providerType });
  }
  return userResult(user, 'fail', failReason(context.profile, active ?? NONE, others ?? NONE, knowledgeOnly, autoEnrolledEmail), fields);
}

function passReason(count: number, strongest: { factorType: string; strength: FactorStrength }, warning: FactorRule | undefined, autoEnrolledEmail: boolean): string {
  const enrolled = `${count} active MFA factor${count === 1 ? '' : 's'}; strongest: ${strongest.factorType} (${strongest.strength})`;
  if (autoEnrolledEmail) {
    return `${enrolled}. Only email, which Identity Engine enrolls automatically from the primary address: the user has set up no authenticator of their own; enroll Okta Verify or a security key.`;
  }
  if (warning?.why !== undefined) return `${enrolled}. Only weak factors (${warning.why}): enroll Okta Verify or a security key.`;
  if (strongest.strength === 'weak') return `${enrolled}. Only weak factors (SMS, voice, email): enroll Okta Verify or a security key.`;
  return `${enrolled}.`;
}

function failReason(
  profile: PasswordProfileId,
  active: readonly ActiveFactor[],
  inactive: readonly { factorType: string; status: string }[],
  knowledgeOnly: boolean,
  autoEnrolledEmail: boolean,
): string {
  const enroll = 'enroll Okta Verify or a security key';
  if (knowledgeOnly) {
    const types = [...new Set(active.map((factor) => factor.factorType))].join(', ');
    return `Only knowledge factors (${types}) beside the password: two things the user knows are not multi-factor (PCI SSC FAQ 1426, NIST SP 800-63B §5); ${enroll}.`;
  }
  if (active.length > 0) {
    const listed = active.map((factor) => `${factor.factorType}: ${factor.rule.why ?? 'does not count'}`).join('; ');
    const auto = autoEnrolledEmail ? ' The email factor is the one Identity Engine enrolls automatically from the primary address.' : '';
    return `No factor that counts as MFA under ${PASSWORD_PROFILES[profile].name} (${listed}); ${enroll}.${auto}`;
  }
  if (inactive.length === 0) {
    return `${NOT_ENROLLED_NOTE}: this user has enrolled no factor. Have the user ${enroll}, or require enrollment in the authenticator enrollment policy.`;
  }
  const listed = inactive.map((factor) => `${factor.factorType} is ${factor.status}`).join(', ');
  return `No active MFA factor (${listed}): the user must finish enrolling, or an admin must reset and re-enroll the factor.`;
}
