import { z } from 'zod';
import type { LogCursor } from '../store/types.js';

/**
 * The sync engine's own resume state, kept in the org's checkpoint between syncs of one backfill. Per-entity progress
 * (which users' factors are read) lives in the store's progress table; this holds what has no other home: where the
 * System Log read of an unfinished snapshot ended, so a sync that resumes without re-reading the log still saves the
 * right cursor when it finally promotes the snapshot.
 *
 * Incremental syncs need nothing here: they look for changes from when the current snapshot's reading began (the
 * start of the sync that began it), compare groups' `lastMembershipUpdated` with the copied snapshot's, and continue
 * the System Log from the org's cursor (see `incremental.ts` and docs/sync.md).
 */
const checkpointSchema = z.object({
  version: z.literal(1),
  snapshotId: z.string().min(1),
  logCursor: z.object({ until: z.iso.datetime(), lastUuids: z.array(z.string()) }).nullable(),
});

export interface BackfillCheckpoint {
  snapshotId: string;
  logCursor: LogCursor | null;
}

/** The checkpoint for `snapshotId`, or undefined when it is absent, of another snapshot, or of an unknown shape. */
export function readBackfillCheckpoint(stored: unknown, snapshotId: string): BackfillCheckpoint | undefined {
  const parsed = checkpointSchema.safeParse(stored);
  if (!parsed.success || parsed.data.snapshotId !== snapshotId) return undefined;
  const cursor = parsed.data.logCursor;
  return { snapshotId, logCursor: cursor === null ? null : { until: new Date(cursor.until), lastUuids: cursor.lastUuids } };
}

/** The JSON the store keeps. */
export function writeBackfillCheckpoint(checkpoint: BackfillCheckpoint): unknown {
  const cursor = checkpoint.logCursor;
  return {
    version: 1,
    snapshotId: checkpoint.snapshotId,
    logCursor: cursor === null ? null : { until: cursor.until.toISOString(), lastUuids: cursor.lastUuids },
  };
}
