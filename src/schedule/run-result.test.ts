import { describe, expect, it } from 'vitest';
import type { SyncOutcome } from '../collect/sync-run.js';
import { runResultOf } from './run-result.js';

function outcome(fields: Partial<SyncOutcome>): SyncOutcome {
  return {
    syncId: 's1',
    org: 'acme.example.com',
    snapshotId: 'snap',
    resumed: false,
    status: 'succeeded',
    complete: true,
    datasets: [],
    counts: {} as SyncOutcome['counts'],
    requests: { total: 10, throttled: 0, byBucket: {} },
    durationMs: 1,
    errors: [],
    ...fields,
  };
}

describe('runResultOf', () => {
  it('passes a success through', () => {
    expect(runResultOf(outcome({}))).toEqual({ kind: 'synced', syncId: 's1', status: 'succeeded', complete: true, progressed: true, error: undefined });
  });

  it('a timed-out sync whose every request was throttled made no progress', () => {
    expect(runResultOf(outcome({ status: 'timed_out', complete: false, requests: { total: 40, throttled: 40, byBucket: {} } })).progressed).toBe(false);
    expect(runResultOf(outcome({ status: 'timed_out', complete: false, requests: { total: 41, throttled: 40, byBucket: {} } })).progressed).toBe(true);
  });

  it('names the fatal error, else the first failed dataset', () => {
    const fatal = { code: 'OKTA_TOKEN_INVALID', message: 'The API token is invalid.' };
    expect(runResultOf(outcome({ status: 'failed', complete: false, errors: [fatal] })).error).toEqual(fatal);
    const partial = runResultOf(
      outcome({ complete: false, datasets: [{ dataset: 'groups', state: 'failed', count: 0, reason: 'HTTP 500' }, { dataset: 'users', state: 'complete', count: 3 }] }),
    );
    expect(partial.error).toEqual({ code: 'SYNC_DATASET_FAILED', message: 'groups: HTTP 500' });
  });
});
