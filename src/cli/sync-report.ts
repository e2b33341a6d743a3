import { datasetDeclaration } from '../collect/datasets.js';
import { incompleteDatasetLines, isPromoted, type SyncOutcome } from '../collect/sync-outcome.js';
import { PRUNE_FAILED_CODE } from '../collect/sync-retention.js';
import type { DatasetId } from '../store/types.js';
import { CommandFailedError, type CliIo } from './io.js';
import { changesLine } from './sync-progress-log.js';

/** The datasets `--json` reports, in its order (a fixed shape scripts can rely on). */
const JSON_COUNTS = ['users', 'factors', 'groups', 'groupMemberships', 'apps', 'appAssignments', 'policies', 'logEvents'] as const;

/**
 * `sync --json`: exactly these fields, so scripts can rely on the shape. `incremental` is null for a full read; for
 * an incremental one it says since when changes were read, what they were by kind and how far the System Log was
 * read (`changes`), what the re-verification share of the budget re-read (users' factors, apps' assignments) with
 * how many requests, and how old the oldest factor verification still is.
 */
export function syncJson(outcome: SyncOutcome): string {
  const incremental = outcome.incremental;
  return JSON.stringify({
    syncId: outcome.syncId,
    status: outcome.status,
    complete: outcome.complete,
    counts: Object.fromEntries(JSON_COUNTS.map((dataset) => [dataset, outcome.counts[dataset]])),
    requests: { total: outcome.requests.total, throttled: outcome.requests.throttled },
    durationMs: outcome.durationMs,
    incremental:
      incremental === undefined
        ? null
        : {
            since: incremental.since.toISOString(),
            reverifiedUsers: incremental.reverifiedUsers,
            reverifiedApps: incremental.reverifiedApps,
            reverifyRequests: incremental.reverifyRequests.factors + incremental.reverifyRequests.apps,
            reverifyWithdrawn: incremental.reverifyWithdrawn,
            oldestVerifiedAt: incremental.oldestVerifiedAt?.toISOString() ?? null,
            changes: incremental.changes === undefined ? null : { ...incremental.changes, logCutoff: incremental.changes.logCutoff?.toISOString() ?? null },
          },
  });
}

/** The dataset's declared label (src/collect/datasets.ts). */
export function datasetLabel(dataset: DatasetId): string {
  return datasetDeclaration(dataset).label;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

/** The human summary of a sync whose snapshot was promoted (succeeded or partial): what was read, how complete it is, what it cost, where it is. */
export function successLines(outcome: SyncOutcome, location: string): string[] {
  const completeness = outcome.complete ? 'complete' : 'INCOMPLETE';
  const lines = [
    `Sync ${outcome.syncId} of ${outcome.org} ${outcome.status === 'partial' ? 'finished partial' : 'succeeded'} (${completeness}${outcome.resumed ? ', resumed' : ''}${outcome.incremental === undefined ? '' : ', incremental'}) in ${formatDuration(outcome.durationMs)}: ` +
      `${formatCount(outcome.requests.total)} requests, ${formatCount(outcome.requests.throttled)} throttled (429).`,
    `  ${outcome.datasets.map((d) => `${datasetLabel(d.dataset)} ${formatCount(d.count)}`).join(' · ')}`,
  ];
  for (const dataset of outcome.datasets.filter((d) => d.state !== 'complete')) {
    const needed = dataset.permissionNeeded === undefined ? '' : ` (needs ${dataset.permissionNeeded})`;
    lines.push(`  ${datasetLabel(dataset.dataset)}: ${dataset.state.replace('_', ' ')}${dataset.reason === undefined ? '' : ` — ${dataset.reason}`}${needed}`);
  }
  if (outcome.incremental !== undefined) lines.push(incrementalLine(outcome.incremental));
  if (outcome.incremental?.changes !== undefined) lines.push(`  ${changesLine(outcome.incremental.changes)}`);
  if (outcome.fullReason !== undefined) lines.push(`  full read: ${outcome.fullReason}`);
  // The sync succeeded, but the store keeps growing until a later sync prunes: say so, the logger may be silent.
  for (const warning of outcome.errors.filter((error) => error.code === PRUNE_FAILED_CODE)) lines.push(`  warning: ${warning.message}`);
  lines.push(`Stored in ${location} (snapshot ${outcome.snapshotId ?? '-'}).`);
  return lines;
}

/** One line for a sync that did not succeed: what happened and what to do. */
export function failureLine(outcome: SyncOutcome, timeoutMs: number): string {
  if (outcome.status === 'timed_out') {
    // How far each unfinished dataset got, so a log shows where the next run picks up.
    const unfinished = outcome.datasets
      .filter((d) => d.state !== 'complete' && d.state !== 'not_permitted')
      .map((d) => `${datasetLabel(d.dataset)} (${formatCount(d.count)} read${d.state === 'not_started' ? ', not started' : ''})`);
    return (
      `sync ${outcome.syncId} timed out after ${formatDuration(timeoutMs)} before finishing ${unfinished.join(', ')}; ` +
      `what it read is kept: run the same command again to continue from there (or raise --timeout)`
    );
  }
  const first = outcome.errors[0];
  const why = first === undefined ? 'a dataset could not be read' : first.message;
  return `sync ${outcome.syncId} failed (${first?.code ?? 'SYNC_FAILED'}): ${why}`;
}

/** What an incremental sync read, and how fresh the snapshot's oldest factor verification is. */
function incrementalLine(incremental: NonNullable<SyncOutcome['incremental']>): string {
  const oldest = incremental.oldestVerifiedAt === null ? 'none verified yet' : `oldest verification ${incremental.oldestVerifiedAt.toISOString()}`;
  // Withdrawn: users whose read still waited for a rate-limit slot when the share ran out, and apps not begun because
  // the apps bucket's window could not take all their requests. Neither is an error.
  const withdrawn =
    incremental.reverifyWithdrawn === 0
      ? ''
      : ` (${formatCount(incremental.reverifyWithdrawn)} more users and apps left for the next sync, which reads them first: re-verification's share of the budget or the rate-limit window ran out before them)`;
  const reverified = `${formatCount(incremental.reverifiedUsers)} users' factors and ${formatCount(incremental.reverifiedApps)} apps' assignments re-verified${withdrawn}`;
  return `  incremental: changes since ${incremental.since.toISOString()}; ${reverified}; ${oldest}`;
}

/**
 * Prints a finished sync and throws unless its snapshot is complete: a failed or timed-out sync with its one-line
 * reason; a partial one (stored, but a dataset incomplete) with one line per incomplete dataset on stderr, even with
 * --json, where scripts see them.
 */
export function reportSyncOutcome(io: CliIo, outcome: SyncOutcome, location: string, options: { json: boolean; timeoutMs: number }): void {
  if (options.json) io.out(syncJson(outcome));
  if (!isPromoted(outcome.status)) throw new CommandFailedError(failureLine(outcome, options.timeoutMs));
  if (!options.json) for (const line of successLines(outcome, location)) io.out(line);
  if (outcome.status === 'partial') {
    const lines = incompleteDatasetLines(outcome.datasets);
    for (const line of lines) io.err(line);
    throw new CommandFailedError(`sync ${outcome.syncId} of ${outcome.org} is partial: ${lines.length} dataset${lines.length === 1 ? '' : 's'} incomplete (its snapshot is stored; checks report what they could not judge)`);
  }
}
