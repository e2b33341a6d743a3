import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from '../io.js';
import { openDatabase } from '../../store/database.js';
import type { EntityKind, EntityRecords } from '../../store/store.js';
import { DATASET_IDS, type DatasetStatus } from '../../store/types.js';

/** A CLI io that records what a command printed. */
export function captureIo(env: Record<string, string> = {}): { io: CliIo; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (line) => out.push(line), err: (line) => err.push(line), untilStopped: () => new Promise(() => undefined), env }, out, err };
}

/** A temporary directory for SQLite files, removed by `dispose`. */
export function tempDatabases(): { path: (name: string) => string; dispose: () => void } {
  const directory = mkdtempSync(join(tmpdir(), 'okta-evidence-cli-'));
  return { path: (name) => join(directory, name), dispose: () => rmSync(directory, { recursive: true, force: true }) };
}

export type SeedRecords = { [K in EntityKind]?: EntityRecords[K][] };

/**
 * Writes a promoted snapshot for `org` straight through the repositories, as a sync would leave it: a succeeded sync,
 * every dataset complete unless `datasets` says otherwise. Returns the sync id.
 */
export async function seedSnapshot(url: string, org: string, records: SeedRecords, datasets: Partial<Record<string, DatasetStatus['state']>> = {}): Promise<string> {
  const store = await openDatabase(url);
  try {
    const sync = await store.syncs.start({ org, trigger: 'cli', startedAt: new Date() });
    const snapshot = await store.snapshots.begin(org, { syncId: sync.id });
    for (const [kind, list] of Object.entries(records) as [EntityKind, EntityRecords[EntityKind][]][]) {
      await store.entities.upsert(kind, snapshot.id, list);
    }
    const statuses = DATASET_IDS.map((dataset): DatasetStatus => ({ dataset, state: datasets[dataset] ?? 'complete', count: 0 }));
    await store.snapshots.promote(org, snapshot.id, { datasets: statuses });
    await store.syncs.update(sync.id, { status: 'succeeded', endedAt: new Date(), complete: true, datasets: statuses, snapshotId: snapshot.id });
    return sync.id;
  } finally {
    await store.close();
  }
}
