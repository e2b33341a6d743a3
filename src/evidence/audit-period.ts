import { DAY_MS } from '../config/runtime.js';
import type { LogEventRepository } from '../store/store.js';
import type { TimeWindow } from '../store/types.js';
import { EvidenceError } from './errors.js';

/**
 * An audit period for an export (`evidence export --from/--to`): the System Log events, the access reviews and the
 * review coverage of assignments are those of the period, and every header and the manifest state it. Dates are UTC:
 * a bare date `--from 2026-07-01` starts at 00:00Z that day, and a bare `--to 2026-09-30` takes the whole day (the
 * period ends at 2026-10-01T00:00Z, exclusive), as an auditor reading "1 July to 30 September" means it.
 */
export interface AuditPeriodInput {
  from?: string | undefined;
  to?: string | undefined;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An instant from `--from`/`--to`; a bare date's `--to` is the end of that day. Throws for anything else. */
function parseInstant(flag: 'from' | 'to', text: string): Date {
  const value = text.trim();
  const dateOnly = DATE_ONLY.test(value);
  const date = dateOnly ? new Date(`${value}T00:00:00Z`) : DATE_TIME.test(value) ? new Date(value) : new Date(Number.NaN);
  // `2026-02-30` parses to 2 March in JavaScript: a date that does not round-trip does not exist.
  const exists = !Number.isNaN(date.getTime()) && (!dateOnly || date.toISOString().slice(0, 10) === value);
  if (!exists) {
    throw new EvidenceError(
      'EVIDENCE_PERIOD_INVALID',
      `--${flag} ${JSON.stringify(text)} is not a date: give a UTC date (2026-07-01) or an ISO 8601 instant with its zone (2026-07-01T09:00:00Z).`,
    );
  }
  return flag === 'to' && dateOnly ? new Date(date.getTime() + DAY_MS) : date;
}

/** What the store holds of the org's System Log: from the oldest kept event to the end of the last sync's window. */
export async function availableLog(logEvents: Pick<LogEventRepository, 'stream'>, org: string, lastWindow: TimeWindow | null): Promise<TimeWindow | null> {
  if (lastWindow === null) return null;
  let oldest: Date | undefined;
  for await (const event of logEvents.stream(org, { since: new Date(0), until: lastWindow.until }, { batchSize: 1 })) {
    oldest = event.published;
    break;
  }
  const since = oldest !== undefined && oldest < lastWindow.since ? oldest : lastWindow.since;
  return { since, until: lastWindow.until };
}

/**
 * The period to export, or null when none was asked for. A missing `--from` starts at the oldest System Log data
 * kept, a missing `--to` ends with the last sync's window. The period must fall within the data kept: an export never
 * claims a period it cannot show (Okta keeps the System Log 90 days; this store keeps what its syncs read).
 */
export function resolveAuditPeriod(input: AuditPeriodInput, available: TimeWindow | null, org: string): TimeWindow | null {
  if (input.from === undefined && input.to === undefined) return null;
  const from = input.from === undefined ? undefined : parseInstant('from', input.from);
  const to = input.to === undefined ? undefined : parseInstant('to', input.to);
  if (from !== undefined && to !== undefined && from >= to) {
    throw new EvidenceError('EVIDENCE_PERIOD_INVALID', `--from ${input.from ?? ''} is not before --to ${input.to ?? ''}: the audit period would be empty.`);
  }
  if (available === null) {
    throw new EvidenceError(
      'EVIDENCE_PERIOD_UNAVAILABLE',
      `No System Log of ${org} is stored (the last sync recorded no System Log window), so no audit period can be exported; run okta-evidence sync first.`,
    );
  }
  const period = { since: from ?? available.since, until: to ?? available.until };
  if (period.since < available.since || period.until > available.until) {
    throw new EvidenceError(
      'EVIDENCE_PERIOD_UNAVAILABLE',
      `The audit period ${period.since.toISOString()} to ${period.until.toISOString()} is beyond the data kept: the System Log stored for ${org} covers ${available.since.toISOString()} to ${available.until.toISOString()}. Choose --from/--to within it (events older than Okta's 90-day retention cannot be read again).`,
    );
  }
  if (period.since >= period.until) {
    throw new EvidenceError('EVIDENCE_PERIOD_INVALID', `The audit period ${period.since.toISOString()} to ${period.until.toISOString()} is empty.`);
  }
  return period;
}
