import { FACTORS } from './generate-factors.js';
import type { GeneratedUsers } from './generate-users.js';
import type { Rng } from './random.js';
import type { SimFactor } from './types.js';

/** Share of Okta-sourced users who sign in at a partner identity provider (SAML/OIDC federation). */
const FEDERATED_RATE = 0.03;
/** Share who sign in with a social identity provider. */
const SOCIAL_RATE = 0.01;
/** Share of users with factors whose only factor is a security question: password + question is not MFA. */
const KNOWLEDGE_ONLY_RATE = 0.015;

/**
 * The identity states the MFA check must get right on a real org (issue 12), drawn on their own stream so the other
 * stages' output stays as it was:
 * - users who authenticate at another identity provider: Okta reports `credentials.provider` `{type: FEDERATION,
 *   name: FEDERATION}` or `{type: SOCIAL, name: SOCIAL}`, no password, and no Okta factors (OKTA-API.md §5.3);
 * - users whose only active factor is a security question (two knowledge factors with the password).
 * Directory (AD) users keep their provider. Mutates the users and their factor lists.
 */
export function assignIdentityStates(gen: GeneratedUsers, factors: Record<string, SimFactor[]>, rng: Rng): void {
  gen.users.forEach((user, i) => {
    if (gen.directory[i] === 1) return;
    const draw = rng.next();
    if (draw < FEDERATED_RATE + SOCIAL_RATE) {
      const type = draw < FEDERATED_RATE ? 'FEDERATION' : 'SOCIAL';
      user.credentials = { provider: { type, name: type } };
      // Okta keeps no factors for them: MFA happens at their identity provider.
      Reflect.deleteProperty(factors, user.id);
      return;
    }
    const own = factors[user.id];
    if (own !== undefined && own.length > 0 && draw < FEDERATED_RATE + SOCIAL_RATE + KNOWLEDGE_ONLY_RATE) {
      const first = own[0] as SimFactor;
      // Enrolled when the first factor was, so the timeline stays consistent with the user's status changes.
      const spec = FACTORS.question;
      factors[user.id] = [{ ...first, id: rng.id(spec.prefix), factorType: spec.factorType, provider: spec.provider, vendorName: spec.provider, profile: spec.profile(user, rng) }];
    }
  });
}
