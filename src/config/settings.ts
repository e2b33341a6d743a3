import { z } from 'zod';
import { parseDuration, type DurationRange } from './duration.js';
import { ConfigError } from './errors.js';
import { HOUR_MS, MINUTE_MS } from './runtime.js';

/**
 * Every setting's default and allowed range, in one place: the sync engine guards with them, the CLI's flag parsers
 * and help text, the scheduler and the server validate with them, so a range is written once.
 */

/** A whole-number setting: its default and inclusive range. */
export interface IntegerSetting {
  name: string;
  default: number;
  min: number;
  max: number;
}

/** System Log days the first sync reads (Okta keeps 90, OKTA-API.md §10.2). */
export const LOG_WINDOW_DAYS: IntegerSetting = { name: 'logWindowDays', default: 7, min: 1, max: 90 };
/** Stored System Log days kept; never below the log window (checked by `checkLogRetention`). 400 = an audit year plus margin. */
export const LOG_RETENTION_DAYS: IntegerSetting = { name: 'logRetentionDays', default: 400, min: 1, max: 3650 };
/** Evidence exports kept per connection by the sync pipeline, the newest first. */
export const EVIDENCE_RETENTION: IntegerSetting = { name: 'evidenceRetention', default: 30, min: 1, max: 10_000 };


/** A sync's time budget: what one run may spend before it checkpoints and ends. */
export const SYNC_BUDGET: DurationRange & { defaultMs: number } = { name: 'sync budget', defaultMs: 300_000, minMs: 100, maxMs: 24 * HOUR_MS };
/** How often Auto Sync runs a connection's sync. */
export const SYNC_INTERVAL: DurationRange & { defaultMs: number } = { name: 'sync interval', defaultMs: 6 * HOUR_MS, minMs: 15 * MINUTE_MS, maxMs: 24 * HOUR_MS };

/**
 * The share of an incremental sync's budget that re-verification of the oldest data may take, after the
 * change-driven reads. Small by default, so a sync of an unchanged org ends in seconds (0.02 = 6 s of a 300 s budget:
 * at 0.05 an unchanged 1,000-user org's sync took 26.8 s, over issue 13's 0.1 × the SDK script); the oldest data is
 * still re-read a little every sync, which bounds how long a change the System Log did not show can last
 * (docs/sync.md: how many syncs a full pass takes).
 */
export const REVERIFY_SHARE = { name: 'reverifyShare', default: 0.02, min: 0, max: 0.8 } as const;

function integerSchema(setting: IntegerSetting) {
  return z.number().int().min(setting.min).max(setting.max);
}

/** Checks a whole-number setting; `label` is how the caller names it (a flag, a field). */
export function checkInteger(setting: IntegerSetting, value: number, label: string = setting.name): number {
  if (!integerSchema(setting).safeParse(value).success) {
    throw new ConfigError(`${label} must be a whole number from ${setting.min} to ${setting.max}, got ${String(value)}`);
  }
  return value;
}

export function checkLogWindowDays(value: number, label?: string): number {
  return checkInteger(LOG_WINDOW_DAYS, value, label);
}

/** The retention may not be shorter than the window: pruning would delete events the evidence covers. */
export function checkLogRetention(retentionDays: number, windowDays: number, labels = { retention: LOG_RETENTION_DAYS.name, window: LOG_WINDOW_DAYS.name }): number {
  checkInteger(LOG_RETENTION_DAYS, retentionDays, labels.retention);
  if (retentionDays < windowDays) {
    throw new ConfigError(
      `${labels.retention} (${retentionDays}) must be at least ${labels.window} (${windowDays}): shorter, it would delete events the evidence covers`,
    );
  }
  return retentionDays;
}

export function checkReverifyShare(value: number, label: string = REVERIFY_SHARE.name): number {
  if (!Number.isFinite(value) || value < REVERIFY_SHARE.min || value > REVERIFY_SHARE.max) {
    throw new ConfigError(`${label} must be a number from ${REVERIFY_SHARE.min} to ${REVERIFY_SHARE.max}, got ${String(value)}`);
  }
  return value;
}

/** `6h`, `15m`…, within 15 minutes and 24 hours. */
export function parseSyncInterval(input: string, label: string = SYNC_INTERVAL.name): number {
  return parseDuration(input, { ...SYNC_INTERVAL, name: label });
}
