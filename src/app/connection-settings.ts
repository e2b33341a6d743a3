import type { ConnectionSettings } from '../store/connection-types.js';
import { InvalidInputError } from './errors.js';

/*
 * A connection's settings, their defaults and ranges (issue 9): Auto Sync on, a sync every 6 hours (15 minutes to
 * 24 hours), a 7-day System Log window (1–90), a 300 s budget per sync, the default event types, 30 evidence
 * exports kept. Every surface (CLI flags, the HTTP API) goes through `resolveConnectionSettings`.
 */

const MINUTE_S = 60;
const HOUR_S = 3600;

export const SYNC_INTERVAL_S = { default: 6 * HOUR_S, min: 15 * MINUTE_S, max: 24 * HOUR_S } as const;
export const LOG_WINDOW_DAYS = { default: 7, min: 1, max: 90 } as const;
export const BUDGET_S = { default: 300, min: 10, max: 24 * HOUR_S } as const;
export const EVIDENCE_RETENTION = { default: 30, min: 1, max: 10_000 } as const;

export const DEFAULT_CONNECTION_SETTINGS: ConnectionSettings = {
  autoSync: true,
  syncIntervalS: SYNC_INTERVAL_S.default,
  logWindowDays: LOG_WINDOW_DAYS.default,
  budgetS: BUDGET_S.default,
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

const UNIT_S = { s: 1, m: MINUTE_S, h: HOUR_S, d: 24 * HOUR_S } as const;

/** `6h`, `15m`, `90s`, `1d` or combinations (`1h30m`), in seconds; `label` names the setting in the one-line error. */
export function parseDurationSeconds(text: string, label: string, range: { min: number; max: number }): number {
  const value = text.trim().toLowerCase();
  const allowed = `between ${formatSeconds(range.min)} and ${formatSeconds(range.max)}`;
  if (!/^(?:\d{1,6}[smhd])+$/.test(value)) throw new InvalidInputError(`${label} must be a duration such as 6h, 15m or 90s (${allowed}), got "${text}"`);
  let seconds = 0;
  for (const [, amount, unit] of value.matchAll(/(\d+)([smhd])/g)) seconds += Number(amount) * UNIT_S[unit as keyof typeof UNIT_S];
  if (seconds < range.min || seconds > range.max) throw new InvalidInputError(`${label} must be ${allowed}, got "${text}"`);
  return seconds;
}

/** `21600` → `6h`, `5400` → `1h30m`: the shortest text `parseDurationSeconds` reads back. */
export function formatSeconds(total: number): string {
  let rest = total;
  let out = '';
  for (const [unit, size] of [['h', HOUR_S], ['m', MINUTE_S], ['s', 1]] as const) {
    if (rest >= size) {
      out += `${Math.floor(rest / size)}${unit}`;
      rest %= size;
    }
  }
  return out === '' ? '0s' : out;
}

function wholeNumber(value: number | string, label: string, range: { min: number; max: number }): number {
  const n = typeof value === 'number' ? value : /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(n) || n < range.min || n > range.max) {
    throw new InvalidInputError(`${label} must be a whole number from ${range.min} to ${range.max}, got "${String(value)}"`);
  }
  return n;
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
    syncIntervalS: input.syncInterval === undefined ? base.syncIntervalS : parseDurationSeconds(input.syncInterval, 'the sync interval (--sync-interval)', SYNC_INTERVAL_S),
    logWindowDays: input.logWindowDays === undefined ? base.logWindowDays : wholeNumber(input.logWindowDays, 'the System Log window (--log-window-days)', LOG_WINDOW_DAYS),
    budgetS: input.budget === undefined ? base.budgetS : parseDurationSeconds(input.budget, 'the budget per sync (--budget)', BUDGET_S),
    eventTypes: input.eventTypes === undefined ? base.eventTypes : eventTypes(input.eventTypes),
    evidenceRetention:
      input.evidenceRetention === undefined ? base.evidenceRetention : wholeNumber(input.evidenceRetention, 'the evidence exports kept (--evidence-retention)', EVIDENCE_RETENTION),
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
