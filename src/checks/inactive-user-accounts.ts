import { CHECK_CONTROLS } from '../frameworks/mapping.js';
import type { UserRecord } from '../store/types.js';
import { defineCheck, type CheckContext, type CheckEntityResult } from './check.js';
import { datasetErrorResult } from './data-coverage.js';
import { DAY_MS } from '../config/runtime.js';
import { canSignIn, daysBetween, isoDay, userResult } from './users.js';

/**
 * Accounts that can sign in but have not for longer than the threshold (PCI DSS 8.2.6: "inactive for more than 90
 * days"). Inactivity runs from the last sign-in, else the activation, else the creation. "More than" is exact: the
 * instants are compared, not floored day counts, so a user last seen exactly 90 days ago passes and one last seen
 * 90 days and 1 ms ago fails. Instants carry no time zone, so the verdict does not depend on one.
 *
 * `lastLogin` is as fresh as the last full read of the user. Okta may not bump `lastUpdated` on sign-in
 * (OKTA-API.md §5.1), so an incremental sync can leave it stale; a stale value only ever makes a user look more
 * inactive, never less.
 */
export const inactiveUserAccounts = defineCheck({
  id: 'inactive-user-accounts',
  title: 'Inactive User Accounts',
  severity: 'medium',
  appliesTo: 'each user',
  controls: CHECK_CONTROLS['inactive-user-accounts'],
  evaluate(view, context) {
    const results = view.users.map((user) => judgeUser(user, context));
    const missingUsers = datasetErrorResult(view, 'users', 'Users missing from the snapshot have not been tested for inactivity.');
    return missingUsers === undefined ? results : [missingUsers, ...results];
  },
});

/** Where inactivity is counted from, in order of preference, and how a reason says it. */
function inactiveSince(user: UserRecord): { basis: 'lastLogin' | 'activated' | 'created'; words: string; since: Date } | undefined {
  if (user.lastLogin !== null) return { basis: 'lastLogin', words: 'Last signed in', since: user.lastLogin };
  if (user.activated !== null) return { basis: 'activated', words: 'Never signed in; activated', since: user.activated };
  if (user.created !== null) return { basis: 'created', words: 'Never signed in; created', since: user.created };
  return undefined;
}

/** Fields hold the record's Date values as they are (they serialize as ISO strings): 50,000 users per run. */
function judgeUser(user: UserRecord, { settings, now }: CheckContext): CheckEntityResult {
  const threshold = settings.inactiveDays;
  if (!canSignIn(user)) return userResult(user, 'not_applicable', `The user is ${user.status} and cannot sign in.`, { status: user.status });
  const from = inactiveSince(user);
  const days = from === undefined ? null : daysBetween(from.since, now);
  const elapsedMs = from === undefined ? null : Math.max(0, now.getTime() - from.since.getTime());
  const fields = {
    status: user.status,
    lastLogin: user.lastLogin,
    activated: user.activated,
    created: user.created,
    thresholdDays: threshold,
    basis: from?.basis ?? null,
    inactiveDays: days,
    inactiveSince: from?.since ?? null,
  };
  if (from === undefined || days === null) {
    return userResult(user, 'error', 'No sign-in, activation or creation date is recorded for this user, so inactivity cannot be measured.', fields);
  }
  const over = elapsedMs !== null && elapsedMs > threshold * DAY_MS;
  const when = `${from.words} ${elapsed(days, elapsedMs ?? 0, over && days === threshold)} ago (${isoDay(from.since)})`;
  if (over) {
    return userResult(user, 'fail', `${when}, over the ${threshold}-day limit: disable or deprovision the account, or confirm it is still needed.`, fields);
  }
  return userResult(user, 'pass', `${when}, within the ${threshold}-day limit.`, fields);
}

/** "12 days"; at the boundary (whole days equal to the limit, yet over it) the hours too, so the reason explains the fail. */
function elapsed(days: number, elapsedMs: number, atBoundary: boolean): string {
  const text = `${days} day${days === 1 ? '' : 's'}`;
  if (!atBoundary) return text;
  const rest = elapsedMs - days * DAY_MS;
  const hours = Math.floor(rest / 3_600_000);
  return hours > 0 ? `${text} and ${hours} hour${hours === 1 ? '' : 's'}` : `more than ${text}`;
}
