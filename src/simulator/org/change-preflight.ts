import type { SimChange } from './changes.js';
import type { SimOrg } from './types.js';

/** Why a batch of changes cannot be applied: the first change naming something the org lacks, and which field. */
export interface ChangeProblem {
  /** Position of the change in the batch. */
  index: number;
  /** The change's field at fault, e.g. `userId` or `profile.login`. */
  field: string;
  message: string;
}

/**
 * Finds the first change `applyChanges` would refuse, without changing anything, so a batch is applied whole or not
 * at all. The org is read as the earlier changes of the batch leave it: a login taken by an earlier `user.create`,
 * or a factor an earlier `factor.reset` removed, is refused too. Ids a batch creates are random, so no later change
 * of the same batch can name them.
 */
export function findChangeProblem(org: SimOrg, changes: readonly SimChange[]): ChangeProblem | null {
  const batch = new BatchView(org);
  for (const [index, change] of changes.entries()) {
    const problem = batch.problemOf(change);
    if (problem !== null) return { index, ...problem };
    batch.record(change);
  }
  return null;
}

type FieldProblem = Omit<ChangeProblem, 'index'>;

/** The org as seen part-way through a batch: the logins in use and the factors the batch removed so far. */
class BatchView {
  /** Lower-cased login → users holding it (a profile update may give two users one login; applyChanges allows it). */
  private logins: Map<string, number> | null = null;
  /** Logins the batch gave existing users. */
  private readonly renamed = new Map<string, string>();
  /** Factor ids removed per user; `all` after a reset of every factor. */
  private readonly removedFactors = new Map<string, Set<string> | 'all'>();

  constructor(private readonly org: SimOrg) {}

  problemOf(change: SimChange): FieldProblem | null {
    const { org } = this;
    if (change.kind === 'user.create') {
      return (this.takenLogins().get(change.profile.login.toLowerCase()) ?? 0) > 0
        ? { field: 'profile.login', message: `a user with login ${change.profile.login} exists already` }
        : null;
    }
    if (change.kind === 'policy.edit') {
      if (!org.policies.some((p) => p.id === change.policyId)) return { field: 'policyId', message: `no policy ${change.policyId}` };
      const rules = org.rulesByPolicy.get(change.policyId) ?? [];
      if (change.ruleId !== undefined && !rules.some((r) => r.id === change.ruleId)) {
        return { field: 'ruleId', message: `policy ${change.policyId} has no rule ${change.ruleId}` };
      }
      return null;
    }
    if (!org.usersById.has(change.userId)) return { field: 'userId', message: `no user ${change.userId}` };
    switch (change.kind) {
      case 'factor.reset':
        return change.factorId === undefined || this.hasFactor(change.userId, change.factorId)
          ? null
          : { field: 'factorId', message: `user ${change.userId} has no factor ${change.factorId}` };
      case 'group.add-member':
      case 'group.remove-member':
        return org.groupsById.has(change.groupId) ? null : { field: 'groupId', message: `no group ${change.groupId}` };
      case 'app.assign-user':
      case 'app.unassign-user':
        return org.appsById.has(change.appId) ? null : { field: 'appId', message: `no app ${change.appId}` };
      default:
        return null;
    }
  }

  /** Notes what an accepted change takes or removes, for the changes after it. */
  record(change: SimChange): void {
    if (change.kind === 'user.create') this.countLogin(change.profile.login, 1);
    if (change.kind === 'user.update-profile' && change.profile.login !== undefined) {
      this.countLogin(this.renamed.get(change.userId) ?? this.org.usersById.get(change.userId)?.profile.login ?? '', -1);
      this.countLogin(change.profile.login, 1);
      this.renamed.set(change.userId, change.profile.login);
    }
    if (change.kind !== 'factor.reset') return;
    const removed = this.removedFactors.get(change.userId);
    if (change.factorId === undefined) this.removedFactors.set(change.userId, 'all');
    else if (removed === undefined) this.removedFactors.set(change.userId, new Set([change.factorId]));
    else if (removed !== 'all') removed.add(change.factorId);
  }

  private hasFactor(userId: string, factorId: string): boolean {
    const removed = this.removedFactors.get(userId);
    if (removed === 'all' || removed?.has(factorId) === true) return false;
    return (this.org.factorsByUser.get(userId) ?? []).some((f) => f.id === factorId);
  }

  private countLogin(login: string, delta: number): void {
    const logins = this.takenLogins();
    const key = login.toLowerCase();
    logins.set(key, (logins.get(key) ?? 0) + delta);
  }

  /** Built when first needed: most batches create and rename nobody and need not read every login. */
  private takenLogins(): Map<string, number> {
    if (this.logins === null) {
      this.logins = new Map();
      for (const user of this.org.users) {
        const key = user.profile.login.toLowerCase();
        this.logins.set(key, (this.logins.get(key) ?? 0) + 1);
      }
    }
    return this.logins;
  }
}
