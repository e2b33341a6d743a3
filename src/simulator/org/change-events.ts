import { AUTHENTICATOR_NAMES, SYSTEM_ACTOR, userRef } from './log-events.js';
import type { Rng } from './random.js';
import { uuidFromWords } from './random.js';
import type { SimApp, SimFactor, SimGroup, SimLogEvent, SimLogRef, SimOrg, SimPolicy, SimPolicyRule, SimUser } from './types.js';

/**
 * System Log events for changes applied to the org, in the shape the generator's events have (OKTA-API.md §10.3,
 * https://developer.okta.com/docs/reference/api/event-types/). Unlike the compact generated events, these are
 * full objects appended to the log store, so they keep the target names as they were when the change was made.
 */
export interface ChangeEventInput {
  eventType: string;
  legacyEventType?: string;
  displayMessage: string;
  requestUri: string;
  actor: SimLogRef;
  target: SimLogRef[];
}

export function buildChangeEvent(input: ChangeEventInput, published: string, rng: Rng): SimLogEvent {
  const requestId = rng.base62(27);
  return {
    uuid: uuidFromWords(rng.uint32(), rng.uint32(), rng.uint32(), rng.uint32()),
    published,
    eventType: input.eventType,
    ...(input.legacyEventType !== undefined ? { legacyEventType: input.legacyEventType } : {}),
    version: '0',
    displayMessage: input.displayMessage,
    severity: 'INFO',
    outcome: { result: 'SUCCESS' },
    actor: input.actor,
    client: { ipAddress: '203.0.113.10', device: 'Computer', userAgent: { rawUserAgent: 'okta-sim-admin', os: 'Mac OS X', browser: 'CHROME' } },
    authenticationContext: { authenticationStep: 0 },
    debugContext: { debugData: { requestId, requestUri: input.requestUri, url: input.requestUri } },
    transaction: { type: 'WEB', id: requestId },
    request: { ipChain: [{ ip: '203.0.113.10', version: 'V4' }] },
    target: input.target,
  };
}

/** The admin who makes changes: the first user holding an admin role, else Okta itself (an API token's system actor). */
export function changeActor(org: SimOrg): SimLogRef {
  for (const [userId, roles] of org.rolesByUser) {
    const user = org.usersById.get(userId);
    if (user !== undefined && roles.length > 0) return userRef(user);
  }
  return { ...SYSTEM_ACTOR };
}

export function userTarget(user: SimUser): SimLogRef {
  return userRef(user);
}

export function groupTarget(group: SimGroup): SimLogRef {
  return { id: group.id, type: 'UserGroup', alternateId: 'unknown', displayName: group.profile.name };
}

export function factorTarget(factor: SimFactor): SimLogRef {
  return { id: factor.id, type: 'AuthenticatorEnrollment', alternateId: 'unknown', displayName: AUTHENTICATOR_NAMES[factor.factorType] ?? factor.factorType };
}

/** `application.user_membership.*` names the assignment (an AppUser, `0ua…`) and the app instance. */
export function appTargets(app: SimApp, user: SimUser, rng: Rng): SimLogRef[] {
  return [
    { id: rng.id('0ua'), type: 'AppUser', alternateId: user.profile.login, displayName: `${user.profile.firstName} ${user.profile.lastName}` },
    { id: app.id, type: 'AppInstance', alternateId: app.label, displayName: app.label },
  ];
}

export function policyTargets(policy: SimPolicy, rule: SimPolicyRule | undefined): SimLogRef[] {
  const entity: SimLogRef = { id: policy.id, type: 'PolicyEntity', alternateId: 'unknown', displayName: policy.name };
  return rule === undefined ? [entity] : [{ id: rule.id, type: 'PolicyRule', alternateId: 'unknown', displayName: rule.name }, entity];
}
