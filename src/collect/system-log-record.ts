import { MAX_JSON_DEPTH, nestsDeeperThan } from '../okta/schemas/common.js';
import { oktaLogEventSchema } from '../okta/schemas/log-event.js';
import type { LogEventRecord } from '../store/types.js';
import { describeIssues, type Parsed } from './read.js';

/**
 * System Log events carry no credentials by design, and we keep each event whole as evidence. One part is free-form:
 * `debugContext.debugData` (OKTA-API.md §10.3) records request details, and its `url`/`requestUri` keep the query
 * string of the request — which for sign-in flows can hold one-time values (`/login/sessionCookieRedirect?token=…`,
 * `/oauth2/v1/authorize?…&id_token_hint=…`, fragments with tokens). So in `debugData`:
 * - URL-like strings (absolute URLs and paths) lose their query and fragment: `…/authorize?…`;
 * - values under keys named like a secret (`…token`, `…secret`, `…password`, `…assertion`, `…cookie`, `code`, `otp`)
 *   are replaced by `[removed]`.
 * Everything else (ids, IPs, user agents, risk and behaviour verdicts) is kept.
 */

const SECRET_KEY = /(?:token|secret|password|passwd|assertion|cookie|credential)s?$|^(?:code|otp|authorization)$/i;
const URL_LIKE = /^(?:[a-z][a-z0-9+.-]*:\/\/[^\s]*|\/[^\s]*)$/i;

export const REMOVED = '[removed]';

function stripQuery(value: string): string {
  if (!URL_LIKE.test(value)) return value;
  const cut = value.search(/[?#]/);
  return cut === -1 ? value : `${value.slice(0, cut)}?…`;
}

function sanitizeDebugValue(key: string, value: unknown): unknown {
  if (SECRET_KEY.test(key)) return REMOVED;
  return typeof value === 'string' ? stripQuery(value) : value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The event with `debugContext.debugData` sanitised as above; the input is not modified. */
export function sanitizeLogEvent(event: Record<string, unknown>): Record<string, unknown> {
  const debugContext = event.debugContext;
  if (!isRecord(debugContext) || !isRecord(debugContext.debugData)) return event;
  const debugData = Object.fromEntries(Object.entries(debugContext.debugData).map(([key, value]) => [key, sanitizeDebugValue(key, value)]));
  return { ...event, debugContext: { ...debugContext, debugData } };
}

/** A System Log event as a `LogEventRecord`: indexed fields parsed, the (sanitised) event kept as `raw`. */
export function parseLogEvent(raw: unknown): Parsed<LogEventRecord> {
  if (!isRecord(raw)) return { ok: false, message: 'the event is not a JSON object' };
  // The event is kept whole: bounded like any JSON we store (see MAX_JSON_DEPTH).
  if (nestsDeeperThan(raw, MAX_JSON_DEPTH)) return { ok: false, message: `the event is nested deeper than ${MAX_JSON_DEPTH} levels` };
  const result = oktaLogEventSchema.safeParse(raw);
  if (!result.success) return { ok: false, message: describeIssues(result.error) };
  const event = result.data;
  return {
    ok: true,
    record: {
      uuid: event.uuid,
      published: event.published,
      eventType: event.eventType,
      outcomeResult: event.outcome?.result ?? null,
      actorId: event.actor?.id ?? null,
      actorAlternateId: event.actor?.alternateId ?? null,
      targetIds: event.target.flatMap((target) => (target.id === null ? [] : [target.id])),
      raw: sanitizeLogEvent(raw),
    },
  };
}
