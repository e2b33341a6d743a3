import type { ControlId } from '../frameworks/controls.js';
import type { CheckId } from '../frameworks/mapping.js';
import { CHECK_STATUSES, type CheckEntityResultRecord, type CheckStatus } from '../store/types.js';
import type { CheckSettings } from './settings.js';
import type { SnapshotView } from './snapshot-view.js';

export { CHECK_STATUSES, type CheckStatus };

/** Ordered weakest to strongest: `--fail-on high` also trips on critical. */
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** What a result is about. `dataset` stands for data the snapshot is missing, so a check cannot pass over it. */
export const ENTITY_TYPES = ['user', 'policy', 'organization', 'app', 'dataset', 'check'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/** One entity's result: the status, a reason a person can act on, and the record fields the check read. */
export interface CheckEntityResult extends CheckEntityResultRecord {
  entityType: EntityType;
}

/** What every check receives besides the snapshot: the validated settings and the instant "now" is. */
export interface CheckContext {
  readonly settings: CheckSettings;
  readonly now: Date;
}

/**
 * A security check declared as data. `evaluate` is a pure function of the snapshot view: no I/O, no clock (the
 * context carries `now`), one result per entity it applies to.
 */
export interface CheckDefinition {
  readonly id: CheckId;
  readonly title: string;
  readonly severity: Severity;
  /** For people: which entities get a result, e.g. "each user". */
  readonly appliesTo: string;
  readonly controls: readonly ControlId[];
  evaluate(view: SnapshotView, context: CheckContext): CheckEntityResult[];
  /** Counts kept apart from the status counts (CheckResultRecord.breakdown), computed from the results. */
  breakdown?(entities: readonly CheckEntityResult[]): Record<string, number>;
}

/** Adds no behaviour: it only gives a check declaration its type. */
export function defineCheck(check: CheckDefinition): CheckDefinition {
  return check;
}
