import type { StreamedTestsRun } from '../app/tests.js';
import { severityRank, type Severity } from '../checks/check.js';
import type { RunChanges } from '../checks/diff.js';
import type { CheckResult } from '../checks/engine.js';
import { PASSWORD_PROFILES } from '../checks/password-profiles.js';
import type { CheckEntityResultRecord } from '../store/types.js';

/** Failing entities listed per check in the table; `--format json` has them all. */
export const LISTED_PER_CHECK = 20;
/** Names shown per "newly failing / fixed" line. */
const CHANGES_NAMED = 5;

const STATUS_LABELS = { pass: 'PASS', fail: 'FAIL', error: 'ERROR', not_applicable: 'N/A' } as const;

type RunSummary = StreamedTestsRun['run'];
type ResultSummary = RunSummary['results'][number];

/**
 * The first failing entities of each check, then those not judged (error), at most LISTED_PER_CHECK of each, read
 * back from the stored run: the table never needs the other ~100,000 entity results in memory.
 */
export async function failingListed(tests: StreamedTestsRun): Promise<Map<string, CheckEntityResultRecord[]>> {
  const listed = new Map<string, CheckEntityResultRecord[]>();
  for (const result of tests.run.results) {
    if (result.counts.fail + result.counts.error === 0) continue;
    const failing: CheckEntityResultRecord[] = [];
    const errors: CheckEntityResultRecord[] = [];
    for await (const entity of tests.entitiesOf(result.id)) {
      if (entity.status === 'fail' && failing.length < LISTED_PER_CHECK) failing.push(entity);
      if (entity.status === 'error' && errors.length < LISTED_PER_CHECK) errors.push(entity);
    }
    listed.set(result.id, [...failing, ...errors]);
  }
  return listed;
}

/** The table `okta-evidence tests` prints: a summary line per check, then each check's failing entities (`failingListed`). */
export function formatTestsTable(tests: StreamedTestsRun, failing: ReadonlyMap<string, readonly CheckEntityResultRecord[]>): string[] {
  const { run, snapshot, changes } = tests;
  const lines = [
    `Security tests for ${run.org}: snapshot of sync ${run.syncId ?? 'unknown'} taken ${snapshot.createdAt.toISOString()}, password profile ${PASSWORD_PROFILES[run.settings.profile].name}`,
    '',
    ...summaryTable(run.results),
    ...breakdownLines(run.results),
  ];
  for (const result of run.results) lines.push(...checkDetail(result, failing.get(result.id) ?? [], changes?.checks.find((check) => check.id === result.id)));
  lines.push('');
  lines.push(changes === undefined ? 'No earlier sync to compare with; the next run will show what changed.' : `Compared with the previous sync ${changes.previousSyncId ?? changes.previousSnapshotId}.`);
  return lines;
}

/** Counts a check keeps apart (e.g. users whose MFA is at another identity provider), one line per check that has any. */
function breakdownLines(results: readonly ResultSummary[]): string[] {
  const lines: string[] = [];
  for (const result of results) {
    const parts = Object.entries(result.breakdown ?? {}).filter(([, count]) => count > 0).map(([name, count]) => `${name} ${count}`);
    if (parts.length > 0) lines.push(`  ${result.title}: ${parts.join(' · ')}`);
  }
  return lines;
}

function summaryTable(results: readonly ResultSummary[]): string[] {
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

function checkDetail(result: ResultSummary, listed: readonly CheckEntityResultRecord[], changes: RunChanges['checks'][number] | undefined): string[] {
  const failingCount = result.counts.fail + result.counts.error;
  const shown = listed.slice(0, LISTED_PER_CHECK);
  const lines: string[] = [];
  if (failingCount > 0) {
    lines.push('', `${STATUS_LABELS[result.status]} ${result.title} (${result.id}): ${result.counts.fail} failing, ${result.counts.error} not judged`);
    const nameWidth = Math.min(40, Math.max(...shown.map((entity) => entity.entityName.length)));
    for (const entity of shown) lines.push(`  ${STATUS_LABELS[entity.status].padEnd(5)}  ${entity.entityName.padEnd(nameWidth)}  ${entity.reason}`);
    if (failingCount > shown.length) lines.push(`  … and ${failingCount - shown.length} more: run with --format json to see every entity`);
  }
  if (changes !== undefined && (changes.newlyFailing.length > 0 || changes.newlyFixed.length > 0)) {
    if (failingCount === 0) lines.push('', `${STATUS_LABELS[result.status]} ${result.title} (${result.id})`);
    lines.push(`  Since the previous sync: ${describeChange(changes.newlyFailing.length, 'newly failing', changes.newlyFailing)}; ${describeChange(changes.newlyFixed.length, 'fixed', changes.newlyFixed)}`);
  }
  return lines;
}

function describeChange(count: number, label: string, entities: readonly { entityName: string }[]): string {
  if (count === 0) return `0 ${label}`;
  const names = entities.slice(0, CHANGES_NAMED).map((entity) => entity.entityName).join(', ');
  return `${count} ${label} (${names}${count > CHANGES_NAMED ? ', …' : ''})`;
}

/**
 * The JSON `--format json` prints, every entity of every check and what changed since the previous sync, written
 * piece by piece as each check's entities are read back from the store: over 50,000 users the report is ~100,000
 * entities, which as one string (and the objects made for it) cost ~200 MB. The text is the one JSON.stringify
 * would make of the whole.
 */
export async function writeTestsJson(tests: StreamedTestsRun, write: (text: string) => Promise<void>): Promise<void> {
  const { run, changes } = tests;
  const head = JSON.stringify({ org: run.org, syncId: run.syncId, snapshotId: run.snapshotId, evaluatedAt: run.evaluatedAt.toISOString(), settings: run.settings });
  await write(`${head.slice(0, -1)},"results":[`);
  for (const [index, result] of run.results.entries()) {
    const summary = JSON.stringify({
      id: result.id,
      title: result.title,
      severity: result.severity,
      status: result.status,
      counts: result.counts,
      ...(result.breakdown === undefined ? {} : { breakdown: result.breakdown }),
      controls: result.controls,
      entities: [],
    });
    // The summary ends in `"entities":[]}`: the entities go between its brackets.
    await write(`${index === 0 ? '' : ','}${summary.slice(0, -2)}`);
    let first = true;
    for await (const entity of tests.entitiesOf(result.id)) {
      await write(`${first ? '' : ','}${JSON.stringify(entityJson(entity))}`);
      first = false;
    }
    await write(']}');
  }
  await write(`],"changes":${JSON.stringify(changesJson(changes))}}`);
}

function changesJson(changes: RunChanges | undefined): Record<string, unknown> | null {
  if (changes === undefined) return null;
  return {
    previousSyncId: changes.previousSyncId,
    checks: changes.checks.map((check) => ({
      id: check.id,
      newlyFailing: check.newlyFailing.map(({ entityType, entityId, entityName, before, after }) => ({ type: entityType, id: entityId, name: entityName, before, after })),
      newlyFixed: check.newlyFixed.map(({ entityType, entityId, entityName, before, after }) => ({ type: entityType, id: entityId, name: entityName, before, after })),
    })),
  };
}

/** Each entity with the structured fields the check decided on (strongest factor, days inactive, actual vs required), as the export carries them. */
function entityJson(entity: CheckEntityResultRecord): Record<string, unknown> {
  return { type: entity.entityType, id: entity.entityId, name: entity.entityName, status: entity.status, reason: entity.reason, fields: entity.fields };
}

/** Checks at `threshold` severity or above that did not pass (fail or error): what `--fail-on` trips on. */
export function checksTripping<R extends Pick<CheckResult, 'id' | 'severity' | 'status'>>(run: { results: readonly R[] }, threshold: Severity): R[] {
  return run.results.filter((result) => severityRank(result.severity) >= severityRank(threshold) && (result.status === 'fail' || result.status === 'error'));
}
