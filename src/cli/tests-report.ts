import { severityRank, type CheckEntityResult, type Severity } from '../checks/check.js';
import type { RunChanges } from '../checks/diff.js';
import type { CheckResult, CheckRunResult } from '../checks/engine.js';
import { PASSWORD_PROFILES } from '../checks/password-profiles.js';
import type { SnapshotRecord } from '../store/types.js';

/** Failing entities listed per check in the table; `--format json` has them all. */
export const LISTED_PER_CHECK = 20;
/** Names shown per "newly failing / fixed" line. */
const CHANGES_NAMED = 5;

const STATUS_LABELS = { pass: 'PASS', fail: 'FAIL', error: 'ERROR', not_applicable: 'N/A' } as const;

/** The table `okta-evidence tests` prints: a summary line per check, then each check's failing entities. */
export function formatTestsTable(run: CheckRunResult, snapshot: SnapshotRecord, changes: RunChanges | undefined): string[] {
  const lines = [
    `Security tests for ${run.org}: snapshot of sync ${run.syncId ?? 'unknown'} taken ${snapshot.createdAt.toISOString()}, password profile ${PASSWORD_PROFILES[run.settings.profile].name}`,
    '',
    ...summaryTable(run.results),
    ...breakdownLines(run.results),
  ];
  for (const result of run.results) lines.push(...checkDetail(result, changes?.checks.find((check) => check.id === result.id)));
  lines.push('');
  lines.push(changes === undefined ? 'No earlier sync to compare with; the next run will show what changed.' : `Compared with the previous sync ${changes.previousSyncId ?? changes.previousSnapshotId}.`);
  return lines;
}

/** Counts a check keeps apart (e.g. users whose MFA is at another identity provider), one line per check that has any. */
function breakdownLines(results: readonly CheckResult[]): string[] {
  const lines: string[] = [];
  for (const result of results) {
    const parts = Object.entries(result.breakdown ?? {}).filter(([, count]) => count > 0).map(([name, count]) => `${name} ${count}`);
    if (parts.length > 0) lines.push(`  ${result.title}: ${parts.join(' · ')}`);
  }
  return lines;
}

function summaryTable(results: readonly CheckResult[]): string[] {
  const header = ['STATUS', 'SEVERITY', 'CHECK', 'PASS', 'FAIL', 'ERROR', 'N/A'];
  const rows = results.map((result) => [
    STATUS_LABELS[result.status],
    result.severity,
    result.title,
    String(result.counts.pass),
    String(result.counts.fail),
    String(result.counts.error),
    String(result.counts.not_applicable),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const numeric = (column: number) => column >= 3;
  const format = (row: string[]) =>
    row.map((cell, column) => (numeric(column) ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0))).join('  ').trimEnd();
  return [format(header), ...rows.map(format)];
}

function checkDetail(result: CheckResult, changes: RunChanges['checks'][number] | undefined): string[] {
  const failing = [...result.entities.filter((entity) => entity.status === 'fail'), ...result.entities.filter((entity) => entity.status === 'error')];
  const lines: string[] = [];
  if (failing.length > 0) {
    lines.push('', `${STATUS_LABELS[result.status]} ${result.title} (${result.id}): ${result.counts.fail} failing, ${result.counts.error} not judged`);
    const nameWidth = Math.min(40, Math.max(...failing.slice(0, LISTED_PER_CHECK).map((entity) => entity.entityName.length)));
    for (const entity of failing.slice(0, LISTED_PER_CHECK)) lines.push(`  ${STATUS_LABELS[entity.status].padEnd(5)}  ${entity.entityName.padEnd(nameWidth)}  ${entity.reason}`);
    if (failing.length > LISTED_PER_CHECK) lines.push(`  … and ${failing.length - LISTED_PER_CHECK} more: run with --format json to see every entity`);
  }
  if (changes !== undefined && (changes.newlyFailing.length > 0 || changes.newlyFixed.length > 0)) {
    if (failing.length === 0) lines.push('', `${STATUS_LABELS[result.status]} ${result.title} (${result.id})`);
    lines.push(`  Since the previous sync: ${describeChange(changes.newlyFailing.length, 'newly failing', changes.newlyFailing)}; ${describeChange(changes.newlyFixed.length, 'fixed', changes.newlyFixed)}`);
  }
  return lines;
}

function describeChange(count: number, label: string, entities: readonly { entityName: string }[]): string {
  if (count === 0) return `0 ${label}`;
  const names = entities.slice(0, CHANGES_NAMED).map((entity) => entity.entityName).join(', ');
  return `${count} ${label} (${names}${count > CHANGES_NAMED ? ', …' : ''})`;
}

/** The JSON `--format json` prints: every entity of every check, and what changed since the previous sync. */
export function testsJson(run: CheckRunResult, changes: RunChanges | undefined): Record<string, unknown> {
  return {
    org: run.org,
    syncId: run.syncId,
    snapshotId: run.snapshotId,
    evaluatedAt: run.evaluatedAt.toISOString(),
    settings: run.settings,
    results: run.results.map((result) => ({
      id: result.id,
      title: result.title,
      severity: result.severity,
      status: result.status,
      counts: result.counts,
      ...(result.breakdown === undefined ? {} : { breakdown: result.breakdown }),
      controls: result.controls,
      entities: result.entities.map(entityJson),
    })),
    changes:
      changes === undefined
        ? null
        : {
            previousSyncId: changes.previousSyncId,
            checks: changes.checks.map((check) => ({
              id: check.id,
              newlyFailing: check.newlyFailing.map(({ entityType, entityId, entityName, before, after }) => ({ type: entityType, id: entityId, name: entityName, before, after })),
              newlyFixed: check.newlyFixed.map(({ entityType, entityId, entityName, before, after }) => ({ type: entityType, id: entityId, name: entityName, before, after })),
            })),
          },
  };
}

/** Each entity with the structured fields the check decided on (strongest factor, days inactive, actual vs required), as the export carries them. */
function entityJson(entity: CheckEntityResult): Record<string, unknown> {
  return { type: entity.entityType, id: entity.entityId, name: entity.entityName, status: entity.status, reason: entity.reason, fields: entity.fields };
}

/** Checks at `threshold` severity or above that did not pass (fail or error): what `--fail-on` trips on. */
export function checksTripping(run: CheckRunResult, threshold: Severity): CheckResult[] {
  return run.results.filter((result) => severityRank(result.severity) >= severityRank(threshold) && (result.status === 'fail' || result.status === 'error'));
}
