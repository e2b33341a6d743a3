import type { FastifyInstance } from 'fastify';

const FORM = 'application/x-www-form-urlencoded';

/** Fastify parses no form bodies by default; the token endpoint needs them (RFC 6749 §4.4.2). */
export function registerFormParser(app: FastifyInstance): void {
  if (app.hasContentTypeParser(FORM)) return;
  app.addContentTypeParser(FORM, { parseAs: 'string' }, (_request, body, done) => {
    done(null, new URLSearchParams(body as string));
  });
}

/** Form fields with every value kept, so repeated parameters can be rejected. */
export type FormFields = ReadonlyMap<string, readonly string[]>;

/** The fields of a parsed form body (ours, or another parser's plain object), or null when the body is no form. */
export function formFields(body: unknown): FormFields | null {
  const fields = new Map<string, string[]>();
  const add = (key: string, value: string): void => {
    const list = fields.get(key);
    if (list) list.push(value);
    else fields.set(key, [value]);
  };
  if (body instanceof URLSearchParams) {
    for (const [key, value] of body) add(key, value);
    return fields;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    for (const item of Array.isArray(value) ? (value as unknown[]) : [value]) {
      if (typeof item !== 'string') return null;
      add(key, item);
    }
  }
  return fields;
}
