import { ARTIFACT_CONTROLS } from '../../frameworks/mapping.js';
import { defineArtifact, type SnapshotSource } from '../artifact.js';
import { mfaRequirement } from '../../checks/mfa-requirement.js';
import { conditionGroups } from './lookups.js';
import { policiesOfType, policyJson, ruleJson } from './policy-json.js';

/** Authenticator enrollment policies first, then the policies whose rules decide when a second factor is asked. */
const POLICY_TYPES = ['MFA_ENROLL', 'OKTA_SIGN_ON', 'ACCESS_POLICY'] as const;

async function* mfaPolicyRecords(source: SnapshotSource): AsyncGenerator<Record<string, unknown>> {
  for (const type of POLICY_TYPES) {
    for await (const { policy, rules, groups } of policiesOfType(source, type)) {
      if (type === 'MFA_ENROLL') {
        yield { policy: policyJson(policy, groups), rules: rules.map((rule) => ruleJson(rule, groups)) };
        continue;
      }
      const judged = rules.map((rule) => ({ rule, mfa: mfaRequirement(type, rule.actions) }));
      yield {
        policy: policyJson(policy, groups),
        rules: judged.filter(({ mfa }) => mfa.effect === 'mfa').map(({ rule, mfa }) => ({ ...ruleJson(rule, groups), mfa })),
        // Named, not hidden: an ALLOW rule without MFA is exactly what an auditor looks for.
        rulesNotRequiringMfa: judged
          .filter(({ mfa }) => mfa.effect !== 'mfa')
          .map(({ rule, mfa }) => ({ id: rule.id, name: rule.name, status: rule.status, priority: rule.priority, system: rule.system, groups: conditionGroups(rule.conditions, groups), mfa })),
      };
    }
  }
}

export const mfaPoliciesArtifact = defineArtifact<Record<string, unknown>>({
  id: 'mfa-policies',
  title: 'MFA policies',
  description:
    'Authenticator enrollment (MFA_ENROLL) policies with their settings and rules, then every global session (OKTA_SIGN_ON) and app sign-in (ACCESS_POLICY) policy with the rules that require a second factor in full. Rules that do not require one are listed by name with the setting that says so (mfa.effect: no-mfa, deny or unknown). Group ids in conditions come with their names (groups).',
  datasets: ['policies', 'groups'],
  controls: ARTIFACT_CONTROLS['mfa-policies'],
  formats: ['json'],
  records: mfaPolicyRecords,
});
