import { ARTIFACT_CONTROLS } from '../../frameworks/mapping.js';
import type { LogEventRecord } from '../../store/types.js';
import { defineArtifact, type SnapshotSource } from '../artifact.js';

async function* eventsInWindow(source: SnapshotSource): AsyncGenerator<LogEventRecord> {
  if (source.logWindow === null) return;
  yield* source.logEvents.stream(source.org, source.logWindow);
}

export const systemLogsArtifact = defineArtifact<LogEventRecord>({
  id: 'system-logs',
  title: 'Okta System Log events',
  description:
    'The Okta System Log events of the collection window (or of the audit period chosen with --from/--to), one JSON event per line in publication order, after a first line {"header": …} naming the org, the period (collectionWindow.systemLog), the event types the syncs that read it asked Okta for (collectionWindow.systemLogEventTypes) and whether the log was read in full. Events are as Okta returned them except that request URLs in debugContext.debugData lose their query strings and values under secret-like keys read [removed].',
  datasets: ['logEvents'],
  controls: ARTIFACT_CONTROLS['system-logs'],
  formats: ['jsonl'],
  records: eventsInWindow,
  toJson: (event) => event.raw,
  gaps: (source) => (source.logWindow === null ? ['the sync recorded no System Log collection window, so no events were exported'] : []),
});
