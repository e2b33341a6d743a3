import { describe, expect, it } from 'vitest';
import { readBackfillCheckpoint, writeBackfillCheckpoint } from './sync-checkpoint.js';

describe('backfill checkpoint', () => {
  it('round-trips through JSON and belongs to one snapshot', () => {
    const checkpoint = { snapshotId: 'snap-1', logCursor: { until: new Date('2026-03-01T12:00:00.123Z'), lastUuids: ['a', 'b'] } };
    const stored: unknown = JSON.parse(JSON.stringify(writeBackfillCheckpoint(checkpoint)));
    expect(readBackfillCheckpoint(stored, 'snap-1')).toEqual(checkpoint);
    expect(readBackfillCheckpoint(stored, 'snap-2')).toBeUndefined();
  });

  it('ignores what it does not recognise instead of failing the sync', () => {
    expect(readBackfillCheckpoint(null, 'snap-1')).toBeUndefined();
    expect(readBackfillCheckpoint({ version: 2, snapshotId: 'snap-1' }, 'snap-1')).toBeUndefined();
    expect(readBackfillCheckpoint({ version: 1, snapshotId: 'snap-1', logCursor: { until: 'yesterday', lastUuids: [] } }, 'snap-1')).toBeUndefined();
  });
});
