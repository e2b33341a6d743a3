/**
 * The System Log event kinds the generator emits, with Okta's wire names (OKTA-API.md §10.4,
 * https://developer.okta.com/docs/reference/api/event-types/). Each kind says who acts, whom it is about and what
 * its target index points at, so the generator and the event factory agree.
 */

export const OUTCOMES = ['SUCCESS', 'FAILURE'] as const;
export const SUCCESS = 0;
export const FAILURE = 1;

/** Who performs the event: the user themself, or an admin acting on a user or on configuration. */
export type ActorRole = 'self' | 'admin';
/** What the target column indexes. */
export type TargetRef = 'none' | 'app' | 'group' | 'policy' | 'factor';

export interface LogKind {
  eventType: string;
  legacyEventType: string | null;
  displayMessage: string;
  severity: 'INFO' | 'WARN';
  actor: ActorRole;
  target: TargetRef;
  /** Relative frequency among generated events. */
  weight: number;
  /** Share of FAILURE outcomes. */
  failureRate: number;
  /** `outcome.reason` of a failure. */
  failureReason: string | null;
  /** `debugContext.debugData.requestUri`. */
  requestUri: string;
}

const kind = (k: Partial<LogKind> & Pick<LogKind, 'eventType' | 'displayMessage' | 'weight' | 'requestUri'>): LogKind => ({
  legacyEventType: null,
  severity: 'INFO',
  actor: 'self',
  target: 'none',
  failureRate: 0,
  failureReason: null,
  ...k,
});

/** Sign-ins dominate a real log; configuration changes are rare. */
export const LOG_KINDS: readonly LogKind[] = [
  kind({ eventType: 'user.session.start', legacyEventType: 'core.user_auth.login_success', displayMessage: 'User login to Okta', weight: 40, failureRate: 0.12, failureReason: 'INVALID_CREDENTIALS', requestUri: '/idp/idx/identify' }),
  kind({ eventType: 'user.session.end', legacyEventType: 'core.user_auth.logout_success', displayMessage: 'User logout from Okta', weight: 8, requestUri: '/login/signout' }),
  kind({ eventType: 'user.authentication.sso', legacyEventType: 'app.auth.sso', displayMessage: 'User single sign on to app', target: 'app', weight: 25, requestUri: '/app/sso/saml' }),
  kind({ eventType: 'user.authentication.auth_via_mfa', legacyEventType: 'core.user.factor.attempt_success', displayMessage: 'Authentication of user via MFA', target: 'factor', weight: 14, failureRate: 0.06, failureReason: 'INVALID_CREDENTIALS', requestUri: '/idp/idx/challenge/answer' }),
  kind({ eventType: 'user.mfa.factor.activate', legacyEventType: 'core.user.factor.activate', displayMessage: 'Activate factor or authenticator', target: 'factor', weight: 2, requestUri: '/idp/idx/challenge/answer' }),
  kind({ eventType: 'user.mfa.factor.deactivate', legacyEventType: 'core.user.factor.deactivate', displayMessage: 'Reset factor or authenticator', actor: 'admin', target: 'factor', weight: 0.6, requestUri: '/api/v1/users/factors' }),
  kind({ eventType: 'application.user_membership.add', legacyEventType: 'app.generic.provision.assign_user_to_app', displayMessage: 'Add user to application membership', actor: 'admin', target: 'app', weight: 1.5, requestUri: '/api/v1/apps/users' }),
  kind({ eventType: 'application.user_membership.remove', legacyEventType: 'app.generic.provision.deactivate_user_from_app', displayMessage: 'Remove user from application membership', actor: 'admin', target: 'app', weight: 0.6, requestUri: '/api/v1/apps/users' }),
  kind({ eventType: 'group.user_membership.add', legacyEventType: 'core.user_group_member.user_add', displayMessage: 'Add user to group membership', actor: 'admin', target: 'group', weight: 1.2, requestUri: '/api/v1/groups/users' }),
  kind({ eventType: 'user.lifecycle.create', legacyEventType: 'core.user.config.user_creation.success', displayMessage: 'Create Okta user', actor: 'admin', weight: 0.5, requestUri: '/api/v1/users' }),
  kind({ eventType: 'user.lifecycle.activate', legacyEventType: 'core.user.config.user_activated', displayMessage: 'Activate Okta user', actor: 'admin', weight: 0.4, requestUri: '/api/v1/users/lifecycle/activate' }),
  kind({ eventType: 'user.lifecycle.deactivate', legacyEventType: 'core.user.config.user_deactivated', displayMessage: 'Deactivate Okta user', actor: 'admin', weight: 0.25, requestUri: '/api/v1/users/lifecycle/deactivate' }),
  kind({ eventType: 'user.lifecycle.suspend', legacyEventType: 'core.user.config.user_status.suspended', displayMessage: 'Suspend Okta user', actor: 'admin', weight: 0.15, requestUri: '/api/v1/users/lifecycle/suspend' }),
  kind({ eventType: 'policy.lifecycle.update', legacyEventType: null, displayMessage: 'Update policy', actor: 'admin', target: 'policy', weight: 0.05, requestUri: '/api/v1/policies' }),
  kind({ eventType: 'user.account.lock', legacyEventType: 'core.user_auth.account_locked', displayMessage: 'Max sign in attempts exceeded', severity: 'WARN', weight: 0.3, requestUri: '/idp/idx/challenge/answer' }),
];

/** The kind index of an event type, for the generator's special cases. */
export function kindIndex(eventType: string): number {
  const i = LOG_KINDS.findIndex((k) => k.eventType === eventType);
  if (i < 0) throw new RangeError(`unknown log kind ${eventType}`);
  return i;
}

export function kindAt(index: number): LogKind {
  const kind = LOG_KINDS[index];
  if (kind === undefined) throw new RangeError(`no log kind ${index}`);
  return kind;
}
