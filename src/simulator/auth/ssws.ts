import { createHash } from 'node:crypto';
import type { SimOrg } from '../org/types.js';

/**
 * A stable, non-secret id for an SSWS token, shaped like Okta's API token ids (`00T…`). The rate limiter keys the
 * per-token share on it; it is derived by hashing so the token itself never has to be kept next to counters.
 */
export function sswsTokenId(token: string): string {
  return '00T' + createHash('sha256').update(token).digest('base64url').replace(/[-_]/g, '').slice(0, 17);
}

/** Whether `token` is one of the org's API tokens. */
export function isKnownSswsToken(org: SimOrg, token: string): boolean {
  return org.sswsTokens.includes(token);
}
