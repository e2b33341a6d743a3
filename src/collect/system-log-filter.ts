/**
 * The `filter` expressions for the configured event types (OKTA-API.md §10.1): `eventType eq "a" or eventType eq "b"`,
 * and `eventType sw "user.mfa."` for an entry written `user.mfa.*`.
 *
 * The default list has ~50 types, about 2,900 characters of query string once encoded — longer than we want to send
 * in one URL (Okta does not document a limit; proxies commonly stop at 4–8 KB). Rewriting the list as `sw` prefixes
 * would widen what is read beyond what was configured, so instead the terms are split into a few filters of at most
 * `MAX_FILTER_LENGTH` characters, each read as its own bounded query over the same window. The System Log collector
 * reads them side by side so the cursor can advance (see system-log.ts).
 */

/** `user.session.start`, or a prefix `user.mfa.*`: dotted names only, so a value can never break out of its quotes. */
export const LOG_EVENT_TYPE_PATTERN = /^[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*(?:\.\*)?$/;

/** Characters of one filter expression before encoding. */
export const MAX_FILTER_LENGTH = 1000;

/** Throws a TypeError naming the first entry that is not an event type or `prefix.*`; for config validation. */
export function assertLogEventTypes(types: readonly string[]): void {
  const bad = types.find((type) => !LOG_EVENT_TYPE_PATTERN.test(type));
  if (bad !== undefined) {
    throw new TypeError(`"${bad.slice(0, 80)}" is not a System Log event type: use dotted names such as user.session.start, or a prefix such as user.mfa.*`);
  }
}

function term(type: string): string {
  return type.endsWith('.*') ? `eventType sw "${type.slice(0, -1)}"` : `eventType eq "${type}"`;
}

/** Types that a configured prefix does not already cover, deduplicated, in the order given. */
function distinctTypes(types: readonly string[]): string[] {
  const prefixes = types.filter((type) => type.endsWith('.*')).map((type) => type.slice(0, -1));
  const covered = (type: string): boolean => !type.endsWith('.*') && prefixes.some((prefix) => type.startsWith(prefix));
  return [...new Set(types)].filter((type) => !covered(type));
}

/**
 * The filters to query, each at most `MAX_FILTER_LENGTH` long (one term can be longer; it is sent alone).
 * An empty list reads every event type: `[undefined]`, one query without a filter.
 */
export function buildLogFilters(types: readonly string[]): (string | undefined)[] {
  assertLogEventTypes(types);
  if (types.length === 0) return [undefined];
  const filters: string[] = [];
  let current = '';
  for (const next of distinctTypes(types).map(term)) {
    if (current === '') current = next;
    else if (current.length + 4 + next.length <= MAX_FILTER_LENGTH) current = `${current} or ${next}`;
    else {
      filters.push(current);
      current = next;
    }
  }
  filters.push(current);
  return filters;
}
