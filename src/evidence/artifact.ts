import type { ControlId } from '../frameworks/controls.js';
import type { AccessReviewRepository, CheckResultRepository, EntityRepository, LogEventRepository } from '../store/store.js';
import type { DatasetId, TimeWindow } from '../store/types.js';
import type { CsvValue } from './csv.js';

export const ARTIFACT_FORMATS = ['json', 'csv', 'jsonl'] as const;
export type ArtifactFormat = (typeof ARTIFACT_FORMATS)[number];

/** What an artifact reads: one snapshot's entities and the org's System Log in the sync's window or the audit period. */
export interface SnapshotSource {
  readonly org: string;
  readonly snapshotId: string;
  /** The System Log window exported: the audit period when one was chosen, else the sync's; null when neither. */
  readonly logWindow: TimeWindow | null;
  /** The audit period chosen for the export (`--from/--to`), or null for the last sync's window. */
  readonly auditPeriod: TimeWindow | null;
  /**
   * When an access review must have been attested to cover an assignment: the audit period when one was chosen,
   * else the review period (days, from the test settings) before the export.
   */
  readonly reviewPeriod: TimeWindow;
  /** Datasets the snapshot holds in full; an artifact flag that needs another says it cannot tell. */
  readonly completeDatasets: ReadonlySet<DatasetId>;
  readonly entities: Pick<EntityRepository, 'stream' | 'count'>;
  readonly logEvents: Pick<LogEventRepository, 'stream'>;
  readonly checkResults: Pick<CheckResultRepository, 'streamEntities'>;
  readonly accessReviews: Pick<AccessReviewRepository, 'latestPerAppWithAssignments' | 'list'>;
}

export interface CsvColumn<Row> {
  readonly header: string;
  readonly value: (row: Row) => CsvValue;
}

/** An artifact as the exporter sees it: metadata plus its records, each already in every output form. */
export interface EvidenceArtifact {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** The sync datasets it is built from: their completeness is the artifact's. */
  readonly datasets: readonly DatasetId[];
  readonly controls: readonly ControlId[];
  readonly formats: readonly ArtifactFormat[];
  readonly csvHeader: readonly string[];
  /** Gaps the datasets' states do not show (e.g. no System Log window recorded). Empty when none. */
  gaps(source: SnapshotSource): string[];
  rows(source: SnapshotSource): AsyncIterable<ArtifactRow>;
}

export interface ArtifactRow {
  /** The record as written to JSON and JSON Lines. */
  readonly json: unknown;
  /** The record's CSV cells, in `csvHeader` order (artifacts with a CSV form only). */
  readonly csv?: readonly CsvValue[];
}

export interface ArtifactDefinition<Row> {
  id: string;
  title: string;
  description: string;
  datasets: readonly DatasetId[];
  controls: readonly ControlId[];
  formats: readonly ArtifactFormat[];
  /** Streams the records from the store, one at a time: an artifact is never held whole in memory. */
  records(source: SnapshotSource): AsyncIterable<Row>;
  /** The JSON form of a record (default: the record itself). */
  toJson?: (row: Row) => unknown;
  /** Required when `formats` includes csv. */
  csv?: readonly CsvColumn<Row>[];
  gaps?: (source: SnapshotSource) => string[];
}

/** Declares an artifact as data; the record type stays inside, so artifacts of different shapes share one list. */
export function defineArtifact<Row>(definition: ArtifactDefinition<Row>): EvidenceArtifact {
  const { csv = [], toJson = (row: Row): unknown => row, gaps = () => [] } = definition;
  if (definition.formats.includes('csv') && csv.length === 0) throw new Error(`artifact ${definition.id} has a CSV form but no columns`);
  const withCsv = definition.formats.includes('csv');
  return {
    id: definition.id,
    title: definition.title,
    description: definition.description,
    datasets: definition.datasets,
    controls: definition.controls,
    formats: definition.formats,
    csvHeader: csv.map((column) => column.header),
    gaps,
    async *rows(source) {
      for await (const record of definition.records(source)) {
        yield withCsv ? { json: toJson(record), csv: csv.map((column) => column.value(record)) } : { json: toJson(record) };
      }
    },
  };
}

/** ISO 8601 in UTC, or null: the one date form of every artifact. */
export function isoDate(date: Date | null): string | null {
  return date === null ? null : date.toISOString();
}
