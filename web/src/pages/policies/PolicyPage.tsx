import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useApi } from '../../api/ApiContext';
import { unwrap } from '../../api/client';
import { ProblemMessage } from '../../components/Problem';
import { formatTime } from '../data-common/format';
import { OrgRequired } from '../data-common/OrgRequired';
import { StatusBadge } from '../data-common/StatusBadge';
import { ScrollBox } from '../../components/ScrollBox';
import '../data-common/data-pages.css';
import { Facts } from '../data-common/Facts';

export default function PolicyPage() {
  const { id = '' } = useParams();
  return <OrgRequired title="Policy">{(org) => <PolicyDetail org={org} id={id} />}</OrgRequired>;
}

/** A policy with its settings and rules as Okta returned them: an auditor reads the source, not a summary of it. */
function PolicyDetail({ org, id }: { org: string; id: string }) {
  const api = useApi();
  const detail = useQuery({ queryKey: ['policy', org, id], queryFn: async () => unwrap(await api.GET('/api/orgs/{org}/policies/{id}', { params: { path: { org, id } } })) });
  if (detail.isError) {
    return (
      <section aria-labelledby="page-title">
        <h1 id="page-title">Policy {id}</h1>
        <ProblemMessage error={detail.error} />
      </section>
    );
  }
  if (detail.data === undefined) return <p className="loading">Loading…</p>;
  const { policy, rules } = detail.data;
  return (
    <section aria-labelledby="page-title">
      <p>
        <Link to="/policies">← Policies</Link>
      </p>
      <h1 id="page-title">{policy.name}</h1>
      <Facts
        facts={[
          ['Type', policy.type],
          ['Status', <StatusBadge status={policy.status} />],
          ['Priority', policy.priority ?? '—'],
          ['System policy', policy.system ? 'Yes' : 'No'],
          ['Last changed', formatTime(policy.lastUpdated)],
        ]}
      />
      {policy.type === 'PASSWORD' ? (
        <p>
          Compliance of password policies with PCI DSS, NIST, DISA and Okta’s baselines: see <Link to="/tests#password-compliance">Tests › Password policy compliance</Link>.
        </p>
      ) : null}
      <h2>Conditions</h2>
      <pre className="json" tabIndex={0} aria-label="Conditions as JSON">{JSON.stringify(policy.conditions ?? null, null, 2)}</pre>
      <h2>Settings</h2>
      <pre className="json" tabIndex={0} aria-label="Settings as JSON">{JSON.stringify(policy.settings ?? null, null, 2)}</pre>
      <h2>Rules</h2>
      {rules.length === 0 ? <p>No rules.</p> : (
        <ScrollBox label="Rules (scrolls sideways)">
          <table>
            <caption>Rules of {policy.name}, in priority order</caption>
            <thead>
              <tr>
                <th scope="col">Priority</th>
                <th scope="col">Rule</th>
                <th scope="col">Status</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {rules.map((rule) => (
                <tr key={rule.id}>
                  <td>{rule.priority ?? '—'}</td>
                  <td>{rule.name}</td>
                  <td>
                    <StatusBadge status={rule.status} />
                  </td>
                  <td>
                    <pre className="json" tabIndex={0} aria-label={`Actions of ${rule.name} as JSON`}>{JSON.stringify(rule.actions ?? null, null, 2)}</pre>
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
