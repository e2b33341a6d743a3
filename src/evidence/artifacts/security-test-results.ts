import { CONTROLS, type ControlId } from '../../frameworks/controls.js';
import type { CheckEntityResultRecord, CheckRunSummary } from '../../store/types.js';
import { defineArtifact, type CsvColumn, type EvidenceArtifact, type SnapshotSource } from '../artifact.js';

type CheckSummary = CheckRunSummary['results'][number];

interface ResultRow extends CheckEntityResultRecord {
  check: Pick<CheckSummary, 'id' | 'title' | 'severity'>;
}

const COLUMNS: readonly CsvColumn<ResultRow>[] = [
  { header: 'checkId', value: (r) => r.check.id },
  { header: 'checkTitle', value: (r) => r.check.title },
  { header: 'severity', value: (r) => r.check.severity },
  { header: 'entityType', value: (r) => r.entityType },
  { header: 'entityId', value: (r) => r.entityId },
  { header: 'entityName', value: (r) => r.entityName },
  { header: 'status', value: (r) => r.status },
  { header: 'reason', value: (r) => r.reason },
  { header: 'fields', value: (r) => JSON.stringify(r.fields) },
];

/** The run's controls, each once, in catalog order (the checks take them from CHECK_CONTROLS in the mapping). */
function controlsOf(run: CheckRunSummary): ControlId[] {
  const used = new Set(run.results.flatMap((result) => result.controls));
  return CONTROLS.map((control) => control.id).filter((id) => used.has(id));
}

/** Per-check outcome for the manifest: status, counts and mapping; the entity rows are in the artifact. */
export function testRunSummary(run: CheckRunSummary, source: 'stored' | 'evaluated-at-export') {
  return {
    included: true as const,
    artifact: 'security-test-results',
    source,
    runId: run.id,
    evaluatedAt: run.evaluatedAt.toISOString(),
    settings: run.settings,
    checks: run.results.map((result) => ({
      id: result.id,
      title: result.title,
      severity: result.severity,
      status: result.status,
      counts: result.counts,
      controls: result.controls,
    })),
  };
}

/**
 * The security tests' results over the exported snapshot: one row per check and entity with its status and the
 * reason a person can act on, streamed from the stored run (a 50,000-user org has over 100,000 rows).
 */
export function securityTestResultsArtifact(run: CheckRunSummary): EvidenceArtifact {
  const checks = new Map(run.results.map((result) => [result.id, result]));
  async function* rows(source: SnapshotSource): AsyncGenerator<ResultRow> {
    for await (const { checkId, ...entity } of source.checkResults.streamEntities(run.id)) {
      yield { ...entity, check: checks.get(checkId) ?? { id: checkId, title: checkId, severity: 'unknown' } };
    }
  }
  return defineArtifact<ResultRow>({
    id: 'security-test-results',
    title: 'Security test results',
    description: `Results of the security tests (${run.results.map((result) => result.id).join(', ')}) evaluated at ${run.evaluatedAt.toISOString()} over this snapshot: one row per check and entity with pass, fail, not_applicable or error and the reason. A check over incomplete data reports error, never pass. Settings and per-check totals are in the manifest (securityTests).`,
    datasets: ['users', 'factors', 'policies', 'apps', 'appAssignments'],
    controls: controlsOf(run),
    formats: ['json', 'csv'],
    records: rows,
    toJson: (row) => ({ ...Object.fromEntries(COLUMNS.map((column) => [column.header, column.value(row)])), fields: row.fields }),
    csv: COLUMNS,
  });
}
