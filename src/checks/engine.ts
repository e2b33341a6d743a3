import type { ControlId } from '../frameworks/controls.js';
import type { CheckId } from '../frameworks/mapping.js';
import type { CheckResultRecord, CheckRunRecord } from '../store/types.js';
import { ALL_CHECKS } from './all-checks.js';
import type { CheckContext, CheckDefinition, CheckEntityResult, CheckStatus, Severity } from './check.js';
import { parseCheckSettings, type CheckSettings } from './settings.js';
import type { SnapshotView } from './snapshot-view.js';

/** One check's outcome over a snapshot: the worst entity status, counts per status, and every entity's result. */
export interface CheckResult extends CheckResultRecord {
  id: CheckId;
  severity: Severity;
  controls: readonly ControlId[];
  entities: CheckEntityResult[];
}

export interface CheckRunResult extends CheckRunRecord {
  settings: CheckSettings;
  results: CheckResult[];
}

export interface EvaluateOptions {
  /** The instant the checks judge against (inactive days, review age). */
  now: Date;
  /** Defaults to every check. */
  checks?: readonly CheckDefinition[];
}

/**
 * Runs the checks over a snapshot view. Settings are validated first (CheckSettingsError names what to fix). A check
 * that throws is a bug, but it costs only its own result: it reports one `error` entity and the other checks run.
 */
export function evaluateChecks(view: SnapshotView, settings: unknown, options: EvaluateOptions): CheckRunResult {
  const context: CheckContext = { settings: parseCheckSettings(settings), now: options.now };
  return {
    org: view.org,
    snapshotId: view.snapshotId,
    syncId: view.syncId,
    evaluatedAt: options.now,
    settings: context.settings,
    results: (options.checks ?? ALL_CHECKS).map((check) => runCheck(check, view, context)),
  };
}

function runCheck(check: CheckDefinition, view: SnapshotView, context: CheckContext): CheckResult {
  let entities: CheckEntityResult[];
  try {
    entities = sortedUnique(check.evaluate(view, context));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    entities = [
      {
        entityType: 'check',
        entityId: check.id,
        entityName: check.title,
        status: 'error',
        reason: `The check could not run (${message}). This is a bug in okta-evidence: please report it.`,
        fields: {},
      },
    ];
  }
  const counts = countStatuses(entities);
  const breakdown = check.breakdown?.(entities);
  return {
    id: check.id,
    title: check.title,
    severity: check.severity,
    status: overallStatus(counts),
    controls: check.controls,
    counts,
    ...(breakdown === undefined ? {} : { breakdown }),
    entities,
  };
}

export function countStatuses(entities: readonly { status: CheckStatus }[]): Record<CheckStatus, number> {
  const counts: Record<CheckStatus, number> = { pass: 0, fail: 0, not_applicable: 0, error: 0 };
  for (const entity of entities) counts[entity.status] += 1;
  return counts;
}

/** error > fail > pass; a check whose entities are all not applicable (or that has none) is not applicable. */
export function overallStatus(counts: Record<CheckStatus, number>): CheckStatus {
  if (counts.error > 0) return 'error';
  if (counts.fail > 0) return 'fail';
  if (counts.pass > 0) return 'pass';
  return 'not_applicable';
}

/**
 * Entities in (type, id) order — the order the store reads them back in — with each key once: the key is how a later
 * run is compared with this one, so a duplicate is a bug in the check.
 */
function sortedUnique(entities: CheckEntityResult[]): CheckEntityResult[] {
  const sorted = [...entities].sort((a, b) => compare(a.entityType, b.entityType) || compare(a.entityId, b.entityId));
  for (let i = 1; i < sorted.length; i += 1) {
    const previous = sorted[i - 1];
    const current = sorted[i];
    if (previous !== undefined && current !== undefined && previous.entityType === current.entityType && previous.entityId === current.entityId) {
      throw new Error(`two results for ${current.entityType} ${current.entityId}`);
    }
  }
  return sorted;
}

/** Code-unit order, which for Okta's ASCII ids is the byte order the store's key columns sort in. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
