import { DATASET_IDS, type DatasetId, type DatasetState, type DatasetStatus } from '../store/types.js';

/** One dataset of the snapshot as the evidence reports it: complete only when fully read with no record lost. */
export interface DatasetCompleteness {
  dataset: DatasetId;
  complete: boolean;
  state: DatasetState;
  count: number;
  /** Records Okta returned that failed to parse: missing from the artifacts, named in the store's collection errors. */
  collectionErrors: number;
  reason?: string;
  permissionNeeded?: string;
}

/**
 * Every dataset, in DATASET_IDS order. A dataset the snapshot has no status for reads as `not_started`: evidence is
 * never assumed complete. A `not_permitted` dataset is incomplete too — the read was honest, but the data is missing.
 */
export function datasetCompleteness(statuses: readonly DatasetStatus[], collectionErrors: ReadonlyMap<string, number>): DatasetCompleteness[] {
  return DATASET_IDS.map((dataset) => {
    const status = statuses.find((entry) => entry.dataset === dataset);
    const errors = collectionErrors.get(dataset) ?? 0;
    const state = status?.state ?? 'not_started';
    return {
      dataset,
      complete: state === 'complete' && errors === 0,
      state,
      count: status?.count ?? 0,
      collectionErrors: errors,
      ...(status === undefined ? { reason: 'the snapshot records no status for this dataset' } : {}),
      ...(status?.reason === undefined ? {} : { reason: status.reason }),
      ...(status?.permissionNeeded === undefined ? {} : { permissionNeeded: status.permissionNeeded }),
    };
  });
}

/** One line per gap, e.g. `factors: partial (budget ran out after 1,200 users), 3 records failed to parse`. */
export function describeGaps(datasets: readonly DatasetCompleteness[]): string[] {
  return datasets
    .filter((entry) => !entry.complete)
    .map((entry) => {
      const reason = entry.reason === undefined ? '' : ` (${entry.reason})`;
      const parts = [`${entry.dataset}: ${entry.state.replace('_', ' ')}${reason}`];
      if (entry.permissionNeeded !== undefined) parts.push(`needs ${entry.permissionNeeded}`);
      if (entry.collectionErrors > 0) parts.push(`${entry.collectionErrors} record${entry.collectionErrors === 1 ? '' : 's'} failed to parse`);
      return parts.join(', ');
    });
}

export function incompleteWarning(gaps: readonly string[]): string | undefined {
  return gaps.length === 0 ? undefined : `INCOMPLETE EVIDENCE: ${gaps.join('; ')}`;
}
