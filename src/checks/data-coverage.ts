import type { DatasetId, DatasetStatus } from '../store/types.js';
import type { CheckEntityResult } from './check.js';
import type { PerEntityDataset, SnapshotView } from './snapshot-view.js';

/*
 * "Evidence is never quietly incomplete" (STYLE.md): a check over data the sync did not finish reading reports
 * `error` for what it cannot judge, never `pass`. These helpers turn the snapshot's per-dataset completeness and
 * per-entity progress into those reasons.
 */

const DATASET_NAMES: Record<DatasetId, string> = {
  users: 'user inventory',
  factors: 'MFA factors',
  groups: 'groups',
  groupMemberships: 'group memberships',
  apps: 'application inventory',
  appAssignments: 'app assignments',
  policies: 'policies',
  adminRoles: 'admin roles',
  logEvents: 'System Log',
};

const RESYNC_HINT = 'run `okta-evidence sync` again';

export function datasetStatus(view: SnapshotView, dataset: DatasetId): DatasetStatus {
  return view.datasets.get(dataset) ?? { dataset, state: 'not_started', count: 0, reason: 'no sync has read it yet' };
}

/** Why a dataset cannot be relied on as a whole, or undefined when it is complete. */
export function datasetGap(view: SnapshotView, dataset: DatasetId): string | undefined {
  const status = datasetStatus(view, dataset);
  const name = DATASET_NAMES[dataset];
  switch (status.state) {
    case 'complete':
      return undefined;
    case 'not_permitted':
      return `the ${name} could not be read: the API credentials lack ${status.permissionNeeded ?? 'the permission to read it'}; grant it and ${RESYNC_HINT}`;
    case 'partial':
      return `the ${name} is partial in this snapshot${detail(status)}; ${RESYNC_HINT}`;
    case 'failed':
      return `reading the ${name} failed in the last sync${detail(status)}; ${RESYNC_HINT}`;
    case 'not_started':
      return `the ${name} was not read${detail(status)}; ${RESYNC_HINT}`;
  }
}

/**
 * For a dataset read entity by entity: why this entity's data is not whole (a sentence), or undefined when it can be
 * judged. An entity counts as read when the dataset is complete, or when its own read finished (a progress row) and
 * left no collection error.
 */
export function entityGap(view: SnapshotView, dataset: PerEntityDataset, entityId: string, noun: string): string | undefined {
  const status = datasetStatus(view, dataset);
  const name = DATASET_NAMES[dataset];
  if (status.state === 'complete') return undefined;
  if (status.state === 'not_permitted') return sentence(datasetGap(view, dataset) ?? '');
  const parseError = view.collectionErrors.get(dataset)?.get(entityId);
  if (parseError !== undefined) return sentence(`${name} not collected for this ${noun} in the last sync: ${parseError}; ${RESYNC_HINT}`);
  if (view.verified.get(dataset)?.has(entityId) === true) return undefined;
  return sentence(`${name} not collected for this ${noun} in the last sync (the dataset is ${status.state.replace('_', ' ')}${detail(status)}); ${RESYNC_HINT}`);
}

/** A result standing for the entities a check could not see because a whole dataset is incomplete. */
export function datasetErrorResult(view: SnapshotView, dataset: DatasetId, consequence: string): CheckEntityResult | undefined {
  const gap = datasetGap(view, dataset);
  if (gap === undefined) return undefined;
  const status = datasetStatus(view, dataset);
  return {
    entityType: 'dataset',
    entityId: dataset,
    entityName: DATASET_NAMES[dataset],
    status: 'error',
    reason: `${sentence(gap)} ${consequence}`,
    fields: { dataset, state: status.state, count: status.count, reason: status.reason ?? null, permissionNeeded: status.permissionNeeded ?? null },
  };
}

function detail(status: DatasetStatus): string {
  return status.reason === undefined ? '' : `: ${status.reason}`;
}

/** A clause as a sentence: capital first letter, final full stop. */
export function sentence(clause: string): string {
  const text = clause.charAt(0).toUpperCase() + clause.slice(1);
  return text.endsWith('.') ? text : `${text}.`;
}
