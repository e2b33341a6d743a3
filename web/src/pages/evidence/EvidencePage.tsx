import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useApi } from '../../api/ApiContext';
import { unwrap } from '../../api/client';
import { ProblemMessage } from '../../components/Problem';
import { formatTime } from '../data-common/format';
import { OrgRequired } from '../data-common/OrgRequired';
import { ScrollBox } from '../../components/ScrollBox';
import '../data-common/data-pages.css';

export default function EvidencePage() {
  return <OrgRequired title="Evidence">{(org) => <Evidence org={org} />}</OrgRequired>;
}

/** The signed exports kept for the org, one per successful sync: completeness, frameworks, verification, download. */
function Evidence({ org }: { org: string }) {
  const api = useApi();
  const exports = useQuery({ queryKey: ['evidence', org], queryFn: async () => unwrap(await api.GET('/api/orgs/{org}/evidence', { params: { path: { org } } })).items });
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Evidence</h1>
      <p className="muted">
        Each successful sync writes a signed, hash-chained export. Download one as a ZIP and check it offline with <code>okta-evidence evidence verify</code>.
      </p>
      {exports.isError ? <ProblemMessage error={exports.error} /> : null}
      {exports.data === undefined ? (
        exports.isError ? null : <p className="loading">Loading…</p>
      ) : exports.data.length === 0 ? (
        <p>No export kept yet: the scheduler writes one after each successful sync.</p>
      ) : (
        <ScrollBox label="Evidence exports (scrolls sideways)">
          <table>
            <caption>Evidence exports of {org}, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Generated</th>
                <th scope="col">Completeness</th>
                <th scope="col">Frameworks</th>
                <th scope="col">Files</th>
                <th scope="col">Chain</th>
                <th scope="col">Verification</th>
                <th scope="col">Download</th>
              </tr>
            </thead>
            <tbody>
              {exports.data.map((item) => (
                <tr key={item.id}>
                  <td>
                    {formatTime(item.generatedAt)}
                    {item.simulated === null ? null : (
                      <>
                        <br />
                        <span className="state state-warn">Simulated org</span>
                      </>
                    )}
                  </td>
                  <td>{item.complete ? <span className="state state-ok">Complete</span> : <span className="state state-bad">Incomplete</span>}</td>
                  <td>
                    {item.frameworks.length === 0 ? '—' : item.frameworks.map((framework) => (
                      <span key={framework} className="tag">
                        {framework}
                      </span>
                    ))}
                  </td>
                  <td>{item.files}</td>
                  <td>{item.sequence === null ? '—' : `#${item.sequence}`}</td>
                  <td>
                    <Verification org={org} exportId={item.id} />
                  </td>
                  <td>
                    <a href={`/api/orgs/${encodeURIComponent(org)}/evidence/${encodeURIComponent(item.id)}/zip`} download aria-label={`Download the export of ${formatTime(item.generatedAt)} as a ZIP`}>
                      ZIP
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}
    </section>
  );
}

/** Verification re-hashes every file, so it runs when asked, not for every row on load. */
function Verification({ org, exportId }: { org: string; exportId: string }) {
  const api = useApi();
  const [asked, setAsked] = useState(false);
  const check = useQuery({
    queryKey: ['evidence-verification', org, exportId],
    enabled: asked,
    queryFn: async () => unwrap(await api.GET('/api/orgs/{org}/evidence/{exportId}/verification', { params: { path: { org, exportId } } })),
  });
  if (!asked) {
    return (
      <button type="button" onClick={() => setAsked(true)} aria-label={`Verify export ${exportId}`}>
        Verify
      </button>
    );
  }
  if (check.isError) return <ProblemMessage error={check.error} title="Could not verify" />;
  if (check.data === undefined) return <span role="status">Verifying…</span>;
  const report = check.data;
  return (
    <div role="status">
      {report.ok ? <span className="state state-ok">Verified</span> : <span className="state state-bad">Failed</span>}
      {report.trust === null ? null : <span className="muted"> ({report.trust.kind === 'untrusted' ? 'signer not trusted' : `key ${report.trust.fingerprint.slice(0, 16)}…`})</span>}
      {report.problems.length === 0 ? null : (
        <ul>
          {report.problems.map((problem) => (
            <li key={`${problem.file}-${problem.reason}`}>
              <code>{problem.file}</code>: {problem.reason}
            </li>
          ))}
        </ul>
      )}
      {report.warnings.map((warning) => (
        <p key={warning} className="muted">
          {warning}
        </p>
      ))}
    </div>
  );
}
