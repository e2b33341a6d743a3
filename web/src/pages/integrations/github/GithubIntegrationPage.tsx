import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { useApi } from '../../../api/ApiContext';
import { unwrap } from '../../../api/client';
import { useCanAdminister } from '../../../app/session';
import { ProblemMessage } from '../../../components/Problem';
import { formatTime } from '../connection-state';
import { DisconnectCard } from '../DisconnectCard';
import { SyncSettingsForm, syncScheduleOf } from '../SyncSettingsForm';
import { GithubTestReport } from './GithubTestReport';
import { PassthroughResults } from './PassthroughResults';
import { PassthroughSummary } from './PassthroughSummary';
import { githubHost, githubState, type GithubConnection } from './github-state';
import { ScrollBox } from '../../../components/ScrollBox';
import { ConnectionStateHeader, SyncTimesFacts } from '../ConnectionStateHeader';

/** One GitHub connection: the organization it reads, Test connection, Sync Now, settings, history, passthrough per member, Disconnect. */
export default function GithubIntegrationPage() {
  const { id = '' } = useParams();
  const api = useApi();
  const connection = useQuery({ queryKey: ['github-connections', id], queryFn: async () => unwrap(await api.GET('/api/github-connections/{id}', { params: { path: { id } } })), refetchInterval: 15_000 });
  if (connection.isError) return <ProblemMessage error={connection.error} />;
  if (connection.data === undefined) return <p className="loading">Loading…</p>;
  return <GithubIntegration connection={connection.data} />;
}

function GithubIntegration({ connection }: { connection: GithubConnection }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const canAdminister = useCanAdminister();
  const state = githubState(connection);
  const path = { params: { path: { id: connection.id } } };
  const test = useMutation({ mutationFn: async () => unwrap(await api.POST('/api/github-connections/{id}/test', path)).report });
  const syncNow = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/github-connections/{id}/sync', path)),
    onSuccess: async () => queryClient.invalidateQueries({ queryKey: ['github-connections'] }),
  });
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">GitHub · {connection.name}</h1>
      <div className="card">
        <ConnectionStateHeader heading={<h2>Connection</h2>} state={state} />
        <dl className="facts">
          <dt>Organization</dt>
          <dd>
            {connection.org} on {githubHost(connection.apiUrl)}
            {connection.orgId !== null ? ` (id ${connection.orgId})` : ''}
          </dd>
          <dt>Enterprise</dt>
          <dd>{connection.enterprise ?? '—'}</dd>
          <dt>Authentication</dt>
          <dd>{connection.credential.kind === 'app' ? `GitHub App ${connection.credential.appId}${connection.credential.installationId === null ? '' : `, installation ${connection.credential.installationId}`}` : 'Token'}</dd>
          <dt>Signs in through</dt>
          <dd>{connection.service === null ? '—' : `${connection.service.oktaOrg}, Okta app ${connection.service.oktaAppId ?? 'not mapped'}`}</dd>
          <SyncTimesFacts connection={connection} />
        </dl>
        {canAdminister ? (
          <div className="actions">
            <button type="button" onClick={() => test.mutate()} disabled={test.isPending}>
              {test.isPending ? 'Testing…' : 'Test connection'}
            </button>
            <button type="button" className="primary" onClick={() => syncNow.mutate()} disabled={syncNow.isPending}>
              Sync Now
            </button>
          </div>
        ) : null}
        {syncNow.isSuccess ? <p role="status">Sync queued: it runs as soon as a worker is free.</p> : null}
        {syncNow.error !== null ? <ProblemMessage error={syncNow.error} title="Sync Now failed" /> : null}
        {test.error !== null ? <ProblemMessage error={test.error} title="Test connection failed" /> : null}
        {test.data !== undefined ? <GithubTestReport report={test.data} /> : null}
      </div>
      {connection.service !== null ? <PassthroughSummary serviceId={connection.service.id} /> : null}
      {connection.service !== null ? <PassthroughResults serviceId={connection.service.id} oktaOrg={connection.service.oktaOrg} /> : null}
      <SettingsForm connection={connection} />
      <SyncHistory connection={connection} />
      {canAdminister ? <Disconnect connection={connection} /> : null}
    </section>
  );
}

function SettingsForm({ connection }: { connection: GithubConnection }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [schedule, setSchedule] = useState(() => syncScheduleOf(connection.settings));
  const save = useMutation({
    mutationFn: async () => unwrap(await api.PATCH('/api/github-connections/{id}', { params: { path: { id: connection.id } }, body: { settings: schedule } })),
    onSuccess: async () => queryClient.invalidateQueries({ queryKey: ['github-connections'] }),
  });
  return (
    <SyncSettingsForm titleId="github-settings-title" intervalId="github-sync-interval" schedule={schedule} onScheduleChange={setSchedule} save={save} onSubmit={() => save.mutate()} />
  );
}

function SyncHistory({ connection }: { connection: GithubConnection }) {
  const api = useApi();
  const syncs = useQuery({ queryKey: ['github-connections', connection.id, 'syncs'], queryFn: async () => unwrap(await api.GET('/api/github-connections/{id}/syncs', { params: { path: { id: connection.id } } })).items });
  return (
    <div className="card">
      <h2>Sync history</h2>
      {syncs.error !== null ? <ProblemMessage error={syncs.error} /> : null}
      {syncs.data?.length === 0 ? <p>No sync yet.</p> : null}
      {syncs.data !== undefined && syncs.data.length > 0 ? (
        <ScrollBox label="Stored reads">
          <table>
            <caption>Stored reads, newest first (a failed read stores nothing: the state above says why)</caption>
            <thead>
              <tr>
                <th scope="col">Read at</th>
                <th scope="col">Accounts</th>
                <th scope="col">Credentials</th>
                <th scope="col">Completeness</th>
              </tr>
            </thead>
            <tbody>
              {syncs.data.map((sync) => (
                <tr key={sync.id}>
                  <td>
                    {formatTime(sync.readAt)}
                    {sync.current ? ' (current)' : ''}
                  </td>
                  <td>{sync.accountCount}</td>
                  <td>{sync.credentialCount}</td>
                  <td>{sync.complete ? 'complete' : 'incomplete'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      ) : null}
    </div>
  );
}

function Disconnect({ connection }: { connection: GithubConnection }) {
  const api = useApi();
  const disconnect = async () => unwrap(await api.DELETE('/api/github-connections/{id}', { params: { path: { id: connection.id } } }));
  return <DisconnectCard name={connection.name} target={connection.org} kept="The organization’s reads and passthrough evaluations stay." disconnect={disconnect} listQueryKey={['github-connections']} />;
}
