/**
 * Counts authenticated requests per credential for the `revokeTokenAfterRequests` fault: once a credential has
 * served the limit, it is treated as revoked. The limit is read at request time, so switching the fault off (or
 * raising it) brings the credential back, which lets a test script a revocation and a recovery.
 */
export class CredentialUsage {
  private readonly counts = new Map<string, number>();

  /** Returns true and counts the request when the credential may still be used under `limit` (null: no limit). */
  tryUse(credentialKey: string, limit: number | null): boolean {
    const used = this.counts.get(credentialKey) ?? 0;
    if (limit !== null && used >= limit) return false;
    this.counts.set(credentialKey, used + 1);
    return true;
  }
}
