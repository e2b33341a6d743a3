import type { z } from 'zod';
import type { EntityRecords, Store } from '../store/store.js';
import type { CollectionErrorRecord, DatasetId } from '../store/types.js';
import type { CollectContext, CollectResult } from './collector.js';
import { plural, type DatasetReport } from './dataset-report.js';
import { listItems, parseRecords, type ListRequest } from './read.js';

/**
 * Writes that keep a snapshot equal to what Okta said in this run. A snapshot may already hold rows before a
 * collector runs — copied from the previous snapshot for an incremental sync, or left by an earlier run of a backfill
 * — so a full read must also remove what Okta no longer has.
 */

type TopLevelKind = 'users' | 'groups' | 'apps' | 'policies';

/**
 * After a read that ran to its end, removes the records of `kind` whose id it did not see (deleted in Okta, or no
 * longer parseable — those have a collection error instead). Removing a user, group, app or policy also removes the
 * rows hanging off it. Cheap when nothing is stale: one count.
 */
export async function removeUnseen(store: Store, snapshotId: string, kind: TopLevelKind, seen: ReadonlySet<string>): Promise<number> {
  if ((await store.entities.count(kind, snapshotId)) === seen.size) return 0;
  const stale: string[] = [];
  for await (const record of store.entities.stream(kind, snapshotId)) if (!seen.has(record.id)) stale.push(record.id);
  for (const id of stale) await store.entities.remove(kind, snapshotId, { id });
  return stale.length;
}

/**
 * Stores this run's collection errors for a dataset read in full, replacing the ones an earlier run left in the
 * snapshot: they describe records that have been read again since.
 */
export async function replaceCollectionErrors(store: Store, snapshotId: string, report: DatasetReport): Promise<void> {
  await store.entities.replaceChildren('collectionErrors', snapshotId, report.dataset, report.errors);
}

/** The errors for several datasets a collector fills, each replaced as above. */
export async function replaceCollectionErrorsOf(store: Store, snapshotId: string, reports: readonly DatasetReport[]): Promise<CollectionErrorRecord[]> {
  for (const report of reports) await replaceCollectionErrors(store, snapshotId, report);
  return reports.flatMap((report) => report.errors);
}

export function countErrors(store: Store, snapshotId: string, dataset: DatasetId): Promise<number> {
  return store.entities.count('collectionErrors', snapshotId, { parentId: dataset });
}

/** A collector's two datasets: a top-level kind and the rows hanging off it (groups and members, apps and assignments). */
export interface ParentAndChildren {
  parent: { report: DatasetReport<TopLevelKind>; noun: string };
  children: { report: DatasetReport<'groupMemberships' | 'appAssignments'> };
}

/**
 * The end of such a collector: notes how many parents Okta deleted during the sync (they were removed from the
 * snapshot with their children), stores this run's collection errors, and reports both datasets with their counts.
 */
export async function finishParentAndChildren(ctx: CollectContext, { parent, children }: ParentAndChildren, deleted: number): Promise<CollectResult> {
  if (deleted > 0) {
    const text = `${plural(deleted, parent.noun)} deleted in Okta during the sync ${deleted === 1 ? 'was' : 'were'} removed from the snapshot`;
    parent.report.note(text);
    children.report.note(text);
  }
  const errors = await replaceCollectionErrorsOf(ctx.store, ctx.snapshotId, [parent.report, children.report]);
  const [parentCount, childCount] = await Promise.all([
    ctx.store.entities.count(parent.report.dataset, ctx.snapshotId),
    ctx.store.entities.count(children.report.dataset, ctx.snapshotId),
  ]);
  return { datasets: [parent.report.toStatus(parentCount), children.report.toStatus(childCount)], errors };
}

/** A parent list read whole (groups, apps): where from, how each record parses, and the reports it feeds. */
export interface WholeListSpec<K extends 'groups' | 'apps', S extends z.ZodType> {
  passes: readonly ListRequest[];
  schema: S;
  map: (value: z.output<S>) => EntityRecords[K];
  report: DatasetReport<K>;
  /** The children's dataset: incomplete when the list was not read to its end. */
  children: { report: DatasetReport; gap: string };
  onRecord: (record: EntityRecords[K]) => void;
}

/**
 * Reads a parent list whole (a few requests even for a large org), stores it, and removes the parents Okta no longer
 * lists; when the list ended early, the children of the parents it missed are missing too. Returns the ids seen.
 */
export async function storeWholeList<K extends 'groups' | 'apps', S extends z.ZodType>(ctx: CollectContext, spec: WholeListSpec<K, S>): Promise<Set<string>> {
  const kind = spec.report.dataset;
  const seen = new Set<string>();
  const onRecord = (record: EntityRecords[K]): void => {
    seen.add(record.id);
    spec.onRecord(record);
  };
  for (const pass of spec.passes) {
    const records = parseRecords(listItems(ctx, pass, spec.report), { schema: spec.schema, map: spec.map, report: spec.report, onRecord });
    await ctx.store.entities.upsert(kind, ctx.snapshotId, records);
  }
  ctx.progress(kind, { count: seen.size, total: seen.size });
  if (spec.report.readToEnd) await removeUnseen(ctx.store, ctx.snapshotId, kind, seen);
  else spec.children.report.incomplete(spec.children.gap);
  return seen;
}
