/**
 * The offset between Okta's clock and ours, from response `Date` headers, so `X-Rate-Limit-Reset` (server epoch
 * seconds) can be turned into a local time. Okta's own formula for a 429 (Reset − Date + 1 s, okta-sdk-golang
 * PR #168, okta-sdk-nodejs `getRetryDelayMs`) is the one-sample version of this.
 *
 * `Date` has one-second resolution and is stamped somewhere between our send and our receive, so each sample
 * `Date − receivedAt` is a lower bound of the true offset (server − local). Keeping the largest recent sample gives
 * an estimate that converges on the truth from below; using it makes every converted Reset fall at or AFTER the
 * server's real reset, never before, which is the safe side. Samples expire so a local clock step is forgotten.
 */
export class ClockSkew {
  private samples: { at: number; lowerBound: number }[] = [];

  constructor(private readonly maxAgeMs = 5 * 60_000) {}

  /** Records one response: its `Date` header (epoch ms) and the local time the headers arrived. */
  observe(serverDateMs: number, receivedAtLocal: number): void {
    const lowerBound = serverDateMs - receivedAtLocal;
    this.samples = this.samples.filter((s) => receivedAtLocal - s.at <= this.maxAgeMs && s.lowerBound > lowerBound);
    this.samples.push({ at: receivedAtLocal, lowerBound });
  }

  /** Estimated server − local offset in ms; 0 before any sample. */
  offsetMs(now: number): number {
    let best: number | undefined;
    for (const s of this.samples) {
      if (now - s.at <= this.maxAgeMs && (best === undefined || s.lowerBound > best)) best = s.lowerBound;
    }
    return best ?? 0;
  }

  /** A server timestamp (epoch ms) as local clock time. */
  toLocal(serverMs: number, now: number): number {
    return serverMs - this.offsetMs(now);
  }
}
