import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useApi } from '../../api/ApiContext';
import { unwrap } from '../../api/client';
import { ProblemMessage } from '../../components/Problem';
import { daysAgo, formatTime } from '../data-common/format';
import { OrgRequired } from '../data-common/OrgRequired';
import { StatusBadge } from '../data-common/StatusBadge';
import { ScrollBox } from '../../components/ScrollBox';
import '../data-common/data-pages.css';
import { Facts } from '../data-common/Facts';

/** One user: status, last sign-in, factors with their strength, groups, apps (direct or via which group), verdicts. */
export default function UserPage() {
  const { id = '' } = useParams();
  return <OrgRequired title="User">{(org) => <UserDetail org={org} id={id} />}</OrgRequired>;
}

function UserDetail({ org, id }: { org: string; id: string }) {
  const api = useApi();
  const detail = useQuery({ queryKey: ['user', org, id], queryFn: async () => unwrap(await api.GET('/api/orgs/{org}/users/{id}', { params: { path: { org, id } } })) });
  const factors = useQuery({
    queryKey: ['user-factors', org, id],
    queryFn: async () => unwrap(await api.GET('/api/orgs/{org}/users/{id}/factors', { params: { path: { org, id }, query: { limit: 200 } } })),
  });
  if (detail.isError) {
    return (
      <section aria-labelledby="page-title">
        <h1 id="page-title">User {id}</h1>
        <ProblemMessage error={detail.error} />
      </section>
    );
  }
  if (detail.data === undefined) return <p className="loading">Loading…</p>;
  const { user, groups, apps, verdicts } = detail.data;
  const groupName = new Map(groups.map((group) => [group.id, group.name ?? group.id]));
  return (
    <section aria-labelledby="page-title">
      <p>
        <Link to="/users">← Users</Link>
      </p>
      <h1 id="page-title">{user.login}</h1>
      <Facts
        facts={[
          ['Name', [user.firstName, user.lastName].filter(Boolean).join(' ') || '—'],
          ['Status', <><StatusBadge status={user.status} /> <span className="muted">since {formatTime(user.statusChanged)}</span></>],
          ['Last sign-in', <>{daysAgo(user.lastLogin)} <span className="muted">({formatTime(user.lastLogin)})</span></>],
          ['Created', formatTime(user.created)],
          ['Okta id', <code>{user.id}</code>],
        ]}
      />

      <h2>Test verdicts</h2>
      {verdicts.length === 0 ? (
        <p>No test judged this user in the latest run.</p>
      ) : (
        <ScrollBox label="Test verdicts (scrolls sideways)">
          <table>
            <caption>Each security test’s verdict on {user.login}</caption>
            <thead>
              <tr>
                <th scope="col">Test</th>
                <th scope="col">Verdict</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {verdicts.map((verdict) => (
                <tr key={verdict.checkId}>
                  <td>
                    <Link to={`/tests/${verdict.checkId}`}>{verdict.checkId}</Link>
                  </td>
                  <td>
                    <StatusBadge status={verdict.status} />
                  </td>
                  <td className="reason">{verdict.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}

      <h2>Factors</h2>
      {factors.isError ? <ProblemMessage error={factors.error} /> : null}
      {factors.data === undefined ? (
        factors.isError ? null : <p className="loading">Loading…</p>
      ) : factors.data.items.length === 0 ? (
        <p>No factor enrolled: this user signs in with a password only.</p>
      ) : (
        <ScrollBox label="Factors (scrolls sideways)">
          <table>
            <caption>Enrolled factors of {user.login}</caption>
            <thead>
              <tr>
                <th scope="col">Factor</th>
                <th scope="col">Strength</th>
                <th scope="col">Status</th>
                <th scope="col">Provider</th>
                <th scope="col">Enrolled</th>
              </tr>
            </thead>
            <tbody>
              {factors.data.items.map((factor) => (
                <tr key={factor.id}>
                  <td>
                    {factor.factorType}
                    {factor.profileSummary === null ? null : <span className="muted"> ({factor.profileSummary})</span>}
                  </td>
                  <td>
                    <StatusBadge status={factor.strength} />
                  </td>
                  <td>{factor.status}</td>
                  <td>{factor.vendorName ?? factor.provider ?? '—'}</td>
                  <td>{formatTime(factor.created)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}

      <h2>Groups</h2>
      {groups.length === 0 ? (
        <p>Not a member of any group.</p>
      ) : (
        <ul>
          {groups.map((group) => (
            <li key={group.id}>
              <Link to={`/groups/${encodeURIComponent(group.id)}`}>{group.name ?? group.id}</Link>
            </li>
          ))}
        </ul>
      )}

      <h2>Apps</h2>
      {apps.length === 0 ? (
        <p>No app assigned.</p>
      ) : (
        <ScrollBox label="Apps (scrolls sideways)">
          <table>
            <caption>Apps assigned to {user.login}</caption>
            <thead>
              <tr>
                <th scope="col">App</th>
                <th scope="col">Assigned</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {apps.map((app) => (
                <tr key={app.appId}>
                  <td>
                    <Link to={`/apps/${encodeURIComponent(app.appId)}`}>{app.appLabel ?? app.appId}</Link>
                  </td>
                  <td>
                    {app.scope === 'USER'
                      ? 'Directly'
                      : app.viaGroupIds.map((groupId, index) => (
                          <span key={groupId}>
                            {index === 0 ? 'Via ' : ', '}
                            <Link to={`/groups/${encodeURIComponent(groupId)}`}>{groupName.get(groupId) ?? groupId}</Link>
                          </span>
                        ))}
                  </td>
                  <td>{app.status ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}
    </section>
  );
}
