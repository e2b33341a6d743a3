import { describe, expect, it } from 'vitest';
import type { SyncOutcome } from '../collect/sync-outcome.js';
import { DATASET_IDS, type DatasetId } from '../store/types.js';
import { CommandFailedError } from './io.js';
import { failureLine, formatDuration, reportSyncOutcome, successLines, syncJson } from './sync-report.js';
import { captureIo } from './testing/seed-store.js';

function outcome(overrides: Partial<SyncOutcome> = {}): SyncOutcome {
  const counts = Object.fromEntries(DATASET_IDS.map((id, i) => [id, (i + 1) * 1000])) as Record<DatasetId, number>;
  return {
    syncId: 'sync-1',
    org: 'acme.okta.com',
    snapshotId: 'snap-1',
    resumed: false,
    status: 'succeeded',
    complete: true,
    datasets: [
      { dataset: 'users', state: 'complete', count: 1000 },
      { dataset: 'adminRoles', state: 'not_permitted', count: 0, reason: 'Okta refused', permissionNeeded: 'okta.roles.read scope' },
    ],
    counts,
    requests: { total: 1234, throttled: 2, byBucket: { 'GET /api/v1/users': 1234 } },
    durationMs: 83_400,
    errors: [],
    ...overrides,
  };
}

describe('sync output', () => {
  it('prints exactly the documented JSON fields, admin roles and buckets left out', () => {
    expect(JSON.parse(syncJson(outcome()))).toEqual({
      syncId: 'sync-1',
      status: 'succeeded',
      complete: true,
      counts: { users: 1000, factors: 2000, groups: 3000, groupMemberships: 4000, apps: 5000, appAssignments: 6000, policies: 7000, logEvents: 9000 },
      requests: { total: 1234, throttled: 2 },
      durationMs: 83_400,
      incremental: null,
    });
  });

  it.each([true, false])('fails a partial sync (exit 1) with one stderr line per incomplete dataset naming what to grant, --json %s', (json) => {
    const cli = captureIo();
    const partial = outcome({ status: 'partial', complete: false });
    const thrown = (() => {
      try {
        reportSyncOutcome(cli.io, partial, 'db.sqlite', { json, timeoutMs: 300_000 });
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(thrown).toBeInstanceOf(CommandFailedError);
    expect((thrown as Error).message).toBe('sync sync-1 of acme.okta.com is partial: 1 dataset incomplete (its snapshot is stored; checks report what they could not judge)');
    expect(cli.err).toEqual([expect.stringMatching(/^incomplete: adminRoles not permitted \(Okta refused\): grant okta\.roles\.read scope to the API credentials/)]);
    if (json) expect(JSON.parse(cli.out[0]!)).toMatchObject({ status: 'partial', complete: false });
    // A complete snapshot reports and returns (exit 0); a dataset the user chose not to collect is not incomplete.
    const complete = captureIo();
    reportSyncOutcome(complete.io, outcome({ datasets: [{ dataset: 'users', state: 'complete', count: 1000 }] }), 'db.sqlite', { json, timeoutMs: 300_000 });
    expect(complete.err).toEqual([]);
  });

  it('says why an org with a complete snapshot was read in full', () => {
    const lines = successLines(outcome({ fullReason: 'the last 2 incremental syncs ran out of budget on the same changes' }), 'db.sqlite');
    expect(lines).toContain('  full read: the last 2 incremental syncs ran out of budget on the same changes');
  });

  it('reports what an incremental sync read, in JSON and in the summary', () => {
    const incremental = {
      since: new Date('2026-11-28T06:00:00.000Z'),
      reverifiedUsers: 1000,
      reverifiedApps: 3,
      reverifyRequests: { factors: 990, apps: 12 },
      reverifyWithdrawn: 0,
      oldestVerifiedAt: new Date('2026-11-20T06:00:00.000Z'),
      changes: { users: 2, factors: 1, groupMemberships: 0, apps: 0, appAssignments: 0, policies: 1, logCutoff: new Date('2026-11-28T07:59:00.000Z'), logComplete: true },
    };
    expect((JSON.parse(syncJson(outcome({ incremental }))) as { incremental: unknown }).incremental).toEqual({
      since: '2026-11-28T06:00:00.000Z',
      reverifiedUsers: 1000,
      reverifiedApps: 3,
      reverifyRequests: 1002,
      reverifyWithdrawn: 0,
      oldestVerifiedAt: '2026-11-20T06:00:00.000Z',
      changes: { users: 2, factors: 1, groupMemberships: 0, apps: 0, appAssignments: 0, policies: 1, logCutoff: '2026-11-28T07:59:00.000Z', logComplete: true },
    });
    const lines = successLines(outcome({ incremental }), 'db.sqlite');
    expect(lines[0]).toContain('succeeded (complete, incremental)');
    expect(lines).toContain(
      "  incremental: changes since 2026-11-28T06:00:00.000Z; 1,000 users' factors and 3 apps' assignments re-verified; oldest verification 2026-11-20T06:00:00.000Z",
    );
    expect(lines).toContain("  changes: 2 users, 1 users' factors, 1 policies; System Log read to 2026-11-28T07:59:00.000Z");
    // Reads left for the next sync are said as such, not as an error.
    expect(successLines(outcome({ incremental: { ...incremental, reverifyWithdrawn: 12 } }), 'db.sqlite')).toContain(
      "  incremental: changes since 2026-11-28T06:00:00.000Z; 1,000 users' factors and 3 apps' assignments re-verified (12 more users and apps left for the next sync, which reads them first: re-verification's share of the budget or the rate-limit window ran out before them); oldest verification 2026-11-20T06:00:00.000Z",
    );
  });

  it('summarises a success with what is not complete and why', () => {
    expect(successLines(outcome(), './data/okta-evidence.sqlite')).toEqual([
      'Sync sync-1 of acme.okta.com succeeded (complete) in 1 min 23 s: 1,234 requests, 2 throttled (429).',
      '  users 1,000 · admin roles 0',
      '  admin roles: not permitted — Okta refused (needs okta.roles.read scope)',
      'Stored in ./data/okta-evidence.sqlite (snapshot snap-1).',
    ]);
  });

  it('warns after a success when old data could not be pruned', () => {
    const pruneFailed = { code: 'SYNC_PRUNE_FAILED', message: 'Could not prune old System Log events (STORE_LOCKED): locked.' };
    const lines = successLines(outcome({ errors: [{ code: 'OKTA_PERMISSION_DENIED', message: 'Okta refused' }, pruneFailed] }), 'db.sqlite');
    expect(lines.filter((line) => line.includes('warning'))).toEqual([`  warning: ${pruneFailed.message}`]);
    expect(lines.at(-1)).toBe('Stored in db.sqlite (snapshot snap-1).');
  });

  it('says what to do after a timeout, and passes on the first error of a failure', () => {
    const timedOut = outcome({
      status: 'timed_out',
      complete: false,
      datasets: [
        { dataset: 'users', state: 'complete', count: 1200 },
        { dataset: 'factors', state: 'partial', count: 10 },
        { dataset: 'appAssignments', state: 'not_started', count: 0 },
      ],
    });
    expect(failureLine(timedOut, 300_000)).toBe(
      'sync sync-1 timed out after 5 min 00 s before finishing factors (10 read), app assignments (0 read, not started); what it read is kept: run the same command again to continue from there (or raise --timeout)',
    );
    const failed = outcome({ status: 'failed', errors: [{ code: 'STORE_LOCKED', message: 'The database x is locked by another process.' }] });
    expect(failureLine(failed, 300_000)).toBe('sync sync-1 failed (STORE_LOCKED): The database x is locked by another process.');
  });

  it.each([
    [400, '0.4 s'],
    [59_949, '59.9 s'],
    [60_000, '1 min 00 s'],
    [3_725_000, '62 min 05 s'],
  ])('formats %i ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
