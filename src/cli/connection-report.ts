import { formatSeconds, type ConnectionRecord, type TestConnectionReport } from '../app/index.js';

const STATE_TEXT = { readable: 'readable', not_permitted: 'not permitted', failing: 'failing', skipped: 'skipped' } as const;

function pipelineText(pipeline: string | null): string {
  return pipeline === 'idx' ? 'Identity Engine' : pipeline === 'v1' ? 'Classic Engine' : 'pipeline unknown';
}

/** Test connection's report, one line per dataset, for a terminal or a log. */
export function testReportLines(report: TestConnectionReport): string[] {
  const org = report.org === null ? 'org not reached' : `org ${report.org.orgId} (${pipelineText(report.org.pipeline)})`;
  const lines = [`Test connection to ${report.domain}: ${org}, ${(report.durationMs / 1000).toFixed(1)} s`];
  if (report.fatal !== null) lines.push(`  ${report.fatal.message}`);
  const width = Math.max(...report.datasets.map((d) => d.label.length));
  for (const d of report.datasets) {
    const detail =
      d.state === 'not_permitted'
        ? ` — add ${d.permissionNeeded ?? 'the permission to read it'}`
        : d.state === 'readable' || report.fatal !== null
          ? ''
          : ` — ${d.reason ?? ''}`;
    lines.push(`  ${d.label.padEnd(width)}  ${STATE_TEXT[d.state]}${detail}`);
  }
  return lines;
}

/** `Auto Sync on, every 6h, System Log window 7 days, budget 5m` */
export function settingsText(connection: ConnectionRecord): string {
  const s = connection.settings;
  const auto = s.autoSync ? `Auto Sync on, every ${formatSeconds(s.syncIntervalS)}` : 'Auto Sync off';
  const events = s.eventTypes === null ? '' : `, ${s.eventTypes.length} event types`;
  return `${auto}, System Log window ${s.logWindowDays} days, budget ${formatSeconds(s.budgetS)} per sync, ${s.evidenceRetention} evidence exports kept${events}`;
}

export function credentialText(connection: ConnectionRecord): string {
  const c = connection.credential;
  return c.kind === 'ssws' ? 'API token (SSWS)' : `OAuth client ${c.clientId}${c.keyId === null ? '' : `, key ${c.keyId}`}, DPoP ${c.dpop}`;
}

/** A connection as JSON for `--json`: the record as stored (no secret is in it). */
export function connectionJson(connection: ConnectionRecord): Record<string, unknown> {
  return { ...connection, credential: { ...connection.credential } };
}
