import { PLACES, USER_AGENTS } from './catalog.js';
import { FAILURE, kindAt, OUTCOMES, type LogKind } from './log-kinds.js';
import type { CompactLogColumns, LogEventFactory } from './log-store.js';
import { hash32, mix32, Rng, uuidFromWords } from './random.js';
import { DAY, IsoFormatter } from './time.js';
import type { SimApp, SimFactor, SimGroup, SimLogEvent, SimLogRef, SimPolicy, SimUser } from './types.js';

/** The parts of the org an event refers to. Held by reference: events show entities as they are now. */
export interface LogOrgView {
  users: readonly SimUser[];
  apps: readonly SimApp[];
  groups: readonly SimGroup[];
  policies: readonly SimPolicy[];
  factorsByUser: ReadonlyMap<string, readonly SimFactor[]>;
  /** Salt for per-event randomness and uuids. */
  seed: number;
  /** The Okta Dashboard app instance, the target of a sign-in. */
  dashboardAppId: string;
}

export const SYSTEM_ACTOR: SimLogRef = { id: '0oa1okta00000system', type: 'PublicClientApp', alternateId: 'system@okta.com', displayName: 'Okta System' };
const UUID_SALT = 0x5eed0001;
const SESSION_SALT = 0x5eed0002;

/** Authenticator names as the System Log shows them on AuthenticatorEnrollment targets. */
export const AUTHENTICATOR_NAMES: Record<string, string> = {
  push: 'Okta Verify',
  signed_nonce: 'Okta Verify',
  'token:software:totp': 'Okta Verify',
  webauthn: 'Security Key or Biometric',
  sms: 'Phone',
  call: 'Phone',
  email: 'Email',
  question: 'Security Question',
};

/**
 * Rebuilds the full LogEvent (OKTA-API.md §10.3/§10.4 shape) for a generated event. Everything not in the columns
 * is drawn from an Rng seeded by the event's index, so the same index always gives the same event.
 *
 * Okta sends many LogEvent fields as null when they do not apply: `actor`/`target` `detailEntry`, `outcome.reason` on
 * success, `client.zone` and `client.id`, most of `authenticationContext`, `transaction.detail`, `ipChain[].source`.
 * SPEC types every one of them as non-null, so generated events leave them out, as Okta's docs allow ("Nulls may be
 * left out", https://developer.okta.com/docs/reference/core-okta-api/). Crafted org files can still send them as null.
 */
export function createLogEventFactory(view: LogOrgView): LogEventFactory {
  const format = new IsoFormatter();
  return (c: CompactLogColumns, i: number): SimLogEvent => {
    const kind = kindAt(c.kind[i] ?? 0);
    const rng = new Rng(hash32(i, view.seed));
    const published = c.published[i] ?? 0;
    const actorIndex = c.actor[i] ?? 0;
    const actorUser = view.users[actorIndex];
    const failed = c.outcome[i] === FAILURE;
    const requestId = rng.base62(27);

    // A user signs in from their own address and city; a share of failures come from somewhere unfamiliar.
    const away = failed && rng.chance(0.4);
    const ip = away ? `198.51.100.${rng.int(1, 254)}` : `203.0.113.${1 + (actorIndex % 254)}`;
    const place = away ? rng.pick(PLACES) : cycle(PLACES, mix32(actorIndex));
    const agent = cycle(USER_AGENTS, hash32(actorIndex, 7));
    const geo = () => ({ city: place.city, state: place.state, country: place.country, postalCode: place.postalCode, geolocation: { lat: place.lat, lon: place.lon } });
    const sessionId = actorUser ? 'idx' + new Rng(hash32(actorIndex, hash32(Math.floor(published / DAY), view.seed ^ SESSION_SALT))).base62(22) : null;

    return {
      uuid: uuidFromWords(hash32(i, view.seed ^ UUID_SALT), rng.uint32(), rng.uint32(), rng.uint32()),
      published: format.millis(published),
      eventType: kind.eventType,
      ...(kind.legacyEventType !== null ? { legacyEventType: kind.legacyEventType } : {}),
      version: '0',
      displayMessage: kind.displayMessage,
      severity: failed ? 'WARN' : kind.severity,
      outcome: { result: OUTCOMES[c.outcome[i] ?? 0] ?? 'SUCCESS', ...(failed && kind.failureReason !== null ? { reason: kind.failureReason } : {}) },
      actor: actorUser ? userRef(actorUser) : { ...SYSTEM_ACTOR },
      client: {
        ipAddress: ip,
        device: agent.device,
        userAgent: { rawUserAgent: agent.raw, os: agent.os, browser: agent.browser },
        geographicalContext: geo(),
      },
      authenticationContext: { authenticationStep: 0, ...(sessionId !== null ? { externalSessionId: sessionId, rootSessionId: sessionId } : {}) },
      securityContext: { asNumber: 64496 + (actorIndex % 16), asOrg: 'example isp', isp: 'example isp', domain: 'example.net', isProxy: false },
      debugContext: { debugData: { requestId, requestUri: kind.requestUri, url: kind.requestUri, threatSuspected: 'false' } },
      transaction: { type: 'WEB', id: requestId },
      request: { ipChain: [{ ip, version: 'V4', geographicalContext: geo() }] },
      target: targets(kind, view, c.subject[i] ?? 0, c.target[i] ?? 0),
    };
  };
}

/** A stable pick: the same user always gets the same city and browser. */
function cycle<T>(items: readonly T[], n: number): T {
  const item = items[n % items.length];
  if (item === undefined) throw new RangeError('empty catalog list');
  return item;
}

export function userRef(user: SimUser): SimLogRef {
  return { id: user.id, type: 'User', alternateId: user.profile.login, displayName: `${user.profile.firstName} ${user.profile.lastName}` };
}

function targets(kind: LogKind, view: LogOrgView, subjectIndex: number, index: number): SimLogRef[] {
  const subject = view.users[subjectIndex];
  const about = kind.actor === 'admin' && subject ? [userRef(subject)] : [];
  switch (kind.target) {
    case 'app': {
      const app = view.apps[index];
      if (!app) return about;
      const instance: SimLogRef = { id: app.id, type: 'AppInstance', alternateId: app.label, displayName: app.label };
      const appUser: SimLogRef[] = subject
        ? [{ id: appUserId(view, index, subjectIndex), type: 'AppUser', alternateId: subject.profile.login, displayName: `${subject.profile.firstName} ${subject.profile.lastName}` }]
        : [];
      return kind.actor === 'admin' ? [...appUser, instance] : [instance, ...appUser];
    }
    case 'group': {
      const group = view.groups[index];
      return group ? [...about, { id: group.id, type: 'UserGroup', alternateId: 'unknown', displayName: group.profile.name }] : about;
    }
    case 'policy': {
      const policy = view.policies[index];
      return policy ? [{ id: policy.id, type: 'PolicyEntity', alternateId: 'unknown', displayName: policy.name }] : [];
    }
    case 'factor': {
      const factor = subject ? view.factorsByUser.get(subject.id)?.[index] : undefined;
      if (!factor) return about;
      const name = AUTHENTICATOR_NAMES[factor.factorType] ?? factor.factorType;
      return [...about, { id: factor.id, type: 'AuthenticatorEnrollment', alternateId: 'unknown', displayName: name }];
    }
    case 'none':
      if (kind.eventType === 'user.session.start') {
        return [{ id: view.dashboardAppId, type: 'AppInstance', alternateId: 'Okta Dashboard', displayName: 'Okta Dashboard' }];
      }
      return about;
  }
}

/** App user (assignment) ids are `0ua…` in Okta; stable per app and user so events about one assignment agree. */
function appUserId(view: LogOrgView, appIndex: number, userIndex: number): string {
  return new Rng(hash32(userIndex, hash32(appIndex, view.seed))).id('0ua');
}
