import type { GhCaller } from './context.js';
import type { GhOrg, GhWorld } from './model.js';
import type { GitHubSimulatorOptions } from './options.js';

export interface CallerBudget {
  /** Primary limits are per user (PATs), per installation or per app (JWT), per address when anonymous. */
  key: string;
  core: number;
  graphql: number;
  /** How a primary refusal names the caller: "for user ID 123", "for installation ID 45". */
  subject: string;
}

/** Installations: 5,000 + 50 per user over 20, capped at 12,500; on a GHEC org 15,000 (GraphQL 10,000) (D-RL, D-GRL). */
function installationBudget(org: GhOrg | undefined): { core: number; graphql: number } {
  if (org === undefined) return { core: 5000, graphql: 5000 };
  // SAML SSO is a GHEC feature (D-SAML): an org with it is a GHEC org.
  if (org.saml !== 'none' || org.enterpriseSlug !== null) return { core: 15_000, graphql: 10_000 };
  const users = org.members.length + org.outsideCollaborators.length;
  const scaled = Math.min(12_500, 5000 + 50 * Math.max(0, users - 20));
  return { core: scaled, graphql: scaled };
}

/** The primary budgets of a caller, with the `coreLimit` / `graphqlLimit` overrides applied. */
export function budgetOf(world: GhWorld, caller: GhCaller, options: GitHubSimulatorOptions): CallerBudget {
  const base = ((): CallerBudget => {
    if (caller.kind === 'anonymous') return { key: 'anonymous', core: 60, graphql: 0, subject: 'for 127.0.0.1' };
    if (caller.kind === 'app') return { key: `app:${caller.appId}`, core: 5000, graphql: 0, subject: `for app ID ${caller.appId}` };
    const grant = caller.grant;
    if (grant.kind === 'installation') {
      return { key: `installation:${grant.installationId}`, ...installationBudget(world.orgs.get(grant.orgLogin.toLowerCase())), subject: `for installation ID ${grant.installationId}` };
    }
    return { key: `user:${grant.user.id}`, core: 5000, graphql: 5000, subject: `for user ID ${grant.user.id}` };
  })();
  return { ...base, core: options.coreLimit ?? base.core, graphql: options.graphqlLimit ?? base.graphql };
}
