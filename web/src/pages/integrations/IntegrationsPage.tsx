import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { useApi } from '../../api/ApiContext';
import { unwrap } from '../../api/client';
import { useOrg } from '../../app/org';
import { useCanAdminister } from '../../app/session';
import { ProblemMessage } from '../../components/Problem';
import { ConnectDialog } from './ConnectDialog';
import { GithubSection } from './github/GithubSection';
import { connectionState, type Connection } from './connection-state';
import { ConnectionStateHeader, SyncTimesFacts } from './ConnectionStateHeader';

/** Settings › Integrations: the identity providers this installation reads and the downstream services (GitHub), with their state and next sync. */
export default function IntegrationsPage() {
  const api = useApi();
  const canAdminister = useCanAdminister();
  const [connecting, setConnecting] = useState(false);
  const connections = useQuery({ queryKey: ['connections'], queryFn: async () => unwrap(await api.GET('/api/connections')).items, refetchInterval: 15_000 });
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Integrations</h1>
      <h2>Identity Providers</h2>
      {connections.isError ? <ProblemMessage error={connections.error} /> : null}
      {connections.isPending ? <p className="loading">Loading…</p> : null}
      <div className="cards">
        {connections.data?.map((connection) => <OktaCard key={connection.id} connection={connection} />)}
        {connections.data !== undefined && connections.data.length === 0 ? (
          <article className="card" aria-labelledby="okta-none">
            <div className="card-header">
              <h3 id="okta-none">Okta</h3>
              <span className="state state-warn">Not connected</span>
            </div>
            <p>Connect your Okta org read-only to collect evidence and run the security tests.</p>
          </article>
        ) : null}
      </div>
      {canAdminister ? (
        <button type="button" className="primary" onClick={() => setConnecting(true)}>
          {connections.data !== undefined && connections.data.length > 0 ? 'Connect another Okta org' : 'Connect Okta'}
        </button>
      ) : (
        <p className="muted">Only an admin can connect or change integrations.</p>
      )}
      {connecting ? <ConnectDialog onClose={() => setConnecting(false)} /> : null}
      <GithubSection />
    </section>
  );
}

function OktaCard({ connection }: { connection: Connection }) {
  const { orgs } = useOrg();
  const latest = orgs.find((org) => org.org === connection.domain)?.lastSync;
  const state = connectionState(connection, latest);
  const headingId = `okta-${connection.id}`;
  return (
    <article className="card" aria-labelledby={headingId}>
      <ConnectionStateHeader heading={<h3 id={headingId}>Okta · {connection.name}</h3>} state={state} />
      <dl className="facts">
        <dt>Domain</dt>
        <dd>{connection.domain}</dd>
        <SyncTimesFacts connection={connection} />
      </dl>
      <Link to={`/integrations/${connection.id}`}>Details and settings of {connection.name}</Link>
    </article>
  );
}
