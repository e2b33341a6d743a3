import { z } from 'zod';
import { oktaIdSchema } from './schemas.js';

/** An Okta org domain as the store keys it, e.g. acme.okta.com. */
export const orgNameSchema = z.string().min(3).max(253).regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/, 'Not an Okta org domain (e.g. acme.okta.com).');

export const orgParams = z.strictObject({ org: orgNameSchema });
export const orgIdParams = z.strictObject({ org: orgNameSchema, id: oktaIdSchema });

/** A short free-text search: enough for a login or a name, never a query language. */
export const searchSchema = z.string().min(1).max(100).optional();

/** `a,b,c` in a query string. */
export function commaList<T extends z.ZodType<string, string>>(item: T) {
  return z
    .string()
    .max(500)
    .transform((text) => text.split(',').map((part) => part.trim()))
    .pipe(z.array(item).min(1).max(20));
}

/** `true`/`false` in a query string (z.coerce.boolean would take "false" as true). */
export const queryBoolean = z.enum(['true', 'false']).transform((value) => value === 'true');
