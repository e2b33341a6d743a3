import { FRAMEWORKS, controlById, type ControlId } from '../frameworks/controls.js';
import type { EvidenceArtifact } from './artifact.js';
import { simulatedNotice, type EvidenceIdentity } from './org-identity.js';
import { describeGaps, incompleteWarning, type DatasetCompleteness } from './completeness.js';

export interface ControlReference {
  id: ControlId;
  framework: string;
  frameworkName: string;
  title: string;
}

export interface CollectionWindow {
  /** When the sync that produced the snapshot started and ended reading the inventory. */
  syncStartedAt: string | null;
  syncEndedAt: string | null;
  /** The System Log window exported: `since <= published < until`. */
  systemLog: { since: string; until: string } | null;
  /**
   * The audit period chosen for the export (`--from/--to`), or null: System Log events, access reviews and the review
   * coverage of assignments are those of this period.
   */
  auditPeriod: { since: string; until: string } | null;
  /** The System Log event types behind `systemLog`'s events (see `logEventTypesOf`); null when there is no window. */
  systemLogEventTypes: SystemLogEventTypes | null;
}

/** Which System Log event types the syncs that read the exported window asked Okta for. */
export interface SystemLogEventTypes {
  /** True when a sync asked for every event type (no filter). */
  allTypes: boolean;
  /** The union of the types asked for, sorted; empty when `allTypes` or when none were recorded. */
  types: string[];
  /** The syncs whose System Log reads reach into the window. */
  syncs: number;
  /** Of them, those that recorded no event types (run before okta-evidence recorded them): their types are unknown. */
  syncsWithoutTypes: number;
  /** The same in one sentence, for a person reading the header. */
  statement: string;
}

/** What every artifact of one export shares. */
export interface ExportContext {
  org: string;
  syncId: string | null;
  snapshotId: string;
  snapshotCreatedAt: string;
  generatedAt: string;
  collectionWindow: CollectionWindow;
  datasets: readonly DatasetCompleteness[];
  tool: { name: string; version: string };
  /** Which org, engine and credential, and the host; named in every file of the export. */
  identity: EvidenceIdentity;
}

/** The mapping an artifact carries as data: control ids with their framework and title. */
export function controlReferences(ids: readonly ControlId[]): ControlReference[] {
  return ids.map((id) => {
    const control = controlById(id);
    return { id, framework: control.framework, frameworkName: FRAMEWORKS[control.framework], title: control.title };
  });
}

export interface ArtifactCompleteness {
  complete: boolean;
  /** Present only when incomplete, first in the header so nobody misses it. */
  warning?: string;
  gaps: string[];
  datasets: DatasetCompleteness[];
}

export function artifactCompleteness(artifact: EvidenceArtifact, context: ExportContext, extraGaps: readonly string[]): ArtifactCompleteness {
  const datasets = context.datasets.filter((entry) => artifact.datasets.includes(entry.dataset));
  const gaps = [...describeGaps(datasets), ...extraGaps];
  const warning = incompleteWarning(gaps);
  return { complete: gaps.length === 0, ...(warning === undefined ? {} : { warning }), gaps, datasets };
}

/** The header object at the top of a JSON artifact. */
export function artifactHeader(
  artifact: EvidenceArtifact,
  context: ExportContext,
  completeness: ArtifactCompleteness,
): Record<string, unknown> & { identity: EvidenceIdentity } {
  return {
    ...(completeness.warning === undefined ? {} : { warning: completeness.warning }),
    complete: completeness.complete,
    artifact: artifact.id,
    title: artifact.title,
    description: artifact.description,
    org: context.org,
    ...simulatedNotice(context.identity),
    identity: context.identity,
    syncId: context.syncId,
    snapshotId: context.snapshotId,
    snapshotCreatedAt: context.snapshotCreatedAt,
    generatedAt: context.generatedAt,
    collectionWindow: context.collectionWindow,
    datasets: completeness.datasets,
    controls: controlReferences(artifact.controls),
    tool: context.tool,
  };
}
