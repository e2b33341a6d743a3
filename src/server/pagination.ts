import { z } from 'zod';

export const MAX_PAGE_SIZE = 200;
const MAX_CURSOR_LENGTH = 1_000;

/** An opaque cursor: the previous page's last key, base64url-encoded JSON. Clients pass `next` back as `cursor`. */
export function encodeCursor(key: readonly string[] | null): string | null {
  return key === null ? null : Buffer.from(JSON.stringify(key)).toString('base64url');
}

const cursorKey = z.array(z.string().max(300)).min(1).max(4);

export const cursorSchema = z
  .string()
  .max(MAX_CURSOR_LENGTH)
  .transform((text, ctx) => {
    try {
      const parsed = cursorKey.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
      if (parsed.success) return parsed.data;
    } catch {
      // fall through to the issue below
    }
    ctx.addIssue({ code: 'custom', message: 'Not a cursor this API returned: pass the `next` value of the previous page.' });
    return z.NEVER;
  })
  .describe('The `next` value of the previous page.');

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50).describe(`Items per page (1-${MAX_PAGE_SIZE}).`),
  cursor: cursorSchema.optional(),
};

/** A page of items with the cursor of the next page (null on the last). */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), next: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page.') });
}

export function pageRequest(query: { limit: number; cursor?: string[] | undefined }): { limit: number; after?: string[] } {
  return query.cursor === undefined ? { limit: query.limit } : { limit: query.limit, after: query.cursor };
}
