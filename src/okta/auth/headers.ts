/** Response headers as undici and Fastify's inject hand them over. */
export type ResponseHeaders = Record<string, string | string[] | undefined>;

/** A header's value, matched case-insensitively; a repeated header yields its first value. */
export function headerValue(headers: ResponseHeaders, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}
