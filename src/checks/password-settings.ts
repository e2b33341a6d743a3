import { z } from 'zod';
import type { PasswordSettings } from './password-profiles.js';

/*
 * PASSWORD policy settings are stored as Okta shaped them (OKTA-API.md §9.2). Every value may be null or missing (the
 * SPEC example has `"minNumber": null`), and a value of the wrong type is read as "not set" rather than failing the
 * whole policy.
 */
const count = z.number().nullish().catch(null);
const flag = z.boolean().nullish().catch(null);
const group = <T extends z.ZodRawShape>(shape: T) => z.object(shape).nullish().catch(null);

const passwordSchema = z.object({
  complexity: group({
    minLength: count,
    minLowerCase: count,
    minUpperCase: count,
    minNumber: count,
    minSymbol: count,
    dictionary: group({ common: group({ exclude: flag }) }),
  }),
  age: group({ maxAgeDays: count, minAgeMinutes: count, historyCount: count }),
  lockout: group({ maxAttempts: count, autoUnlockMinutes: count }),
});

const settingsSchema = z.object({ password: passwordSchema });

/** The settings the profiles judge, or undefined when the policy has no `settings.password` object at all. */
export function parsePasswordSettings(settings: unknown): PasswordSettings | undefined {
  const parsed = settingsSchema.safeParse(settings);
  if (!parsed.success) return undefined;
  const { complexity, age, lockout } = parsed.data.password;
  return {
    minLength: complexity?.minLength ?? null,
    minLowerCase: complexity?.minLowerCase ?? null,
    minUpperCase: complexity?.minUpperCase ?? null,
    minNumber: complexity?.minNumber ?? null,
    minSymbol: complexity?.minSymbol ?? null,
    commonPasswordCheck: complexity?.dictionary?.common?.exclude ?? null,
    historyCount: age?.historyCount ?? null,
    maxAgeDays: age?.maxAgeDays ?? null,
    minAgeMinutes: age?.minAgeMinutes ?? null,
    maxAttempts: lockout?.maxAttempts ?? null,
    autoUnlockMinutes: lockout?.autoUnlockMinutes ?? null,
  };
}
