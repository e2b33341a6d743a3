import { describe, expect, it } from 'vitest';
import { OktaClientError } from '../okta/errors.js';
import { StoreError } from '../store/errors.js';
import type { DatasetState, DatasetStatus } from '../store/types.js';
import { classifyError, decideStatus, incompleteDatasetLines } from './sync-outcome.js';

const datasets = (...states: DatasetState[]): DatasetStatus[] => states.map((state) => ({ dataset: 'users', state, count: 0 }));

describe('decideStatus', () => {
  it.each([
    // A dataset the credentials may not read, or a page that did not parse, leaves the sync partial, never succeeded.
    [{ fatal: false, stopped: undefined, datasets: datasets('complete', 'not_permitted') }, { status: 'partial', complete: false }],
    [{ fatal: false, stopped: undefined, datasets: datasets('complete', 'partial') }, { status: 'partial', complete: false }],
    [{ fatal: false, stopped: undefined, datasets: datasets('complete') }, { status: 'succeeded', complete: true }],
    [{ fatal: false, stopped: undefined, datasets: datasets('complete', 'failed') }, { status: 'failed', complete: false }],
    [{ fatal: false, stopped: undefined, datasets: datasets('not_started') }, { status: 'failed', complete: false }],
    [{ fatal: true, stopped: undefined, datasets: datasets('complete') }, { status: 'failed', complete: false }],
    [{ fatal: false, stopped: 'timed_out', datasets: datasets('complete', 'partial') }, { status: 'timed_out', complete: false }],
    // The timer fired as the last collector finished: nothing is missing, so the sync counts.
    [{ fatal: false, stopped: 'timed_out', datasets: datasets('complete') }, { status: 'succeeded', complete: true }],
    [{ fatal: false, stopped: 'cancelled', datasets: datasets('complete') }, { status: 'failed', complete: false }],
  ] as const)('%j → %j', (input, expected) => {
    expect(decideStatus(input)).toEqual(expected);
  });
});

describe('a dataset the user chose not to collect', () => {
  it('is not incomplete', () => {
    const statuses: DatasetStatus[] = [
      { dataset: 'users', state: 'complete', count: 1 },
      { dataset: 'logEvents', state: 'not_started', count: 0 },
    ];
    expect(decideStatus({ fatal: false, stopped: undefined, datasets: statuses.slice(0, 1), notCollected: new Set(['logEvents']) })).toEqual({ status: 'succeeded', complete: true });
    expect(incompleteDatasetLines(statuses, new Set(['logEvents']))).toEqual([]);
  });
});

describe('incompleteDatasetLines', () => {
  it('gives one line per incomplete dataset, naming the scope or role to add', () => {
    expect(
      incompleteDatasetLines([
        { dataset: 'users', state: 'complete', count: 5 },
        { dataset: 'adminRoles', state: 'not_permitted', count: 0, permissionNeeded: 'okta.roles.read' },
        { dataset: 'factors', state: 'partial', count: 4, reason: '1 record failed to parse' },
      ]),
    ).toEqual([
      'incomplete: adminRoles not permitted: grant okta.roles.read to the API credentials (OAuth scope, or a read-only admin role for an API token) and sync again',
      'incomplete: factors partial (1 record failed to parse): sync again to complete it',
    ]);
  });
});

describe('classifyError', () => {
  it('stops the sync for bad credentials, an unreachable host, the store and bugs', () => {
    for (const error of [
      new OktaClientError('OKTA_TOKEN_INVALID', 'x'),
      new OktaClientError('OKTA_NETWORK_ERROR', 'x'),
      new StoreError('STORE_DISK_FULL', 'x'),
      new RangeError('x'),
    ]) {
      expect(classifyError(error).kind).toBe('fatal');
    }
  });

  it('keeps other Okta failures to their dataset; a 403 is "not permitted"', () => {
    expect(classifyError(new OktaClientError('OKTA_PERMISSION_DENIED', 'x'))).toMatchObject({ kind: 'dataset', state: 'not_permitted' });
    expect(classifyError(new OktaClientError('OKTA_BAD_RESPONSE', 'cut off'))).toEqual({
      kind: 'dataset',
      state: 'failed',
      entry: { code: 'OKTA_BAD_RESPONSE', message: 'cut off' },
    });
  });
});
