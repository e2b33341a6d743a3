import { ARTIFACT_CONTROLS } from '../../frameworks/mapping.js';
import { defineArtifact, type SnapshotSource } from '../artifact.js';
import { policiesOfType, policyJson, ruleJson } from './policy-json.js';

async function* passwordPolicyRecords(source: SnapshotSource): AsyncGenerator<Record<string, unknown>> {
  for await (const { policy, rules, groups } of policiesOfType(source, 'PASSWORD')) {
    yield { policy: policyJson(policy, groups), rules: rules.map((rule) => ruleJson(rule, groups)) };
  }
}

export const passwordPoliciesArtifact = defineArtifact<Record<string, unknown>>({
  id: 'password-policies',
  title: 'Password policies',
  description:
    'Every password policy (active and inactive) with its complexity, age, history and lockout settings exactly as Okta returned them (settings.password.complexity, .age, .lockout; 0 or null means not set), the groups it applies to (ids with their names under groups), and its rules.',
  datasets: ['policies', 'groups'],
  controls: ARTIFACT_CONTROLS['password-policies'],
  formats: ['json'],
  records: passwordPolicyRecords,
});
