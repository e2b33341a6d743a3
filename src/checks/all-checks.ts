import { applicationAccessReview } from './application-access-review.js';
import type { CheckDefinition } from './check.js';
import { inactiveUserAccounts } from './inactive-user-accounts.js';
import { mfaEnabledAllUsers } from './mfa-enabled-all-users.js';
import { mfaEnforcedAtSignIn } from './mfa-enforced-at-sign-in.js';
import { passwordPolicyCompliance } from './password-policy-compliance.js';

/** Every security check, in the order reports list them (most severe first). */
export const ALL_CHECKS: readonly CheckDefinition[] = [mfaEnabledAllUsers, mfaEnforcedAtSignIn, passwordPolicyCompliance, inactiveUserAccounts, applicationAccessReview];
