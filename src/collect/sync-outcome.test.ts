import { describe, expect, it } from 'vitest';
import { OktaClientError } from '../okta/errors.js';
import { StoreError } from '../store/errors.js';
import type { DatasetState, DatasetStatus } from '../store/types.js';
import { classifyError, decideStatus } from './sync-outcome.js';

const datasets = (...states: DatasetState[]): DatasetStatus[] => states.map((state) => ({ dataset: 'users', state, count: 0 }));

describe('decideStatus', () => {
  it.each([
    [{ fatal: false, stopped: undefined, datasets: datasets('complete', 'not_permitted') }, { status: 'succeeded', complete: true }],
    [{ fatal: false, stopped: undefined, datasets: datasets('complete', 'partial') }, { status: 'succeeded', complete: false }],
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
