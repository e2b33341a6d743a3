import type { Schemas } from '../../api/client';
import { adviceFor } from './advice';
import { DatasetReadTable } from './DatasetReadTable';

type Report = Schemas['TestConnectionReport'];

const STATE_TEXT: Record<Report['datasets'][number]['state'], { text: string; tone: string }> = {
  readable: { text: 'Readable', tone: 'state-ok' },
  not_permitted: { text: 'Not permitted', tone: 'state-warn' },
  failing: { text: 'Error', tone: 'state-bad' },
  skipped: { text: 'Not tried', tone: 'state-warn' },
};

/** Test connection's answer: the org it reached, then per dataset readable / not permitted (what to grant) / error. */
export function TestReport({ report }: { report: Report }) {
  const advice = report.fatal === null ? [] : adviceFor(report.fatal.code, report.fatal.message);
  return (
    <section aria-label="Test connection result" className="test-report">
      {report.fatal !== null ? (
        <div className="problem" role="alert">
          <strong>Test connection failed.</strong> {report.fatal.message}
        </div>
      ) : (
        <p role="status" className={report.canReadUsers ? 'success' : 'problem'}>
          {report.canReadUsers ? 'Connected' : 'Connected, but users cannot be read: the connection cannot be saved like this.'}
          {report.org !== null ? ` to org ${report.org.orgId}${report.org.pipeline === 'idx' ? ' (Identity Engine)' : report.org.pipeline === 'v1' ? ' (Classic Engine)' : ''}` : ''} in {Math.round(report.durationMs)} ms.
        </p>
      )}
      <Advice lines={advice} />
      <DatasetReadTable rows={report.datasets.map((dataset) => ({ ...dataset, key: dataset.id, state: STATE_TEXT[dataset.state] }))} />
    </section>
  );
}

export function Advice({ lines }: { lines: string[] }) {
  if (lines.length === 0) return null;
  return (
    <div className="advice">
      <strong>Troubleshooting</strong>
      <ul>
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </div>
  );
}
