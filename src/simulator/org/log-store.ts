import type { SimLogEvent, SimLogStore } from './types.js';

/** Marks "no user" in the actor and subject columns (the actor is then Okta itself). */
export const NO_USER = 0xffffffff;

/**
 * Generated events as columns: about 26 bytes an event instead of a few kilobytes of objects, so a 50,000-user org
 * with 700,000 events stays small. The full LogEvent is rebuilt on demand from these plus the org.
 */
export interface CompactLogColumns {
  /** `published` in ms since the epoch, ascending. */
  published: Float64Array;
  /** Index into the event-kind table the factory knows. */
  kind: Uint8Array;
  /** Index into the outcome table the factory knows. */
  outcome: Uint8Array;
  /** User index of the actor, or NO_USER. */
  actor: Uint32Array;
  /** User index of the user the event is about, or NO_USER. */
  subject: Uint32Array;
  /** Kind-dependent: an app, group, policy or factor index. */
  target: Uint32Array;
}

/** Builds the full event for compact index `i`; must be a pure function of the columns and i. */
export type LogEventFactory = (columns: CompactLogColumns, i: number) => SimLogEvent;

/**
 * A SimLogStore over compact generated events plus real events appended later (e.g. by a test or a route that
 * records activity). Appended events normally come after every generated one; when one does not, the merged order
 * is still by `published`, with generated events first among equal timestamps.
 */
export class CompactLogStore implements SimLogStore {
  private readonly columns: CompactLogColumns;
  private readonly factory: LogEventFactory;
  private readonly compactSize: number;
  private readonly appended: SimLogEvent[] = [];
  private readonly appendedAt: number[] = [];

  constructor(columns: CompactLogColumns, factory: LogEventFactory) {
    this.columns = columns;
    this.factory = factory;
    this.compactSize = columns.published.length;
  }

  get size(): number {
    return this.compactSize + this.appended.length;
  }

  publishedAt(index: number): number {
    const slot = this.locate(index);
    if (slot === null) return Number.NaN;
    return slot.compact ? (this.columns.published[slot.at] ?? Number.NaN) : (this.appendedAt[slot.at] ?? Number.NaN);
  }

  event(index: number): SimLogEvent {
    const slot = this.locate(index);
    const event = slot === null ? undefined : slot.compact ? this.factory(this.columns, slot.at) : this.appended[slot.at];
    if (event === undefined) throw new RangeError(`no log event at ${index}`);
    return event;
  }

  append(event: SimLogEvent): void {
    const at = Date.parse(event.published);
    if (Number.isNaN(at)) throw new TypeError(`log event ${event.uuid}: published is not a timestamp: ${event.published}`);
    const i = upperBound(this.appendedAt, this.appendedAt.length, at);
    this.appended.splice(i, 0, event);
    this.appendedAt.splice(i, 0, at);
  }

  /** Maps a merged index to a generated (compact) or appended slot. */
  private locate(index: number): { compact: boolean; at: number } | null {
    if (!Number.isInteger(index) || index < 0 || index >= this.size) return null;
    const n = this.compactSize;
    const firstAppended = this.appendedAt[0];
    // Common case: every appended event is at or after the last generated one.
    if (firstAppended === undefined || n === 0 || firstAppended >= (this.columns.published[n - 1] ?? 0)) {
      return index < n ? { compact: true, at: index } : { compact: false, at: index - n };
    }
    // Appended event j sits at merged position j + (generated events at or before it); that is strictly increasing
    // in j, so binary-search how many appended events come before `index`.
    const position = (j: number): number => j + upperBound(this.columns.published, n, this.appendedAt[j] ?? 0);
    let lo = 0;
    let hi = this.appended.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (position(mid) < index) lo = mid + 1;
      else hi = mid;
    }
    if (lo < this.appended.length && position(lo) === index) return { compact: false, at: lo };
    return { compact: true, at: index - lo };
  }
}

/** First position in `values[0..length)` whose value is greater than `x`. */
function upperBound(values: ArrayLike<number>, length: number, x: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] ?? 0) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
