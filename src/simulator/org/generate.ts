import { buildOrg } from './build.js';
import { generateApps } from './generate-apps.js';
import { generateAssignments } from './generate-assignments.js';
import { generateFactors } from './generate-factors.js';
import { generateGroups } from './generate-groups.js';
import { assignIdentityStates } from './generate-identities.js';
import { generateLogColumns, LOG_WINDOW_DAYS } from './generate-logs.js';
import { generatePolicies } from './generate-policies.js';
import { generateRoles, pickAdmins } from './generate-roles.js';
import { generateUsers } from './generate-users.js';
import { createLogEventFactory } from './log-events.js';
import { CompactLogStore } from './log-store.js';
import { createRng, hashString, hash32 } from './random.js';
import { Timeline } from './time.js';
import type { SimGroup, SimOrg } from './types.js';

export interface GenerateOrgOptions {
  /** Number of users; 0 gives an org with groups, apps and policies but no people. */
  users: number;
  /** Same users + seed + now → the same org. */
  seed: number;
  /** ms since the epoch; every timestamp is relative to it. */
  now: number;
  /** System Log events per user per day over the last 14 days; default 1. */
  logEventsPerUserPerDay?: number;
  /** Org name; default `simulated`. */
  name?: string;
}

/**
 * Generates a realistic synthetic org: users in every lifecycle state, their factors, groups, apps with group and
 * direct assignments, Classic and Identity Engine policies with rules, admin roles and a compact System Log.
 * Each stage draws from its own seeded stream, so tuning one stage leaves the others' output unchanged.
 */
export function generateOrg(opts: GenerateOrgOptions): SimOrg {
  if (!Number.isInteger(opts.users) || opts.users < 0) throw new RangeError(`users must be a non-negative integer, got ${opts.users}`);
  if (!Number.isInteger(opts.seed)) throw new RangeError(`seed must be an integer, got ${opts.seed}`);
  const perDay = opts.logEventsPerUserPerDay ?? 1;
  if (!(perDay >= 0)) throw new RangeError(`logEventsPerUserPerDay must be >= 0, got ${perDay}`);

  const time = new Timeline(opts.now);
  const rng = (stream: string) => createRng(opts.seed, stream);
  const dashboardAppId = rng('ids').id('0oa');

  const gen = generateUsers(opts.users, rng('users'), time);
  const factors = generateFactors(gen, rng('factors'), time);
  assignIdentityStates(gen, factors, rng('identities'));
  const admins = pickAdmins(gen, rng('admins'));
  const groups = generateGroups(gen, admins.groupMembers, rng('groups'), time);
  const department = (name: string): SimGroup => groups.departments.find((g) => g.profile.name === name) ?? groups.everyone;
  const policies = generatePolicies(
    { everyone: groups.everyone.id, admins: groups.admins.id, contractors: groups.contractors.id, engineering: department('Engineering').id, it: department('IT').id },
    rng('policies'),
    time,
  );
  const apps = generateApps(opts.users, policies.accessPolicies, rng('apps'), time);
  const { appUsers, appGroups } = generateAssignments(gen, groups, apps, rng('assignments'), time);
  const roles = generateRoles(gen, admins, groups.admins, rng('roles'), time);

  // Admins who still work here are the ones acting in the log.
  const acting = [...new Set([...admins.direct, ...admins.groupMembers])].filter((i) => gen.users[i]?.status === 'ACTIVE');
  const columns = generateLogColumns(
    {
      gen,
      apps,
      groups: groups.groups,
      departmentGroups: groups.departments.map((g) => groups.groups.indexOf(g)),
      policies: policies.policies,
      factors,
      appUsers,
      admins: acting.length > 0 ? acting : admins.direct,
      count: Math.round(perDay * opts.users * LOG_WINDOW_DAYS),
    },
    rng('logs'),
    time,
  );

  const org = buildOrg({
    name: opts.name ?? 'simulated',
    // Its own stream, so the org id is the same for a seed whatever the size of the org.
    orgId: rng('org').id('00o'),
    users: gen.users,
    factors,
    groups: groups.groups,
    groupMembers: groups.members,
    apps,
    appUsers,
    appGroups,
    policies: policies.policies,
    policyRules: policies.rules,
    roles,
  });
  org.logs = new CompactLogStore(
    columns,
    createLogEventFactory({
      users: org.users,
      apps: org.apps,
      groups: org.groups,
      policies: org.policies,
      factorsByUser: org.factorsByUser,
      seed: hash32(hashString('log-events'), opts.seed),
      dashboardAppId,
    }),
  );
  return org;
}
