import type { CheckStatus, UserRecord } from '../store/types.js';
import type { CheckEntityResult } from './check.js';
import { DAY_MS } from '../config/runtime.js';

/**
 * Users who can sign in (OKTA-API.md §5.2): the population the user checks judge. The collectors keep the same list
 * for the factor read (src/collect/collector.ts); checks do not import collectors.
 */
export const SIGN_IN_STATUSES: ReadonlySet<string> = new Set(['ACTIVE', 'RECOVERY', 'LOCKED_OUT', 'PASSWORD_EXPIRED']);

export function canSignIn(user: UserRecord): boolean {
  return SIGN_IN_STATUSES.has(user.status);
}

/** How a result names a user: the login, which is what an admin searches for. */
export function userName(user: UserRecord): string {
  return user.login;
}

/** A user's result, built as one object literal: user checks make 50,000 of these per run. */
export function userResult(user: UserRecord, status: CheckStatus, reason: string, fields: Record<string, unknown>): CheckEntityResult {
  return { entityType: 'user', entityId: user.id, entityName: userName(user), status, reason, fields };
}


/** Whole days from `from` to `now`; 0 when `from` is in the future (clock skew between Okta and us). */
export function daysBetween(from: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - from.getTime()) / DAY_MS));
}

/** `2024-05-01`: the date part people need in a reason. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
