import { formatDurationShort, parseDuration, type DurationRange } from '../config/duration.js';
import { isConfigError } from '../config/errors.js';
import { checkInteger, EVIDENCE_RETENTION, LOG_WINDOW_DAYS, SYNC_BUDGET, SYNC_INTERVAL, type IntegerSetting } from '../config/settings.js';
import type { ConnectionSettings } from '../store/connection-types.js';
import { InvalidInputError } from './errors.js';

/*
 * A connection's settings, their defaults and ranges (issue 9): Auto Sync on, a sync every 6 hours (15 minutes to
 * 24 hours), a 7-day System Log window (1–90), a 300 s budget per sync, the default event types, 30 evidence
 * exports kept. Defaults and ranges are `src/config/settings.ts`'s; a connection stores durations in seconds. Every
 * surface (CLI flags, the HTTP API) goes through `resolveConnectionSettings`.
 */

export const DEFAULT_CONNECTION_SETTINGS: ConnectionSettings = {
  autoSync: true,
  syncIntervalS: SYNC_INTERVAL.defaultMs / 1000,
  logWindowDays: LOG_WINDOW_DAYS.default,
  budgetS: SYNC_BUDGET.defaultMs / 1000,
  eventTypes: null,
  evidenceRetention: EVIDENCE_RETENTION.default,
};

/** Settings as a person or a client gives them: durations as text (`6h`, `15m`, `90s`), numbers as numbers or text. */
export interface ConnectionSettingsInput {
  autoSync?: boolean;
  syncInterval?: string;
  logWindowDays?: number | string;
  budget?: string;
  /** Event types to read instead of the default set; null or [] goes back to the default set. */
  eventTypes?: readonly string[] | null;
  evidenceRetention?: number | string;
}

/** `6h` → 21600: a duration setting (config/duration.ts) in whole seconds, as a connection stores it. */
function seconds(text: string, range: DurationRange, label: string): number {
  return Math.ceil(asInvalidInput(() => parseDuration(text, { ...range, name: label })) / 1000);
}

/** `21600` → `6h`, `5400` → `1h30m`. */
export function formatSeconds(total: number): string {
  return formatDurationShort(total * 1000);
}

function wholeNumber(value: number | string, setting: IntegerSetting, label: string): number {
  const n = typeof value === 'number' ? value : /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  return asInvalidInput(() => checkInteger(setting, n, label), `${label} must be a whole number from ${setting.min} to ${setting.max}, got "${String(value)}"`);
}

/** A setting out of range is the caller's input being wrong: nothing was done. */
function asInvalidInput<T>(work: () => T, message?: string): T {
  try {
    return work();
  } catch (error) {
    if (isConfigError(error)) throw new InvalidInputError(message ?? error.message, { cause: error });
    throw error;
  }
}

/** System Log event types look like `user.session.start` (OKTA-API.md §10.4). */
function eventTypes(value: readonly string[] | null): string[] | null {
  if (value === null || value.length === 0) return null;
  const bad = value.find((t) => !/^[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+$/i.test(t));
  if (bad !== undefined) throw new InvalidInputError(`event type "${bad}" is not a System Log event type such as user.session.start`);
  return [...new Set(value)];
}

/** Applies `input` on top of `base` (the defaults for a new connection), checking every range. */
export function resolveConnectionSettings(input: ConnectionSettingsInput, base: ConnectionSettings = DEFAULT_CONNECTION_SETTINGS): ConnectionSettings {
  return {
    autoSync: input.autoSync ?? base.autoSync,
    syncIntervalS: input.syncInterval === undefined ? base.syncIntervalS : seconds(input.syncInterval, SYNC_INTERVAL, 'the sync interval (--sync-interval)'),
    logWindowDays: input.logWindowDays === undefined ? base.logWindowDays : wholeNumber(input.logWindowDays, LOG_WINDOW_DAYS, 'the System Log window (--log-window-days)'),
    budgetS: input.budget === undefined ? base.budgetS : seconds(input.budget, SYNC_BUDGET, 'the budget per sync (--budget)'),
    eventTypes: input.eventTypes === undefined ? base.eventTypes : eventTypes(input.eventTypes),
    evidenceRetention:
      input.evidenceRetention === undefined ? base.evidenceRetention : wholeNumber(input.evidenceRetention, EVIDENCE_RETENTION, 'the evidence exports kept (--evidence-retention)'),
  };
}

/** Names a person can type and read: 1–64 letters, digits, spaces, dots, dashes or underscores, starting with a letter or digit. */
export function checkConnectionName(name: string): string {
  const trimmed = name.trim();
  if (!/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/.test(trimmed)) {
    throw new InvalidInputError(`connection name "${name}" must be 1–64 letters, digits, spaces, dots, dashes or underscores, starting with a letter or digit`);
  }
  return trimmed;
}

/** A forward proxy for this connection's Okta traffic. Credentials are refused: they would be stored in clear. */
export function checkProxyUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new InvalidInputError(`the proxy URL must be an absolute URL such as http://proxy.example.com:3128, got "${input}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidInputError(`the proxy URL must start with http:// or https://, got ${url.protocol}//`);
  if (url.username !== '' || url.password !== '') {
    throw new InvalidInputError('the proxy URL must not contain credentials (user:password@): they would be stored in clear; set HTTPS_PROXY in the environment instead');
  }
  return url.href.replace(/\/$/, '');
}
