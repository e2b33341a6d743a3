import type { LogEventRecord } from '../../store/types.js';
import type { SsoSignIn } from './passthrough-types.js';

/*
 * Recent SSO sign-ins of a user to the service's Okta app, from the System Log (OKTA-API.md §10.3, §10.4):
 * `user.authentication.sso` with the app among its targets, and the MFA seen with it — a successful
 * `user.authentication.auth_via_mfa` / `user.authentication.verify` / `user.mfa.okta_verify`, or a
 * `policy.evaluate_sign_on` whose outcome is CHALLENGE — correlated by the session (`authenticationContext.rootSessionId`
 * or `externalSessionId`), else by `transaction.id`, else (weakest, said so) the user's latest such event in the
 * `PRECEDING_MS` before the sign-in. Sign-ins are corroboration stored with the chain; the verdict rests on the policy.
 */

const SSO_EVENT = 'user.authentication.sso';
const MFA_SUCCESS_EVENTS: ReadonlySet<string> = new Set(['user.authentication.auth_via_mfa', 'user.authentication.verify', 'user.mfa.okta_verify']);
const SIGN_ON_EVALUATION = 'policy.evaluate_sign_on';
/** Okta's default re-authentication for an app sign-in is within a session of up to 12 hours (`PT12H`, §9.5). */
const PRECEDING_MS = 12 * 60 * 60 * 1000;
/** Sign-ins kept per user: the newest. */
export const SIGN_INS_PER_USER = 5;

interface Correlation {
  sessions: string[];
  transaction: string | null;
}

function correlationOf(event: LogEventRecord): Correlation {
  const raw = (typeof event.raw === 'object' && event.raw !== null ? event.raw : {}) as {
    authenticationContext?: { rootSessionId?: unknown; externalSessionId?: unknown } | null;
    transaction?: { id?: unknown } | null;
  };
  const sessions = [raw.authenticationContext?.rootSessionId, raw.authenticationContext?.externalSessionId].filter(
    (id): id is string => typeof id === 'string' && id !== '' && id !== 'unknown',
  );
  const transaction = typeof raw.transaction?.id === 'string' && raw.transaction.id !== '' ? raw.transaction.id : null;
  return { sessions, transaction };
}

function isMfaEvent(event: LogEventRecord): boolean {
  if (MFA_SUCCESS_EVENTS.has(event.eventType)) return event.outcomeResult === 'SUCCESS';
  return event.eventType === SIGN_ON_EVALUATION && event.outcomeResult === 'CHALLENGE';
}

/** The newest SSO sign-ins to `appId` per Okta user id (actor), each with the MFA seen with it. */
export function ssoSignInsByUser(events: readonly LogEventRecord[], appId: string): Map<string, SsoSignIn[]> {
  const mfaByActor = new Map<string, LogEventRecord[]>();
  const sso: LogEventRecord[] = [];
  for (const event of events) {
    if (event.actorId === null) continue;
    if (event.eventType === SSO_EVENT && event.targetIds.includes(appId)) sso.push(event);
    else if (isMfaEvent(event)) {
      const list = mfaByActor.get(event.actorId);
      if (list === undefined) mfaByActor.set(event.actorId, [event]);
      else list.push(event);
    }
  }
  sso.sort((a, b) => b.published.getTime() - a.published.getTime());
  const byUser = new Map<string, SsoSignIn[]>();
  for (const event of sso) {
    const actor = event.actorId as string;
    const list = byUser.get(actor) ?? [];
    if (list.length >= SIGN_INS_PER_USER) continue;
    list.push({ eventId: event.uuid, at: event.published.toISOString(), outcome: event.outcomeResult, mfa: mfaFor(event, mfaByActor.get(actor) ?? []) });
    byUser.set(actor, list);
  }
  return byUser;
}

function mfaFor(signIn: LogEventRecord, candidates: readonly LogEventRecord[]): SsoSignIn['mfa'] {
  const own = correlationOf(signIn);
  let preceding: LogEventRecord | undefined;
  for (const candidate of candidates) {
    const theirs = correlationOf(candidate);
    if (theirs.sessions.some((id) => own.sessions.includes(id))) return describe(candidate, 'session');
    if (own.transaction !== null && theirs.transaction === own.transaction) return describe(candidate, 'transaction');
    const before = signIn.published.getTime() - candidate.published.getTime();
    if (before >= 0 && before <= PRECEDING_MS && (preceding === undefined || candidate.published > preceding.published)) preceding = candidate;
  }
  return preceding === undefined ? null : describe(preceding, 'preceding');
}

function describe(event: LogEventRecord, correlation: 'session' | 'transaction' | 'preceding'): NonNullable<SsoSignIn['mfa']> {
  return { eventId: event.uuid, eventType: event.eventType, at: event.published.toISOString(), correlation };
}
