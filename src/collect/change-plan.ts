import { z } from 'zod';

/**
 * What an incremental sync must read again, decided from the System Log events since the previous sync (event types:
 * https://developer.okta.com/docs/reference/api/event-types/). Pure: the sync run feeds it the stored events.
 */
export interface ChangePlan {
  /** Users whose record (status, profile) changed: read again, and their factors too (a status change can make them eligible). */
  userIds: Set<string>;
  /** Users whose factors changed (`user.mfa.factor.*`). */
  userIdsForFactors: Set<string>;
  /** Groups whose members changed: their member lists are read again. */
  groupIds: Set<string>;
  /** Apps whose group assignments changed: every user of theirs may have changed, so they are read again whole. */
  appIds: Set<string>;
  /**
   * Assignments to an app that changed (`application.user_membership.*`), by user: Okta logs one for a direct
   * assignment and also for each app a group move gives or takes, so the apps collector tells the two apart. The event
   * names the assignment (an `AppUser` target, id `0ua…`), not the user: the user is its `alternateId`, their login,
   * unless a `User` target names them by id. `removal`: the event says the assignment was removed, successfully.
   */
  appUserChanges: { appId: string; user: { id: string } | { login: string }; removal: boolean }[];
  /** True when any policy or rule changed: all policies are read again (a few requests). */
  policies: boolean;
  /** The policies named by those events, to tell whether an MFA enrollment policy changed. */
  policyIds: Set<string>;
  /** Who moved in or out of which group, to find the users an MFA enrollment policy's group targeting now reaches. */
  membershipMoves: { groupId: string; userId: string }[];
}

/** The slice of a LogEvent the plan reads. */
export interface ChangeEvent {
  eventType: string;
  /** `SUCCESS`, `FAILURE`, …: a failed removal removed nothing. */
  outcome?: { result?: string | null | undefined } | null | undefined;
  actor?: { id: string; type: string } | null | undefined;
  target: readonly { id: string; type: string; alternateId?: string | null | undefined }[];
}

/**
 * Every event type that drives a re-read: read from Okta by an incremental sync whatever `logEventTypes` says, and
 * the types the plan is built from. Exact names, so the stored events can be selected by type too.
 */
export const CHANGE_EVENT_TYPES = [
  ...['create', 'activate', 'deactivate', 'reactivate', 'suspend', 'unsuspend', 'delete.initiated', 'delete.completed'].map((t) => `user.lifecycle.${t}`),
  'user.account.update_profile',
  'user.account.lock',
  'user.account.unlock',
  ...['activate', 'deactivate', 'reset_all', 'suspend', 'unsuspend', 'update'].map((t) => `user.mfa.factor.${t}`),
  'group.user_membership.add',
  'group.user_membership.remove',
  'group.application_assignment.add',
  'group.application_assignment.remove',
  'group.application_assignment.update',
  'application.user_membership.add',
  'application.user_membership.remove',
  'application.user_membership.change_username',
  ...['create', 'update', 'activate', 'deactivate', 'delete'].map((t) => `policy.lifecycle.${t}`),
  ...['add', 'update', 'activate', 'deactivate', 'delete'].map((t) => `policy.rule.${t}`),
];

export function emptyPlan(): ChangePlan {
  return {
    userIds: new Set(),
    userIdsForFactors: new Set(),
    groupIds: new Set(),
    appIds: new Set(),
    appUserChanges: [],
    policies: false,
    policyIds: new Set(),
    membershipMoves: [],
  };
}

const idsOf = (event: ChangeEvent, type: string): string[] => event.target.filter((t) => t.type === type).map((t) => t.id);

/** The user an event is about: its User target, else a user acting on themself (a self-service enrollment). */
function subjectUsers(event: ChangeEvent): string[] {
  const targets = idsOf(event, 'User');
  if (targets.length > 0) return targets;
  return event.actor?.type === 'User' ? [event.actor.id] : [];
}

/** Whose app assignment an `application.user_membership.*` event is about: User targets by id, else AppUser logins. */
function assignedUsers(event: ChangeEvent): ({ id: string } | { login: string })[] {
  const ids = idsOf(event, 'User');
  if (ids.length > 0) return ids.map((id) => ({ id }));
  return event.target.flatMap((t) => (t.type === 'AppUser' && typeof t.alternateId === 'string' && t.alternateId !== '' ? [{ login: t.alternateId }] : []));
}

export function planChanges(events: Iterable<ChangeEvent>): ChangePlan {
  const plan = emptyPlan();
  for (const event of events) {
    const type = event.eventType;
    if (type.startsWith('user.mfa.factor.')) {
      for (const id of subjectUsers(event)) plan.userIdsForFactors.add(id);
    } else if (type.startsWith('user.lifecycle.') || type.startsWith('user.account.')) {
      for (const id of idsOf(event, 'User')) plan.userIds.add(id);
    } else if (type.startsWith('group.user_membership.')) {
      const users = idsOf(event, 'User');
      for (const groupId of idsOf(event, 'UserGroup')) {
        plan.groupIds.add(groupId);
        for (const userId of users) plan.membershipMoves.push({ groupId, userId });
      }
    } else if (type.startsWith('application.user_membership.')) {
      const users = assignedUsers(event);
      const removal = type === 'application.user_membership.remove' && event.outcome?.result === 'SUCCESS';
      for (const appId of idsOf(event, 'AppInstance')) {
        // An event that does not say whose assignment changed: the whole app is read again.
        if (users.length === 0) plan.appIds.add(appId);
        for (const user of users) plan.appUserChanges.push({ appId, user, removal });
      }
    } else if (type.startsWith('group.application_assignment.')) {
      for (const id of idsOf(event, 'AppInstance')) plan.appIds.add(id);
    } else if (type.startsWith('policy.')) {
      plan.policies = true;
      for (const id of idsOf(event, 'PolicyEntity')) plan.policyIds.add(id);
    }
  }
  return plan;
}

const refSchema = z.object({ id: z.string(), type: z.string(), alternateId: z.string().nullish() });
const changeEventSchema = z.object({
  eventType: z.string(),
  outcome: z.object({ result: z.string().nullish() }).nullish(),
  actor: refSchema.nullish(),
  target: z.array(refSchema).nullish().transform((target) => target ?? []),
});

/** The plan's view of a stored event's raw payload; undefined when it lacks the fields the plan reads. */
export function toChangeEvent(raw: unknown): ChangeEvent | undefined {
  const parsed = changeEventSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}
