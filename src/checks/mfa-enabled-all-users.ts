import { CHECK_CONTROLS } from '../frameworks/mapping.js';
import type { UserRecord } from '../store/types.js';
import { defineCheck, type CheckEntityResult } from './check.js';
import { datasetErrorResult, entityGap } from './data-coverage.js';
import { strongestFactor } from './factor-strength.js';
import type { SnapshotView } from './snapshot-view.js';
import { canSignIn, userResult } from './users.js';

/** Only an ACTIVE factor is enrolled MFA; PENDING_ACTIVATION means enrollment started but did not finish (§6.1). */
const ENROLLED = 'ACTIVE';

/**
 * Every user who can sign in has at least one active MFA factor. Okta lists only the factors of the enrollment
 * policy that applies to the user (OKTA-API.md §6.1), so a fail is worth confirming in the Admin Console before
 * acting; a pass is never wrong about the factor it names.
 */
export const mfaEnabledAllUsers = defineCheck({
  id: 'mfa-enabled-all-users',
  title: 'MFA Enabled for All Users',
  severity: 'critical',
  appliesTo: 'each user',
  controls: CHECK_CONTROLS['mfa-enabled-all-users'],
  evaluate(view) {
    const results = view.users.map((user) => judgeUser(view, user));
    const missingUsers = datasetErrorResult(view, 'users', 'Users missing from the snapshot have not been tested for MFA.');
    return missingUsers === undefined ? results : [missingUsers, ...results];
  },
});

const NONE: readonly never[] = Object.freeze([]);

function judgeUser(view: SnapshotView, user: UserRecord): CheckEntityResult {
  if (!canSignIn(user)) return userResult(user, 'not_applicable', `The user is ${user.status} and cannot sign in; MFA is not required.`, { status: user.status });
  const gap = entityGap(view, 'factors', user.id, 'user');
  if (gap !== undefined) return userResult(user, 'error', gap, { status: user.status });

  // One pass over the user's factors: this runs for every user of the org.
  let active: string[] | undefined;
  let others: { factorType: string; status: string }[] | undefined;
  for (const factor of view.factorsByUser.get(user.id) ?? NONE) {
    if (factor.status === ENROLLED) (active ??= []).push(factor.factorType);
    else (others ??= []).push({ factorType: factor.factorType, status: factor.status });
  }
  const strongest = active === undefined ? undefined : strongestFactor(active);
  const fields = {
    status: user.status,
    activeFactors: active ?? NONE,
    otherFactors: others ?? NONE,
    strongestFactor: strongest?.factorType ?? null,
    strongestFactorStrength: strongest?.strength ?? null,
  };
  if (active !== undefined && strongest !== undefined) return userResult(user, 'pass', passReason(active.length, strongest), fields);
  return userResult(user, 'fail', failReason(others ?? NONE), fields);
}

function passReason(activeCount: number, strongest: { factorType: string; strength: string }): string {
  const enrolled = `${activeCount} active MFA factor${activeCount === 1 ? '' : 's'}; strongest: ${strongest.factorType} (${strongest.strength})`;
  if (strongest.strength === 'weak') {
    return `${enrolled}. Only weak factors (SMS, voice, email, security question): enroll Okta Verify or a security key.`;
  }
  return `${enrolled}.`;
}

function failReason(inactive: readonly { factorType: string; status: string }[]): string {
  if (inactive.length === 0) {
    return 'No MFA factor enrolled: have the user enroll an authenticator (Okta Verify or a security key), or require enrollment in the authenticator enrollment policy.';
  }
  const listed = inactive.map((factor) => `${factor.factorType} is ${factor.status}`).join(', ');
  return `No active MFA factor (${listed}): the user must finish enrolling, or an admin must reset and re-enroll the factor.`;
}
