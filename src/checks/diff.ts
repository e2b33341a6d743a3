import type { CheckEntityResultRecord, CheckRunRecord, CheckStatus } from '../store/types.js';

/** An entity whose result changed between two runs; `null` means the entity was not in that run. */
export interface EntityChange {
  entityType: string;
  entityId: string;
  entityName: string;
  before: CheckStatus | null;
  after: CheckStatus | null;
  /** The current reason, or the previous one when the entity is gone. */
  reason: string;
}

export interface CheckChanges {
  id: string;
  before: CheckStatus | null;
  after: CheckStatus | null;
  /** Failing now and not failing before: new, or previously passing, not applicable or not judgeable. */
  newlyFailing: EntityChange[];
  /** Failing before and now passing, not applicable, or gone (a deleted user's finding is resolved). */
  newlyFixed: EntityChange[];
}

export interface RunChanges {
  previousSnapshotId: string;
  previousSyncId: string | null;
  previousEvaluatedAt: Date;
  checks: CheckChanges[];
}

/**
 * What changed from one run to the next, check by check: "what changed since the last sync". Pure. An entity that
 * moves from fail to error is neither fixed nor newly failing: the data to judge it is missing, which the current
 * run reports as an error already.
 */
export function diffRuns(previous: CheckRunRecord, current: CheckRunRecord): RunChanges {
  const previousById = new Map(previous.results.map((result) => [result.id, result]));
  const currentIds = new Set(current.results.map((result) => result.id));
  const checks: CheckChanges[] = current.results.map((result) => {
    const before = previousById.get(result.id);
    return diffCheck(result.id, before?.status ?? null, result.status, before?.entities ?? [], result.entities);
  });
  for (const result of previous.results) {
    if (!currentIds.has(result.id)) checks.push(diffCheck(result.id, result.status, null, result.entities, []));
  }
  return { previousSnapshotId: previous.snapshotId, previousSyncId: previous.syncId, previousEvaluatedAt: previous.evaluatedAt, checks };
}

function diffCheck(
  id: string,
  beforeStatus: CheckStatus | null,
  afterStatus: CheckStatus | null,
  beforeEntities: readonly CheckEntityResultRecord[],
  afterEntities: readonly CheckEntityResultRecord[],
): CheckChanges {
  const beforeByKey = new Map(beforeEntities.map((entity) => [keyOf(entity), entity]));
  const newlyFailing: EntityChange[] = [];
  const newlyFixed: EntityChange[] = [];
  const seen = new Set<string>();
  for (const entity of afterEntities) {
    const key = keyOf(entity);
    seen.add(key);
    const before = beforeByKey.get(key)?.status ?? null;
    if (entity.status === 'fail' && before !== 'fail') newlyFailing.push(change(entity, before, entity.status));
    else if (before === 'fail' && (entity.status === 'pass' || entity.status === 'not_applicable')) newlyFixed.push(change(entity, before, entity.status));
  }
  for (const entity of beforeEntities) {
    if (entity.status === 'fail' && !seen.has(keyOf(entity))) newlyFixed.push(change(entity, entity.status, null));
  }
  return { id, before: beforeStatus, after: afterStatus, newlyFailing, newlyFixed };
}

function change(entity: CheckEntityResultRecord, before: CheckStatus | null, after: CheckStatus | null): EntityChange {
  return { entityType: entity.entityType, entityId: entity.entityId, entityName: entity.entityName, before, after, reason: entity.reason };
}

/** Entity ids are unique only within their type (a policy and the organization share a check). */
function keyOf(entity: CheckEntityResultRecord): string {
  return `${entity.entityType}\u0000${entity.entityId}`;
}
