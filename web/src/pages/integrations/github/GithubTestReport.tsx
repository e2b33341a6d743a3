import type { GithubReport } from './github-state';
import { DatasetReadTable } from '../DatasetReadTable';

const STATE_TEXT: Record<GithubReport['datasets'][number]['state'], { text: string; tone: string }> = {
  complete: { text: 'Readable', tone: 'state-ok' },
  partial: { text: 'Partly readable', tone: 'state-warn' },
  not_permitted: { text: 'Not permitted', tone: 'state-warn' },
  failed: { text: 'Error', tone: 'state-bad' },
  skipped: { text: 'Not tried', tone: 'state-warn' },
};

/** GitHub's Test connection answer: the organization reached, SAML as seen, then per dataset readable / not permitted / error. */
export function GithubTestReport({ report }: { report: GithubReport }) {
  return (
    <section aria-label="Test connection result" className="test-report">
      {report.fatal !== null ? (
        <div className="problem" role="alert">
          <strong>Test connection failed.</strong> {report.fatal.message}
        </div>
      ) : (
        <p role="status" className={report.canReadMembers ? 'success' : 'problem'}>
          {report.canReadMembers ? 'Connected' : 'Connected, but the members cannot be read: the connection cannot be saved like this.'}
          {report.org !== null ? ` to ${report.org.login} (organization ${report.org.id})` : ''} at {report.apiUrl}
          {report.installationId !== null ? ` through App installation ${report.installationId}` : ''}.
        </p>
      )}
      {report.fatal === null ? (
        <p>
          SAML: {report.saml.configured === null ? 'not known' : report.saml.configured ? 'configured' : 'not configured (passthrough through Okta cannot apply)'}; enforcement {report.saml.enforcement}.
        </p>
      ) : null}
      {report.datasets.length > 0 ? (
        <DatasetReadTable rows={report.datasets.map((dataset) => ({ ...dataset, key: dataset.dataset, state: STATE_TEXT[dataset.state] }))} />
      ) : null}
    </section>
  );
}
