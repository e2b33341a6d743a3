import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { useApi } from '../../../api/ApiContext';
import { unwrap } from '../../../api/client';
import { useCanAdminister } from '../../../app/session';
import { ProblemMessage } from '../../../components/Problem';
import { GithubConnectDialog } from './GithubConnectDialog';
import { githubHost, githubState, type GithubConnection } from './github-state';
import { ConnectionStateHeader, SyncTimesFacts } from '../ConnectionStateHeader';

/** Settings › Integrations › Downstream services: the GitHub organizations read for the MFA passthrough. */
export function GithubSection() {
  const api = useApi();
  const canAdminister = useCanAdminister();
  const [connecting, setConnecting] = useState(false);
  const connections = useQuery({ queryKey: ['github-connections'], queryFn: async () => unwrap(await api.GET('/api/github-connections')).items, refetchInterval: 15_000 });
  return (
    <>
      <h2>Downstream services</h2>
      {connections.isError ? <ProblemMessage error={connections.error} /> : null}
      <div className="cards">
        {connections.data?.map((connection) => <GithubCard key={connection.id} connection={connection} />)}
        {connections.data !== undefined && connections.data.length === 0 ? (
          <article className="card" aria-labelledby="github-none">
            <div className="card-header">
              <h3 id="github-none">GitHub</h3>
              <span className="state state-warn">Not connected</span>
            </div>
            <p>Connect a GitHub organization to prove, per member, that GitHub sign-ins through Okta require MFA.</p>
          </article>
        ) : null}
      </div>
      {canAdminister ? (
        <button type="button" onClick={() => setConnecting(true)}>
          {connections.data !== undefined && connections.data.length > 0 ? 'Connect another GitHub organization' : 'Connect GitHub'}
        </button>
      ) : null}
      {connecting ? <GithubConnectDialog onClose={() => setConnecting(false)} /> : null}
    </>
  );
}

function GithubCard({ connection }: { connection: GithubConnection }) {
  const state = githubState(connection);
  const headingId = `github-${connection.id}`;
  return (
    <article className="card" aria-labelledby={headingId}>
      <ConnectionStateHeader heading={<h3 id={headingId}>GitHub · {connection.name}</h3>} state={state} />
      <dl className="facts">
        <dt>Organization</dt>
        <dd>
          {connection.org} on {githubHost(connection.apiUrl)}
        </dd>
        <dt>Signs in through</dt>
        <dd>{connection.service === null ? '—' : `${connection.service.oktaOrg}, app ${connection.service.oktaAppId ?? 'not mapped'}`}</dd>
        <SyncTimesFacts connection={connection} />
      </dl>
      <Link to={`/integrations/github/${connection.id}`}>Details and settings of {connection.name}</Link>
    </article>
  );
}
