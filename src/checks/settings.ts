import { z } from 'zod';
import { PASSWORD_PROFILE_IDS } from './password-profiles.js';

/** Bounds shared by the day thresholds: at least a day, at most ten years. */
const MIN_DAYS = 1;
const MAX_DAYS = 3650;

function days(name: string, fallback: number) {
  const message = `${name} must be a whole number of days from ${MIN_DAYS} to ${MAX_DAYS}`;
  return z.int({ error: message }).min(MIN_DAYS, { error: message }).max(MAX_DAYS, { error: message }).default(fallback);
}

/** The settings the checks take, with their defaults. Unknown keys are refused so a typo is not silently ignored. */
export const checkSettingsSchema = z
  .object({
    /** The password baseline (BASELINES.md "Password policy profiles"). */
    profile: z.enum(PASSWORD_PROFILE_IDS, { error: `profile must be one of ${PASSWORD_PROFILE_IDS.join(', ')}` }).default('pci-dss-v4'),
    /** Days without a sign-in after which an account counts as inactive (PCI DSS 8.2.6: 90). */
    inactiveDays: days('inactiveDays', 90),
    /** Days within which each active app must have a recorded access review. */
    reviewPeriodDays: days('reviewPeriodDays', 90),
  })
  .strict();

export type CheckSettings = z.output<typeof checkSettingsSchema>;
export type CheckSettingsInput = z.input<typeof checkSettingsSchema>;

export const DEFAULT_CHECK_SETTINGS: CheckSettings = checkSettingsSchema.parse({});

/** Invalid check settings; the message lists every problem on one line. */
export class CheckSettingsError extends Error {
  readonly code = 'CHECK_SETTINGS_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'CheckSettingsError';
  }
}

/** Validates settings from flags, a config file or an API call; throws CheckSettingsError naming what to fix. */
export function parseCheckSettings(input: unknown): CheckSettings {
  const parsed = checkSettingsSchema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) =>
    issue.code === 'unrecognized_keys' ? `unknown setting ${issue.keys.join(', ')}` : `${issue.message}${describeInput(input, issue.path)}`,
  );
  throw new CheckSettingsError(`invalid check settings: ${problems.join('; ')}`);
}

function describeInput(input: unknown, path: readonly PropertyKey[]): string {
  const key = path[0];
  if (typeof input !== 'object' || input === null || typeof key !== 'string' || !(key in input)) return '';
  return ` (got ${JSON.stringify((input as Record<string, unknown>)[key])})`;
}
