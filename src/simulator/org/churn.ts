import type { SimChange } from './changes.js';
import type { FactorKind } from './generate-factors.js';
import { Rng } from './random.js';
import type { SimOrg } from './types.js';

const KINDS = ['profile', 'factor-enroll', 'factor-reset', 'group-add', 'group-remove', 'app-assign', 'app-unassign', 'suspend', 'deactivate', 'create'] as const;
const ENROLL: readonly FactorKind[] = ['push', 'webauthn', 'totp_okta'];

/**
 * Realistic churn for benchmarks and tests: `share` of the org's users (e.g. 0.01) each get one change, cycling
 * through profile edits, factor enrolments and resets, group and app assignment changes, suspensions, deactivations
 * and new hires, plus one password policy edit. Deterministic for a seed. Only ACTIVE users are picked, each once.
 * New hires get logins no user holds, so a plan always applies, even a second plan with the same seed.
 */
export function planChurn(org: SimOrg, share: number, seed = 1): SimChange[] {
  const rng = new Rng(seed);
  const active = rng.sample(org.users.filter((u) => u.status === 'ACTIVE'), Math.round(share * org.users.length));
  const groups = org.groups.filter((g) => g.type === 'OKTA_GROUP');
  const directApps = org.apps.filter((a) => (org.appUsers.get(a.id) ?? []).some((r) => r.scope === 'USER'));
  const changes: SimChange[] = [];
  const logins = new Set(org.users.map((u) => u.profile.login.toLowerCase()));
  const newHireLogin = (i: number): string => {
    let login = `new.hire${i}.${seed}@example.com`;
    for (let n = 2; logins.has(login); n++) login = `new.hire${i}.${seed}.${n}@example.com`;
    return login;
  };
  active.forEach((user, i) => {
    const kind = KINDS[i % KINDS.length] ?? 'profile';
    const group = groups.length > 0 ? rng.pick(groups) : undefined;
    const app = directApps.length > 0 ? rng.pick(directApps) : undefined;
    const inGroup = group !== undefined && (org.groupMembers.get(group.id) ?? []).includes(user.id);
    const assigned = app !== undefined && (org.appUsers.get(app.id) ?? []).some((r) => r.id === user.id && r.scope === 'USER');
    switch (kind) {
      case 'profile':
        return changes.push({ kind: 'user.update-profile', userId: user.id, profile: { title: 'Senior ' + (user.profile.title ?? 'Staff') } });
      case 'factor-enroll':
        return changes.push({ kind: 'factor.enroll', userId: user.id, factor: rng.pick(ENROLL) });
      case 'factor-reset':
        return changes.push({ kind: 'factor.reset', userId: user.id });
      case 'group-add':
      case 'group-remove':
        if (group === undefined) return;
        return changes.push({ kind: inGroup ? 'group.remove-member' : 'group.add-member', groupId: group.id, userId: user.id });
      case 'app-assign':
      case 'app-unassign':
        if (app === undefined) return;
        return changes.push({ kind: assigned ? 'app.unassign-user' : 'app.assign-user', appId: app.id, userId: user.id });
      case 'suspend':
        return changes.push({ kind: 'user.suspend', userId: user.id });
      case 'deactivate':
        return changes.push({ kind: 'user.deactivate', userId: user.id });
      case 'create':
        return changes.push({ kind: 'user.create', profile: { login: newHireLogin(i), firstName: 'New', lastName: `Hire${i}` } });
    }
  });
  const policy = org.policies.find((p) => p.type === 'PASSWORD');
  if (policy !== undefined) changes.push({ kind: 'policy.edit', policyId: policy.id, settings: { churned: seed } });
  return changes;
}
