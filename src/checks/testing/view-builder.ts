import { makePolicy } from '../../store/testing/fixtures.js';
import { DATASET_IDS, type AccessReviewSummary, type DatasetId, type DatasetStatus, type PolicyRecord } from '../../store/types.js';
import type { CheckContext, CheckEntityResult } from '../check.js';
import { parseCheckSettings, type CheckSettingsInput } from '../settings.js';
import { buildSnapshotView, type SnapshotView, type SnapshotViewParts } from '../snapshot-view.js';
import { DAY_MS } from '../../config/runtime.js';

/** Builders for check tests: a view from a few records, every dataset complete unless the test says otherwise. */

export const NOW = new Date('2025-06-30T12:00:00.000Z');

export function daysAgo(days: number, from: Date = NOW): Date {
  return new Date(from.getTime() - days * DAY_MS);
}

export type ViewInput = Partial<Omit<SnapshotViewParts, 'datasets'>> & {
  /** Datasets that are not complete; the rest are complete. */
  datasets?: Partial<Record<DatasetId, Omit<DatasetStatus, 'dataset' | 'count'>>>;
};

export function makeView(input: ViewInput = {}): SnapshotView {
  const datasets = DATASET_IDS.map((dataset): DatasetStatus => ({ dataset, count: 0, state: 'complete', ...input.datasets?.[dataset] }));
  return buildSnapshotView({
    org: 'acme.okta.com',
    snapshotId: 'snap-1',
    syncId: 'sync-1',
    users: [],
    factors: [],
    policies: [],
    policyRules: [],
    apps: [],
    appAssignments: [],
    reviews: [],
    verified: {},
    collectionErrors: [],
    ...input,
    datasets,
  });
}

export function makeContext(settings: CheckSettingsInput = {}, now: Date = NOW): CheckContext {
  return { settings: parseCheckSettings(settings), now };
}

/** `settings.password` groups as Okta shapes them; every value the test leaves out is absent. */
export interface PasswordSettingsInput {
  complexity?: Record<string, unknown>;
  age?: Record<string, unknown>;
  lockout?: Record<string, unknown>;
}

export function makePasswordPolicy(id: string, password: PasswordSettingsInput, overrides: Partial<PolicyRecord> = {}): PolicyRecord {
  return makePolicy({
    id,
    type: 'PASSWORD',
    name: `Password ${id}`,
    conditions: { people: { groups: { include: ['00g1everyone'] } }, authProvider: { provider: 'OKTA' } },
    settings: { password },
    ...overrides,
  });
}

export function makeReview(appId: string, attestedAt: Date, overrides: Partial<AccessReviewSummary> = {}): AccessReviewSummary {
  return {
    id: `rev-${appId}-${attestedAt.getTime()}`,
    org: 'acme.okta.com',
    appId,
    appLabel: `App ${appId}`,
    reviewerEmail: 'reviewer@example.com',
    attestedAt,
    note: null,
    snapshotId: 'snap-0',
    assignmentCount: 0,
    ...overrides,
  };
}

/** The one result for an entity; fails the test when there is none or several. */
export function resultFor(results: readonly CheckEntityResult[], entityId: string, entityType?: string): CheckEntityResult {
  const found = results.filter((result) => result.entityId === entityId && (entityType === undefined || result.entityType === entityType));
  if (found.length !== 1) throw new Error(`expected one result for ${entityId}, found ${found.length}`);
  return found[0] as CheckEntityResult;
}
