import { z } from 'zod';
import type { PolicyRecord, PolicyRuleRecord, UserRecord } from '../store/types.js';
import { datasetGap } from './data-coverage.js';
import type { SnapshotView } from './snapshot-view.js';

/*
 * Who a policy or a rule applies to, evaluated from the data a sync reads (OKTA-API.md §9.1): Okta evaluates the
 * policies of a type in priority order (lower number first, the system Default Policy last) and applies the first
 * whose `conditions.people` include the user; within a policy, the first rule by priority whose conditions all match.
 * https://developer.okta.com/docs/concepts/policies/#policy-evaluation
 * People conditions (users and groups) are evaluated exactly. Conditions about the sign-in (network zone, platform,
 * device, risk) cannot be known in advance: a rule with them can match some sign-ins of its people, and lets the
 * others fall through to the next rule. Conditions about the user that the sync does not read (user type, Okta
 * expression language) cannot be evaluated, and the result says so instead of guessing.
 */

const idList = z.array(z.string()).nullish().catch(undefined);
const includeExclude = z.object({ include: idList, exclude: idList }).nullish().catch(undefined);
const conditionsSchema = z
  .looseObject({
    people: z.object({ users: includeExclude, groups: includeExclude }).nullish().catch(undefined),
    network: z.looseObject({ connection: z.string().nullish() }).nullish().catch(undefined),
    riskScore: z.looseObject({ level: z.string().nullish() }).nullish().catch(undefined),
  })
  .nullish()
  .catch(undefined);
type Conditions = z.output<typeof conditionsSchema>;

/** Parsed once per conditions object: a check asks about the same few rules for every one of 50,000 users. */
const parsedConditions = new WeakMap<object, Conditions>();

function parseConditions(conditions: unknown): Conditions {
  if (typeof conditions !== 'object' || conditions === null) return conditionsSchema.parse(conditions);
  let parsed = parsedConditions.get(conditions);
  if (parsed === undefined && !parsedConditions.has(conditions)) {
    parsed = conditionsSchema.parse(conditions);
    parsedConditions.set(conditions, parsed);
  }
  return parsed;
}

/** Sign-in conditions: they narrow when a rule applies, never to whom. */
const SIGN_IN_CONDITIONS = ['network', 'platform', 'device', 'riskScore', 'risk', 'authContext', 'identityProvider', 'app', 'clients', 'context'] as const;
/** Conditions about the user that no dataset of the sync holds. */
const UNREADABLE_USER_CONDITIONS = ['userType', 'elCondition', 'userStatus', 'beforeScheduledAction'] as const;

export type PeopleMatch = 'yes' | 'no' | { unknown: string };

/** Whether `user` is among the people a policy's or rule's conditions name. */
export function matchesPeople(conditions: unknown, user: UserRecord, view: SnapshotView): PeopleMatch {
  const parsed: Conditions = parseConditions(conditions);
  const users = parsed?.people?.users;
  const groups = parsed?.people?.groups;
  if (users?.exclude?.includes(user.id) === true) return 'no';
  const memberOf = view.groupIdsByUser.get(user.id);
  const groupsKnown = datasetGap(view, 'groupMemberships') === undefined;
  const inAnyGroup = (ids: readonly string[]) => ids.some((id) => memberOf?.has(id) === true);
  if (groups?.exclude !== undefined && groups.exclude !== null && groups.exclude.length > 0) {
    if (inAnyGroup(groups.exclude)) return 'no';
    if (!groupsKnown) return { unknown: `group exclusions need the group memberships, which ${datasetGap(view, 'groupMemberships') ?? ''}` };
  }
  for (const key of UNREADABLE_USER_CONDITIONS) {
    if (isSet(parsed?.[key])) return { unknown: `the ${key} condition cannot be evaluated from the data okta-evidence reads` };
  }
  const userIncludes = users?.include ?? [];
  const groupIncludes = groups?.include ?? [];
  if (userIncludes.length === 0 && groupIncludes.length === 0) return 'yes';
  if (userIncludes.includes(user.id)) return 'yes';
  if (inAnyGroup(groupIncludes)) return 'yes';
  if (groupIncludes.length > 0 && !groupsKnown) return { unknown: `group conditions need the group memberships, which ${datasetGap(view, 'groupMemberships') ?? ''}` };
  return 'no';
}

function targetsNobody(conditions: unknown): boolean {
  const people = parseConditions(conditions)?.people;
  const groups = people?.groups?.include;
  const users = people?.users?.include;
  return Array.isArray(groups) && groups.length === 0 && (users === undefined || users === null || users.length === 0);
}

/** A rule whose only conditions are about people applies to every sign-in of those people: later rules never see them. */
export function appliesToEverySignIn(conditions: unknown): boolean {
  const parsed: Conditions = parseConditions(conditions);
  if (parsed === undefined || parsed === null) return true;
  return SIGN_IN_CONDITIONS.every((key) => {
    const value = parsed[key];
    if (!isSet(value)) return true;
    if (key === 'network') return parsed.network?.connection === 'ANYWHERE' || parsed.network?.connection === undefined || parsed.network.connection === null;
    if (key === 'riskScore') return parsed.riskScore?.level === 'ANY';
    // An authContext of ANY (SIGN_ON rules) does not narrow either.
    if (key === 'authContext') return (value as { authType?: unknown }).authType === 'ANY';
    return false;
  });
}

function isSet(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

/** Active policies of one type in the order Okta evaluates them: by priority, the system default last. */
export function policiesInEvaluationOrder(view: SnapshotView, type: string): PolicyRecord[] {
  return view.policies
    .filter((policy) => policy.type === type && policy.status === 'ACTIVE')
    .sort((a, b) => Number(a.system) - Number(b.system) || (a.priority ?? Number.MAX_SAFE_INTEGER) - (b.priority ?? Number.MAX_SAFE_INTEGER));
}

/** Sorted once per view and policy: the checks ask for the same policy's rules for every user. */
const orderedRules = new WeakMap<SnapshotView, Map<string, readonly PolicyRuleRecord[]>>();

/** Active rules of a policy in priority order. */
export function rulesInEvaluationOrder(view: SnapshotView, policyId: string): readonly PolicyRuleRecord[] {
  let byPolicy = orderedRules.get(view);
  if (byPolicy === undefined) orderedRules.set(view, (byPolicy = new Map<string, readonly PolicyRuleRecord[]>()));
  let rules = byPolicy.get(policyId);
  if (rules === undefined) {
    rules = (view.rulesByPolicy.get(policyId) ?? [])
      .filter((rule) => rule.status === 'ACTIVE')
      .sort((a, b) => (a.priority ?? Number.MAX_SAFE_INTEGER) - (b.priority ?? Number.MAX_SAFE_INTEGER));
    byPolicy.set(policyId, rules);
  }
  return rules;
}

export type Governing = { policy: PolicyRecord } | { none: true } | { unknown: string; policy: PolicyRecord };

/**
 * The policy that governs the user: the first, in evaluation order, whose people conditions include the user. A
 * policy (unlike a rule) that lists an empty `groups.include` targets nobody.
 */
export function governingPolicy(ordered: readonly PolicyRecord[], user: UserRecord, view: SnapshotView): Governing {
  for (const policy of ordered) {
    if (targetsNobody(policy.conditions)) continue;
    const match = matchesPeople(policy.conditions, user, view);
    if (match === 'yes') return { policy };
    if (match !== 'no') return { unknown: match.unknown, policy };
  }
  return { none: true };
}

/** What one rule of a policy does to the users who reach it. */
export interface RuleReach {
  rule: PolicyRuleRecord;
  /** Users some of whose sign-ins this rule decides. */
  users: UserRecord[];
}

export interface PolicyReach {
  reached: RuleReach[];
  /** Rules whose people conditions could not be evaluated for some users, with why. */
  undetermined: { rule: PolicyRuleRecord; reason: string; users: UserRecord[] }[];
}

/** For each user, the rules of `policy` that can decide one of their sign-ins, in priority order. */
export function reachOfRules(view: SnapshotView, policy: PolicyRecord, users: readonly UserRecord[]): PolicyReach {
  const rules = rulesInEvaluationOrder(view, policy.id);
  const reached = new Map<string, RuleReach>();
  const undetermined = new Map<string, { rule: PolicyRuleRecord; reason: string; users: UserRecord[] }>();
  for (const user of users) {
    for (const rule of rules) {
      const match = matchesPeople(rule.conditions, user, view);
      if (match === 'no') continue;
      if (match !== 'yes') {
        const entry = undetermined.get(rule.id) ?? { rule, reason: match.unknown, users: [] };
        entry.users.push(user);
        undetermined.set(rule.id, entry);
        continue;
      }
      const entry = reached.get(rule.id) ?? { rule, users: [] };
      entry.users.push(user);
      reached.set(rule.id, entry);
      if (appliesToEverySignIn(rule.conditions)) break;
    }
  }
  const order = new Map(rules.map((rule, index) => [rule.id, index]));
  const byPriority = <T extends { rule: PolicyRuleRecord }>(list: T[]) => list.sort((a, b) => (order.get(a.rule.id) ?? 0) - (order.get(b.rule.id) ?? 0));
  return { reached: byPriority([...reached.values()]), undetermined: byPriority([...undetermined.values()]) };
}
