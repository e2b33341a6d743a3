/** What System Log events can be searched by: the SCIM `filter` dialect and `q` keywords (OKTA-API.md §10.1). */

import type { SimLogEvent } from '../org/types.js';
import { FILTER_OPERATORS, type FieldSpec, type FilterDialect, type Predicate } from './filter.js';

/**
 * `q`: every keyword must equal, case-insensitively, some attribute value of the event or a word of it; values are
 * also split on hyphens (SYSLOG "Keyword filter"). Okta matches against all attributes, so the whole event is walked.
 */
export function keywordMatcher(keywords: string[]): Predicate<SimLogEvent> {
  const wanted = keywords.map((k) => k.toLowerCase());
  return (event) => {
    const tokens = new Set<string>();
    collectTokens(event, tokens, 0);
    return wanted.every((k) => tokens.has(k));
  };
}

function collectTokens(value: unknown, tokens: Set<string>, depth: number): void {
  if (depth > 8 || value === null || value === undefined) return;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    const text = String(value).toLowerCase();
    tokens.add(text);
    for (const word of text.split(/\s+/)) {
      tokens.add(word);
      for (const piece of word.split('-')) tokens.add(piece);
    }
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) collectTokens(item, tokens, depth + 1);
    return;
  }
  if (typeof value === 'object') {
    for (const item of Object.values(value)) collectTokens(item, tokens, depth + 1);
  }
}

function dig(value: unknown, keys: readonly string[]): unknown {
  let current = value;
  for (const key of keys) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** LogEvent attributes the simulator filters on; `target.*` is multi-valued (any target may match). */
const LOG_FILTER_PATHS = [
  'uuid',
  'eventType',
  'legacyEventType',
  'displayMessage',
  'severity',
  'version',
  'actor.id',
  'actor.type',
  'actor.alternateId',
  'actor.displayName',
  'target.id',
  'target.type',
  'target.alternateId',
  'target.displayName',
  'outcome.result',
  'outcome.reason',
  'client.ipAddress',
  'client.device',
  'client.zone',
  'client.id',
  'client.userAgent.rawUserAgent',
  'client.userAgent.os',
  'client.userAgent.browser',
  'client.geographicalContext.city',
  'client.geographicalContext.state',
  'client.geographicalContext.country',
  'client.geographicalContext.postalCode',
  'transaction.id',
  'transaction.type',
  'transaction.detail.requestApiTokenId',
  'authenticationContext.externalSessionId',
  'authenticationContext.rootSessionId',
  'authenticationContext.credentialType',
  'authenticationContext.authenticationProvider',
  'authenticationContext.interface',
  'debugContext.debugData.requestId',
  'debugContext.debugData.requestUri',
  'debugContext.debugData.url',
] as const;

/** `co` on these is refused with E0000031 (SYSLOG). */
const NO_CONTAINS = new Set<string>(['debugContext.debugData.requestUri', 'debugContext.debugData.url']);

const LOG_FIELDS = new Map<string, FieldSpec<SimLogEvent>>(
  LOG_FILTER_PATHS.map((path) => {
    const keys = path.split('.');
    const rest = keys.slice(1);
    const get = keys[0] === 'target' ? (e: SimLogEvent) => e.target.map((t) => dig(t, rest)) : (e: SimLogEvent) => dig(e, keys);
    const operators = NO_CONTAINS.has(path) ? FILTER_OPERATORS.filter((op) => op !== 'co') : FILTER_OPERATORS;
    return [path, { operators, type: 'string', get }];
  }),
);

/**
 * SCIM filter on events. `published` is deliberately absent: it "may conflict with the logic of since, after and until"
 * and is refused (E0000053). String comparison is case-sensitive (UNCERTAIN for Okta).
 */
export const LOG_FILTER: FilterDialect<SimLogEvent> = {
  field: (path) => LOG_FIELDS.get(path),
  quotedOnly: true,
  caseInsensitive: false,
};
