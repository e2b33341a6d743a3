import { randomBytes } from 'node:crypto';
import { DAY_MS } from '../../config/runtime.js';

/** Okta renews the nonce every 24 h. */
export const NONCE_ROTATION_MS = DAY_MS;
/** An old nonce keeps working for 3 days after it was issued. */
export const NONCE_LIFETIME_MS = 3 * DAY_MS;

/**
 * The authorization server's DPoP nonces (https://developer.okta.com/docs/guides/dpop/oktaresourceserver/main/
 * "Configure DPoP"): one current value, renewed every 24 h, each accepted for 3 days after it was issued.
 */
export class DpopNonces {
  /** nonce → issued at (ms) */
  private readonly issued = new Map<string, number>();
  private latest: { nonce: string; issuedAt: number } | null = null;

  current(nowMs: number): string {
    if (this.latest === null || nowMs - this.latest.issuedAt >= NONCE_ROTATION_MS) {
      this.latest = { nonce: randomBytes(24).toString('base64url'), issuedAt: nowMs };
      this.issued.set(this.latest.nonce, nowMs);
      for (const [nonce, at] of this.issued) if (nowMs - at >= NONCE_LIFETIME_MS) this.issued.delete(nonce);
    }
    return this.latest.nonce;
  }

  isValid(nonce: string, nowMs: number): boolean {
    const issuedAt = this.issued.get(nonce);
    return issuedAt !== undefined && nowMs - issuedAt < NONCE_LIFETIME_MS;
  }
}
