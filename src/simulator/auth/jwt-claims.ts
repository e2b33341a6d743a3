/**
 * How far in the future an `iat` may lie before it is rejected. Okta does not document its tolerance; a minute
 * absorbs ordinary clock drift between a client and the simulator without hiding a wrong clock.
 */
export const ALLOWED_CLOCK_SKEW_MS = 60_000;

export type Claims = Record<string, unknown>;

/** The JSON object in a verified JWS payload, or null when the payload is not one. */
export function decodeClaims(payload: Uint8Array): Claims | null {
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(payload));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Claims) : null;
  } catch {
    return null;
  }
}

/** A NumericDate claim (seconds since the epoch) in milliseconds, or undefined when absent or not a number. */
export function numericDateMs(claims: Claims, name: string): number | undefined {
  const value = claims[name];
  return typeof value === 'number' && Number.isFinite(value) ? value * 1000 : undefined;
}
