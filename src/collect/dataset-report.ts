import type { CollectionErrorRecord, DatasetId, DatasetStatus } from '../store/types.js';

/** `1234` → `1,234`, for reasons people read. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatCount(n)} ${n === 1 ? singular : pluralForm}`;
}

/**
 * What one collector run learned about the completeness of one dataset. The dataset is `complete` unless something
 * made it otherwise, and each such thing leaves a reason a person can read (STYLE.md "evidence is never quietly
 * incomplete"):
 * - a record that failed to parse (kept as a collection error with its id),
 * - a read that ended early (pagination refused, budget spent, a query Okta refused),
 * - a 403 for the whole dataset (`not_permitted`, with the permission that would allow it).
 * Notes explain a complete dataset without making it partial (e.g. a user deleted in Okta during the read).
 */
/**
 * Collection errors kept per dataset and run, and the length of each message. Past these a hostile answer (millions
 * of unparseable items) would grow the database by the gigabyte; the rest are counted, and the dataset says how many.
 */
export const MAX_ERRORS_KEPT = 1_000;
export const MAX_ERROR_MESSAGE = 2_000;

export class DatasetReport<D extends DatasetId = DatasetId> {
  private readonly errorsById = new Map<string, CollectionErrorRecord>();
  /** Errors past MAX_ERRORS_KEPT: counted, not kept. */
  private errorsNotKept = 0;
  private readonly gaps: string[] = [];
  private readonly notes: string[] = [];
  private denied: { reason: string; permissionNeeded: string } | undefined;

  constructor(readonly dataset: D) {}

  /** A record that failed to parse. One error per entity id: a later one for the same id adds to the message. */
  recordError(entityId: string, message: string): void {
    const existing = this.errorsById.get(entityId);
    if (existing === undefined && this.errorsById.size >= MAX_ERRORS_KEPT) {
      this.errorsNotKept += 1;
      return;
    }
    const joined = existing === undefined ? message : `${existing.message}; ${message}`;
    const capped = joined.length > MAX_ERROR_MESSAGE ? `${joined.slice(0, MAX_ERROR_MESSAGE)}… (cut)` : joined;
    this.errorsById.set(entityId, { dataset: this.dataset, entityId: entityId.slice(0, 200), message: capped });
  }

  /** The dataset misses data for this reason. */
  incomplete(reason: string): void {
    if (!this.gaps.includes(reason)) this.gaps.push(reason);
  }

  note(text: string): void {
    if (!this.notes.includes(text)) this.notes.push(text);
  }

  notPermitted(reason: string, permissionNeeded: string): void {
    this.denied = { reason, permissionNeeded };
  }

  /** Whether an error was recorded for an entity id starting with `prefix` (e.g. one group's members, `00g1/`). */
  hasErrorsUnder(prefix: string): boolean {
    for (const id of this.errorsById.keys()) if (id.startsWith(prefix)) return true;
    return false;
  }

  get errors(): CollectionErrorRecord[] {
    return [...this.errorsById.values()];
  }

  /** True when nothing is known to be missing: no gaps, no errors, not denied. */
  get isComplete(): boolean {
    return this.gaps.length === 0 && this.errorsById.size === 0 && this.denied === undefined;
  }

  /** True when the read itself ran to its end (parse errors aside), so records not seen are gone from Okta. */
  get readToEnd(): boolean {
    return this.gaps.length === 0 && this.denied === undefined;
  }

  /** `storedErrors`: the dataset's errors in the snapshot when that is not just this run's (factors continue across syncs). */
  toStatus(count: number, options: { storedErrors?: number } = {}): DatasetStatus {
    if (this.denied !== undefined) {
      return { dataset: this.dataset, state: 'not_permitted', count, reason: this.denied.reason, permissionNeeded: this.denied.permissionNeeded };
    }
    const errorCount = (options.storedErrors ?? this.errorsById.size) + this.errorsNotKept;
    const reasons = [...this.gaps];
    if (errorCount > 0) {
      const kept = this.errorsNotKept === 0 ? 'kept as collection errors with their ids' : `the first ${formatCount(MAX_ERRORS_KEPT)} kept as collection errors with their ids`;
      reasons.push(`${plural(errorCount, 'record')} could not be parsed (${kept})`);
    }
    const state = reasons.length > 0 ? 'partial' : 'complete';
    reasons.push(...this.notes);
    return reasons.length === 0 ? { dataset: this.dataset, state, count } : { dataset: this.dataset, state, count, reason: reasons.join('; ') };
  }
}
