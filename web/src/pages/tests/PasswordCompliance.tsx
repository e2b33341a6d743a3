import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useApi } from '../../api/ApiContext';
import { ProblemMessage } from '../../components/Problem';
import { plural } from '../data-common/format';
import { ScrollBox } from '../../components/ScrollBox';
import { StatusBadge } from '../data-common/StatusBadge';
import { passwordComplianceQuery } from './test-queries';

/**
 * Each judged password policy against every profile (PCI DSS v4.0, NIST SP 800-63B, DISA STIG, Okta HealthInsight):
 * one row per requirement, actual against required. The profile the test judges by comes first and is marked.
 */
export function PasswordCompliance({ org }: { org: string }) {
  const api = useApi();
  const query = useQuery(passwordComplianceQuery(api, org));
  if (query.isError) return <ProblemMessage error={query.error} />;
  if (query.data === undefined) return <p className="loading">Loading…</p>;
  if (query.data.policies.length === 0) return <p>No Okta-managed password policy governing a user was judged in the latest run.</p>;
  return (
    <>
      {query.data.policies.map((policy) => (
        <div key={policy.policyId} className="card">
          <h3>
            <Link to={`/policies/${encodeURIComponent(policy.policyId)}`}>{policy.policy}</Link> <StatusBadge status={policy.status} />
          </h3>
          <p className="muted">
            Governs {plural(policy.governedUsers, 'user')}; {policy.passwordOnlyFactor ? 'the password is the only factor for some of them, so the stricter requirements apply' : 'MFA is required for all of them'}.
          </p>
          {[...policy.profiles]
            .sort((a, b) => Number(b.chosen) - Number(a.chosen))
            .map((profile) => (
              <ScrollBox key={profile.profileId} label={`${policy.policy} against ${profile.name} (scrolls sideways)`}>
                <table>
                  <caption>
                    {policy.policy} against {profile.name}
                    {profile.chosen ? ' (the profile the test judges by)' : ''}: {profile.met ? <span className="met">meets</span> : <span className="unmet">does not meet</span>}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Requirement</th>
                      <th scope="col">Source</th>
                      <th scope="col">Actual</th>
                      <th scope="col">Met</th>
                    </tr>
                  </thead>
                  <tbody>
                    {profile.requirements.map((row) => (
                      <tr key={`${row.source}-${row.required}`}>
                        <td>
                          {row.required}
                          <br />
                          <span className="muted">{row.fields.join(', ')}</span>
                        </td>
                        <td>{row.source}</td>
                        <td>{row.actual}</td>
                        <td>{row.met ? <span className="met">Yes</span> : <span className="unmet">No</span>}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollBox>
            ))}
        </div>
      ))}
    </>
  );
}
