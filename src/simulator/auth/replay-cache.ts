/**
 * Remembers single-use identifiers (assertion and DPoP proof `jti`s) until they could no longer be accepted anyway,
 * so memory stays bounded by the acceptance window rather than by uptime.
 */
export class ReplayCache {
  private readonly seen = new Map<string, number>();
  private nextSweepAt = 0;

  /** Records `id` until `keepUntilMs`. Returns false when `id` was already recorded and has not lapsed. */
  use(id: string, keepUntilMs: number, nowMs: number): boolean {
    this.sweep(nowMs);
    const until = this.seen.get(id);
    if (until !== undefined && until > nowMs) return false;
    this.seen.set(id, keepUntilMs);
    return true;
  }

  get size(): number {
    return this.seen.size;
  }

  private sweep(nowMs: number): void {
    if (nowMs < this.nextSweepAt) return;
    for (const [id, until] of this.seen) if (until <= nowMs) this.seen.delete(id);
    this.nextSweepAt = nowMs + 60_000;
  }
}
