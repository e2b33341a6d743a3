import { z } from 'zod';

/**
 * Building blocks for the raw schemas of Okta payloads. They are lenient the way Okta's API is loose: unknown fields
 * are dropped, not rejected; enum-like strings (statuses, types) stay plain strings because Okta adds values over time
 * (OKTA-API.md §14); nulls and absent optional fields both read as null. They are strict only where a wrong value
 * would change what a check concludes or where a value goes into a URL we request next.
 */

/**
 * An Okta object id (`00u…`, `00g…`, `0oa…`, `00p…`). Ids go into the paths of follow-up requests, so anything
 * beyond letters, digits, `_` and `-` (e.g. `..` or `/`) is refused rather than sent.
 */
export const oktaIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'expected an Okta id (letters, digits, _ or -)');

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** An ISO-8601 timestamp such as `2024-03-04T15:56:05.000Z`, as a Date. */
export const timestampSchema = z
  .string()
  .refine((text) => ISO_TIMESTAMP.test(text) && !Number.isNaN(Date.parse(text)), 'expected an ISO-8601 timestamp')
  .transform((text) => new Date(text));

/** A timestamp Okta may leave out or send as null (`lastLogin`, `activated`, …). */
export const optionalTimestampSchema = timestampSchema.nullish().transform((value) => value ?? null);

/** A string Okta may leave out or send as null. */
export const optionalStringSchema = z.string().nullish().transform((value) => value ?? null);

/** A number Okta may leave out or send as null (e.g. a policy's `priority`). */
export const optionalNumberSchema = z.number().nullish().transform((value) => value ?? null);

/**
 * How deep kept JSON may nest. Real policy settings nest about six levels; storing and reading back a value walks it
 * recursively (JSON.stringify), so a crafted value thousands of levels deep would overflow the stack and fail the
 * whole sync. Deeper than this, the record becomes a collection error with its id instead.
 */
export const MAX_JSON_DEPTH = 64;

/** True when `value` nests objects or arrays more than `limit` levels deep. Iterative: safe on any depth. */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    if (typeof next.value !== 'object' || next.value === null) continue;
    if (next.depth >= limit) return true;
    for (const child of Object.values(next.value)) if (typeof child === 'object' && child !== null) stack.push({ value: child, depth: next.depth + 1 });
  }
  return false;
}

/** Any JSON Okta sends, kept as-is for checks to parse later (policy conditions, settings, actions), nesting bounded. */
export const jsonSchema = z
  .unknown()
  .refine((value) => !nestsDeeperThan(value, MAX_JSON_DEPTH), `nested deeper than ${MAX_JSON_DEPTH} levels`)
  .optional()
  .transform((value) => value ?? null);

/**
 * One `_links` entry. Okta sends most links as `{href}` but some as arrays (`logo`, `appLinks`), so a link that is not
 * the object we expect reads as absent instead of failing the whole record.
 */
export const linkSchema = z
  .object({ href: z.string() })
  .optional()
  .catch(undefined);

/** The last path segment of a link, e.g. the policy id of `https://{org}/api/v1/policies/rst1abc`. */
export function lastPathSegment(href: string | undefined): string | null {
  if (href === undefined) return null;
  let path: string;
  try {
    path = new URL(href, 'https://okta.invalid').pathname;
  } catch {
    return null;
  }
  const segment = path.split('/').filter((part) => part !== '').at(-1);
  if (segment === undefined) return null;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
