import type { EntityChange } from '../../checks/diff.js';
import { changesSincePreviousRun, type TestChanges } from '../test-changes.js';
import type { Store } from '../../store/store.js';
import type { WebhookEvent } from './deliver.js';

/** Entities listed in one event; the count says how many there were in all (a receiver reads the rest from the API). */
export const MAX_ENTITIES_PER_EVENT = 100;

/**
 * `tests.newly_failing` and `tests.newly_fixed` for a stored test run, from the diff with the run of the previous sync
 * (`GET /api/orgs/{org}/tests/changes` says the same). None for an org's first run: with nothing to compare with,
 * every finding would be "new".
 */
export async function testChangeEvents(store: Pick<Store, 'checkResults'>, runId: string, at: Date): Promise<WebhookEvent[]> {
  const current = await store.checkResults.summary(runId);
  if (current === undefined) return [];
  const changes = await changesSincePreviousRun(store, current);
  const previous = changes.previous;
  if (previous === null) return [];
  const flatten = (pick: (check: TestChanges['checks'][number]) => EntityChange[]) =>
    changes.checks.flatMap((check) => pick(check).map((entity) => ({ checkId: check.checkId, ...entity })));
  const base = { org: current.org, occurredAt: at.toISOString() };
  const data = { syncId: current.syncId, runId: current.id, previousRunId: previous.runId, previousSyncId: previous.syncId };
  const events: WebhookEvent[] = [];
  for (const [type, entities, verb] of [
    ['tests.newly_failing', flatten((check) => check.newlyFailing), 'newly failing'],
    ['tests.newly_fixed', flatten((check) => check.newlyFixed), 'newly fixed'],
  ] as const) {
    if (entities.length === 0) continue;
    events.push({ ...base, type, summary: `${entities.length} ${entities.length === 1 ? 'entity' : 'entities'} ${verb}: ${perCheck(entities)}`, data: { ...data, count: entities.length, truncated: entities.length > MAX_ENTITIES_PER_EVENT, entities: entities.slice(0, MAX_ENTITIES_PER_EVENT) } });
  }
  return events;
}

/** `mfa-enabled-all-users (2), password-policy (1)`. */
function perCheck(entities: readonly { checkId: string }[]): string {
  const counts = new Map<string, number>();
  for (const { checkId } of entities) counts.set(checkId, (counts.get(checkId) ?? 0) + 1);
  return [...counts].map(([checkId, count]) => `${checkId} (${count})`).join(', ');
}
