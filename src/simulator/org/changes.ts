import { findChangeProblem, type ChangeProblem } from './change-preflight.js';
import { appTargets, buildChangeEvent, changeActor, factorTarget, groupTarget, policyTargets, userTarget, type ChangeEventInput } from './change-events.js';
import { FACTORS, type FactorKind } from './generate-factors.js';
import { hash32, Rng } from './random.js';
import { IsoFormatter } from './time.js';
import type { SimApp, SimAppUser, SimLogRef, SimOrg, SimUser, SimUserProfile } from './types.js';

/**
 * A change an admin or a user makes in the org. Applying one updates the org the way Okta would (status, timestamps,
 * `lastMembershipUpdated`, group-derived app assignments) and appends the System Log event Okta emits for it, so a
 * sync can be tested against realistic churn.
 */
export type SimChange =
  | { kind: 'user.create'; profile: Pick<SimUserProfile, 'login' | 'firstName' | 'lastName'> & Partial<SimUserProfile> }
  | { kind: 'user.deactivate'; userId: string }
  | { kind: 'user.suspend'; userId: string }
  /** The user signs in to Okta: `lastLogin` moves (not `lastUpdated`, as in Okta) and `user.session.start` is logged. */
  | { kind: 'user.sign-in'; userId: string }
  | { kind: 'user.update-profile'; userId: string; profile: Partial<SimUserProfile> }
  | { kind: 'factor.enroll'; userId: string; factor: FactorKind }
  /** Without `factorId`, every factor of the user is reset (`user.mfa.factor.reset_all`). */
  | { kind: 'factor.reset'; userId: string; factorId?: string }
  | { kind: 'group.add-member' | 'group.remove-member'; groupId: string; userId: string }
  | { kind: 'app.assign-user' | 'app.unassign-user'; appId: string; userId: string }
  /** Merges `settings` into the policy (or into the rule's `actions` when `ruleId` is given). */
  | { kind: 'policy.edit'; policyId: string; ruleId?: string; settings: Record<string, unknown> };

/** What one applied change did: the entity it created (a new user's or factor's id) and the events it appended. */
export interface AppliedChange {
  change: SimChange;
  createdId?: string;
  events: string[];
}

/** A batch refused because a change names an entity the org lacks (or a login it has); `problem` says which. */
export class SimChangeError extends Error {
  override readonly name = 'SimChangeError';
  readonly problem: ChangeProblem | undefined;

  constructor(message: string, problem?: ChangeProblem) {
    super(problem === undefined ? message : `change ${problem.index} (${problem.field}): ${message}`);
    this.problem = problem;
  }
}

/**
 * Applies `changes` in order at instant `now` (the simulator's clock), all or none: a batch with a change that names
 * an unknown entity (or creates a login in use) is refused with a SimChangeError naming it, and the org is left as it
 * was. Bumps `org.revision` so indexes over the org rebuild.
 */
export function applyChanges(org: SimOrg, changes: readonly SimChange[], now: number): AppliedChange[] {
  const problem = findChangeProblem(org, changes);
  if (problem !== null) throw new SimChangeError(problem.message, problem);
  const rng = new Rng(hash32(org.revision + 1, hash32(Math.floor(now), 0xc4a16e)));
  const at = new IsoFormatter().millis(now);
  const actor = changeActor(org);
  const applied: AppliedChange[] = [];
  // applyOne's own lookups still throw (without a `problem`) should the preflight ever miss a case; then the batch is
  // half-applied, which is a simulator bug, not a caller's mistake.
  try {
    const scope: ChangeScope = { org, rng, at, actor, members: new Map(), appRowIds: new Map() };
    for (const change of changes) applied.push(applyOne(scope, change));
  } finally {
    org.revision++;
  }
  return applied;
}

interface ChangeScope {
  org: SimOrg;
  rng: Rng;
  /** ISO instant of the change. */
  at: string;
  actor: SimLogRef;
  /**
   * Each group's members as a set, built on first use and kept up to date for the rest of the batch: a batch of
   * thousands of new users all joins Everyone, and a list scan per join made the batch quadratic (issue 14 item 13).
   */
  members: Map<string, Set<string>>;
  /** The same for each app's user rows. */
  appRowIds: Map<string, Set<string>>;
  /** Group id → the apps assigned to it, built on first use. */
  appsByGroup?: Map<string, SimApp[]>;
}

function applyOne(scope: ChangeScope, change: SimChange): AppliedChange {
  const { org, rng, at, actor } = scope;
  const events: string[] = [];
  const emit = (input: Omit<ChangeEventInput, 'actor'> & { actor?: SimLogRef }): void => {
    const event = buildChangeEvent({ actor, ...input }, at, rng);
    org.logs.append(event);
    events.push(event.uuid);
  };
  const touch = (user: SimUser): void => {
    user.lastUpdated = at;
  };
  switch (change.kind) {
    case 'user.create': {
      const user = newUser(org, change.profile, at, rng);
      emit({ eventType: 'user.lifecycle.create', legacyEventType: 'core.user.config.user_creation.success', displayMessage: 'Create Okta user', requestUri: '/api/v1/users', target: [userTarget(user)] });
      emit({ eventType: 'user.lifecycle.activate', legacyEventType: 'core.user.config.user_activated', displayMessage: 'Activate Okta user', requestUri: '/api/v1/users/lifecycle/activate', target: [userTarget(user)] });
      // Okta puts every new user in the Everyone group, and with it in every app assigned to Everyone.
      const everyone = org.groups.find((g) => g.type === 'BUILT_IN');
      if (everyone !== undefined) changeMembership(scope, everyone.id, user.id, true, emit);
      return { change, createdId: user.id, events };
    }
    case 'user.deactivate':
    case 'user.suspend': {
      const user = findUser(org, change.userId);
      const deactivate = change.kind === 'user.deactivate';
      user.status = deactivate ? 'DEPROVISIONED' : 'SUSPENDED';
      user.statusChanged = at;
      touch(user);
      emit(
        deactivate
          ? { eventType: 'user.lifecycle.deactivate', legacyEventType: 'core.user.config.user_deactivated', displayMessage: 'Deactivate Okta user', requestUri: '/api/v1/users/lifecycle/deactivate', target: [userTarget(user)] }
          : { eventType: 'user.lifecycle.suspend', legacyEventType: 'core.user.config.user_status.suspended', displayMessage: 'Suspend Okta user', requestUri: '/api/v1/users/lifecycle/suspend', target: [userTarget(user)] },
      );
      // Okta removes a deactivated user's app assignments (direct and group-derived) and keeps a suspended user's,
      // since suspension is temporary (help.okta.com usgp-deactivate-user-account / usgp-suspend).
      if (deactivate) removeAppAssignments(scope, user, emit);
      return { change, events };
    }
    case 'user.sign-in': {
      const user = findUser(org, change.userId);
      user.lastLogin = at;
      emit({ eventType: 'user.session.start', legacyEventType: 'core.user_auth.login_success', displayMessage: 'User login to Okta', requestUri: '/idp/idx/identify', target: [], actor: userTarget(user) });
      return { change, events };
    }
    case 'user.update-profile': {
      const user = findUser(org, change.userId);
      user.profile = { ...user.profile, ...change.profile };
      touch(user);
      emit({ eventType: 'user.account.update_profile', legacyEventType: 'core.user.config.profile_update.success', displayMessage: 'Update user profile for Okta', requestUri: '/api/v1/users', target: [userTarget(user)] });
      return { change, events };
    }
    case 'factor.enroll': {
      const user = findUser(org, change.userId);
      const spec = FACTORS[change.factor];
      const factor = { id: rng.id(spec.prefix), factorType: spec.factorType, provider: spec.provider, vendorName: spec.provider, status: 'ACTIVE', created: at, lastUpdated: at, profile: spec.profile(user, rng) };
      org.factorsByUser.set(user.id, [...(org.factorsByUser.get(user.id) ?? []), factor]);
      // The user enrolls themself; Okta names the user and the new enrollment.
      emit({ eventType: 'user.mfa.factor.activate', legacyEventType: 'core.user.factor.activate', displayMessage: 'Activate factor or authenticator', requestUri: '/idp/idx/challenge/answer', actor: userTarget(user), target: [userTarget(user), factorTarget(factor)] });
      return { change, createdId: factor.id, events };
    }
    case 'factor.reset': {
      const user = findUser(org, change.userId);
      const factors = org.factorsByUser.get(user.id) ?? [];
      if (change.factorId === undefined) {
        org.factorsByUser.set(user.id, []);
        emit({ eventType: 'user.mfa.factor.reset_all', legacyEventType: 'core.user.factor.reset_all', displayMessage: 'Reset all factors for user', requestUri: '/api/v1/users/lifecycle/reset_factors', target: [userTarget(user)] });
        return { change, events };
      }
      const factor = factors.find((f) => f.id === change.factorId);
      if (factor === undefined) throw new SimChangeError(`user ${user.id} has no factor ${change.factorId}`);
      org.factorsByUser.set(user.id, factors.filter((f) => f !== factor));
      emit({ eventType: 'user.mfa.factor.deactivate', legacyEventType: 'core.user.factor.deactivate', displayMessage: 'Reset factor or authenticator', requestUri: '/api/v1/users/factors', target: [userTarget(user), factorTarget(factor)] });
      return { change, events };
    }
    case 'group.add-member':
    case 'group.remove-member':
      changeMembership(scope, change.groupId, change.userId, change.kind === 'group.add-member', emit);
      return { change, events };
    case 'app.assign-user':
    case 'app.unassign-user': {
      const add = change.kind === 'app.assign-user';
      const user = findUser(org, change.userId);
      const app = org.appsById.get(change.appId);
      if (app === undefined) throw new SimChangeError(`no app ${change.appId}`);
      // A direct assignment over a group-derived one turns the row into scope USER; removing it removes the row.
      const rows = (org.appUsers.get(app.id) ?? []).filter((row) => row.id !== user.id);
      org.appUsers.set(app.id, add ? [...rows, appUserRow(user, 'USER', at)] : rows);
      const rowIds = scope.appRowIds.get(app.id);
      if (add) rowIds?.add(user.id);
      else rowIds?.delete(user.id);
      emitAppMembership(emit, add, appTargets(app, user, rng));
      return { change, events };
    }
    case 'policy.edit': {
      const policy = org.policies.find((p) => p.id === change.policyId);
      if (policy === undefined) throw new SimChangeError(`no policy ${change.policyId}`);
      policy.lastUpdated = at;
      if (change.ruleId === undefined) {
        policy.settings = { ...policy.settings, ...change.settings };
        emit({ eventType: 'policy.lifecycle.update', displayMessage: 'Update policy', requestUri: '/api/v1/policies', target: policyTargets(policy, undefined) });
        return { change, events };
      }
      const rule = org.rulesByPolicy.get(policy.id)?.find((r) => r.id === change.ruleId);
      if (rule === undefined) throw new SimChangeError(`policy ${policy.id} has no rule ${change.ruleId}`);
      rule.actions = { ...rule.actions, ...change.settings };
      rule.lastUpdated = at;
      emit({ eventType: 'policy.rule.update', displayMessage: 'Update policy rule', requestUri: '/api/v1/policies/rules', target: policyTargets(policy, rule) });
      return { change, events };
    }
  }
}

type Emit = (input: Omit<ChangeEventInput, 'actor'>) => void;

function emitAppMembership(emit: Emit, add: boolean, target: SimLogRef[]): void {
  emit(
    add
      ? { eventType: 'application.user_membership.add', legacyEventType: 'app.generic.provision.assign_user_to_app', displayMessage: 'Add user to application membership', requestUri: '/api/v1/apps/users', target }
      : { eventType: 'application.user_membership.remove', legacyEventType: 'app.generic.provision.deactivate_user_from_app', displayMessage: 'Remove user from application membership', requestUri: '/api/v1/apps/users', target },
  );
}

/**
 * Adds or removes a member and keeps the apps assigned to the group consistent: a member gains a GROUP-scope row on
 * each of the group's apps (and Okta logs an app membership event for it); losing the last group that gives an app
 * removes that row. A USER-scope (direct) row is left alone.
 */
function changeMembership(scope: ChangeScope, groupId: string, userId: string, add: boolean, emit: Emit): void {
  const { org, at, rng } = scope;
  const user = findUser(org, userId);
  const group = org.groupsById.get(groupId);
  if (group === undefined) throw new SimChangeError(`no group ${groupId}`);
  const members = org.groupMembers.get(groupId) ?? [];
  const groupsOfUser = org.userGroups.get(userId) ?? [];
  const memberSet = scope.members.get(groupId) ?? new Set(members);
  scope.members.set(groupId, memberSet);
  if (add === memberSet.has(userId)) return;
  if (add) {
    memberSet.add(userId);
    // Appended in place: copying the list for every new member is what made large batches quadratic.
    members.push(userId);
    org.groupMembers.set(groupId, members);
    org.userGroups.set(userId, [...groupsOfUser, groupId]);
  } else {
    memberSet.delete(userId);
    org.groupMembers.set(groupId, members.filter((id) => id !== userId));
    org.userGroups.set(userId, groupsOfUser.filter((id) => id !== groupId));
  }
  group.lastMembershipUpdated = at;
  emit(
    add
      ? { eventType: 'group.user_membership.add', legacyEventType: 'core.user_group_member.user_add', displayMessage: 'Add user to group membership', requestUri: '/api/v1/groups/users', target: [userTarget(user), groupTarget(group)] }
      : { eventType: 'group.user_membership.remove', legacyEventType: 'core.user_group_member.user_remove', displayMessage: 'Remove user from group membership', requestUri: '/api/v1/groups/users', target: [userTarget(user), groupTarget(group)] },
  );
  const userGroupIds = new Set(org.userGroups.get(userId));
  for (const app of appsOfGroup(scope, groupId)) {
    const appGroups = org.appGroups.get(app.id) ?? [];
    const rows = org.appUsers.get(app.id) ?? [];
    const rowIds = scope.appRowIds.get(app.id) ?? new Set(rows.map((r) => r.id));
    scope.appRowIds.set(app.id, rowIds);
    const row = rowIds.has(userId) ? rows.find((r) => r.id === userId) : undefined;
    if (add && row === undefined) {
      rows.push(appUserRow(user, 'GROUP', at));
      rowIds.add(userId);
      org.appUsers.set(app.id, rows);
      emitAppMembership(emit, true, appTargets(app, user, rng));
    } else if (!add && row?.scope === 'GROUP' && !appGroups.some((g) => userGroupIds.has(g.id))) {
      org.appUsers.set(app.id, rows.filter((r) => r !== row));
      rowIds.delete(userId);
      emitAppMembership(emit, false, appTargets(app, user, rng));
    }
  }
}

function removeAppAssignments({ org, rng }: ChangeScope, user: SimUser, emit: Emit): void {
  for (const app of org.apps) {
    const rows = org.appUsers.get(app.id) ?? [];
    if (!rows.some((row) => row.id === user.id)) continue;
    org.appUsers.set(app.id, rows.filter((row) => row.id !== user.id));
    emitAppMembership(emit, false, appTargets(app, user, rng));
  }
}

/** The apps assigned to a group, indexed once per batch (no change kind alters an app's groups). */
function appsOfGroup(scope: ChangeScope, groupId: string): readonly SimApp[] {
  if (scope.appsByGroup === undefined) {
    const index = new Map<string, SimApp[]>();
    for (const app of scope.org.apps) {
      for (const group of scope.org.appGroups.get(app.id) ?? []) index.set(group.id, [...(index.get(group.id) ?? []), app]);
    }
    scope.appsByGroup = index;
  }
  return scope.appsByGroup.get(groupId) ?? [];
}

function findUser(org: SimOrg, userId: string): SimUser {
  const user = org.usersById.get(userId);
  if (user === undefined) throw new SimChangeError(`no user ${userId}`);
  return user;
}

/** A new user; `findChangeProblem` has refused a login in use before any change of the batch was applied. */
function newUser(org: SimOrg, profile: Pick<SimUserProfile, 'login' | 'firstName' | 'lastName'> & Partial<SimUserProfile>, at: string, rng: Rng): SimUser {
  const user: SimUser = {
    id: rng.id('00u'),
    status: 'ACTIVE',
    created: at,
    activated: at,
    statusChanged: at,
    lastLogin: null,
    lastUpdated: at,
    passwordChanged: at,
    type: { id: org.users[0]?.type.id ?? 'oty1sim0000000000000' },
    profile: { email: profile.login, ...profile },
    credentials: { password: {}, provider: { type: 'OKTA', name: 'OKTA' } },
  };
  org.users.push(user);
  org.usersById.set(user.id, user);
  return user;
}

function appUserRow(user: SimUser, scope: 'USER' | 'GROUP', at: string): SimAppUser {
  return {
    id: user.id,
    scope,
    status: 'ACTIVE',
    syncState: 'DISABLED',
    externalId: null,
    created: at,
    lastUpdated: at,
    statusChanged: at,
    credentials: { userName: user.profile.login },
    profile: {},
  };
}
