import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { useApi } from '../../api/ApiContext';
import { unwrap } from '../../api/client';
import { useCanAdminister } from '../../app/session';
import { PaginatedTable } from '../../components/PaginatedTable';
import { ProblemMessage } from '../../components/Problem';
import { connectionState, engineName, formatTime, type Connection, type Sync } from './connection-state';
import { DisconnectCard } from './DisconnectCard';
import { SyncSettingsForm, syncScheduleOf } from './SyncSettingsForm';
import { TestReport } from './TestReport';
import { useSyncEvents, type DatasetProgress } from './useSyncEvents';
import { ScrollBox } from '../../components/ScrollBox';
import { ConnectionStateHeader, SyncTimesFacts } from './ConnectionStateHeader';

/** One Okta connection: the org it reads, its settings, Sync Now with live progress, history, Disconnect. */
export default function IntegrationDetailPage() {
  const { id = '' } = useParams();
  const api = useApi();
  const connection = useQuery({ queryKey: ['connections', id], queryFn: async () => unwrap(await api.GET('/api/connections/{id}', { params: { path: { id } } })) });
  if (connection.isError) return <ProblemMessage error={connection.error} />;
  if (connection.data === undefined) return <p className="loading">Loading…</p>;
  return <IntegrationDetail connection={connection.data} />;
}

function IntegrationDetail({ connection }: { connection: Connection }) {
  const api = useApi();
  const canAdminister = useCanAdminister();
  const events = useSyncEvents(connection.domain);
  const state = connectionState(connection, events.latest);
  const test = useMutation({ mutationFn: async () => unwrap(await api.POST('/api/connections/{id}/test', { params: { path: { id: connection.id } } })).report });
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Okta · {connection.name}</h1>
      <div className="card">
        <ConnectionStateHeader heading={<h2>Connection</h2>} state={state} />
        <dl className="facts">
          <dt>Domain</dt>
          <dd>{connection.domain}</dd>
          <dt>Org id</dt>
          <dd>{connection.org.orgId ?? 'not known yet (Test connection reads it)'}</dd>
          <dt>Engine</dt>
          <dd>{engineName(connection.org.pipeline)}</dd>
          <dt>Authentication</dt>
          <dd>{connection.credential.kind === 'ssws' ? 'API token' : `OAuth 2.0 service app ${connection.credential.clientId}`}</dd>
          <SyncTimesFacts connection={connection} />
        </dl>
        {canAdminister ? (
          <div className="actions">
            <button type="button" onClick={() => test.mutate()} disabled={test.isPending}>
              {test.isPending ? 'Testing…' : 'Test connection'}
            </button>
          </div>
        ) : null}
        {test.error !== null ? <ProblemMessage error={test.error} title="Test connection failed" /> : null}
        {test.data !== undefined ? <TestReport report={test.data} /> : null}
      </div>
      <SyncPanel connection={connection} latest={events.latest} progress={events.progress} />
      <LatestEvidence org={connection.domain} />
      <SettingsForm connection={connection} />
      <SyncHistory org={connection.domain} />
      {canAdminister ? <Disconnect connection={connection} /> : null}
    </section>
  );
}

function SyncPanel({ connection, latest, progress }: { connection: Connection; latest: Sync | null | undefined; progress: Record<string, DatasetProgress> }) {
  const api = useApi();
  const canAdminister = useCanAdminister();
  const syncNow = useMutation({ mutationFn: async () => unwrap(await api.POST('/api/connections/{id}/sync', { params: { path: { id: connection.id } } })) });
  const running = latest?.status === 'running';
  return (
    <div className="card" aria-labelledby="sync-title">
      <h2 id="sync-title">Sync</h2>
      {canAdminister ? (
        <button type="button" className="primary" onClick={() => syncNow.mutate()} disabled={syncNow.isPending || running}>
          {running ? 'Syncing…' : 'Sync Now'}
        </button>
      ) : null}
      {syncNow.isSuccess && !running && latest?.status === undefined ? <p role="status">Sync queued.</p> : null}
      {syncNow.error !== null ? <ProblemMessage error={syncNow.error} title="Sync Now failed" /> : null}
      {latest === null ? <p>No sync yet.</p> : null}
      {latest !== null && latest !== undefined ? <SyncProgress sync={latest} progress={progress} budgetS={connection.settings.budgetS} /> : null}
    </div>
  );
}

function SyncProgress({ sync, progress, budgetS }: { sync: Sync; progress: Record<string, DatasetProgress>; budgetS: number }) {
  const running = sync.status === 'running';
  const now = useNow(running);
  const remainingS = Math.max(0, Math.round(budgetS - (now - Date.parse(sync.startedAt)) / 1000));
  const datasets = new Map<string, DatasetProgress>(sync.datasets.map((dataset) => [dataset.dataset, { count: dataset.count, state: dataset.state, reason: dataset.reason }]));
  if (running) for (const [dataset, live] of Object.entries(progress)) datasets.set(dataset, { ...datasets.get(dataset), ...live });
  return (
    <div>
      <p role="status" aria-live="polite">
        {running ? `Sync running since ${formatTime(sync.startedAt)}; ${remainingS} s of its ${budgetS} s budget left.` : `Last sync ${sync.status.replace('_', ' ')} at ${formatTime(sync.endedAt ?? sync.startedAt)}${sync.complete ? ', complete' : ', incomplete'}.`}
      </p>
      <ScrollBox label="Datasets of the sync">
        <table>
          <caption>{running ? 'Progress per dataset' : 'Datasets of the last sync'}</caption>
          <thead>
            <tr>
              <th scope="col">Dataset</th>
              <th scope="col">Records</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {[...datasets.entries()].map(([dataset, item]) => (
              <tr key={dataset}>
                <td>{dataset}</td>
                <td>
                  {item.count}
                  {item.total !== undefined ? ` of ${item.total}` : ''}
                  {item.total !== undefined && item.state === undefined ? (
                    <progress max={item.total} value={item.count} aria-label={`${dataset}: ${item.count} of ${item.total}`} />
                  ) : null}
                </td>
                <td>{item.state === undefined ? 'reading…' : `${item.state.replace('_', ' ')}${item.reason !== undefined ? `: ${item.reason}` : ''}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
    </div>
  );
}

/** The clock, ticking each second while `ticking` (the remaining budget counts down). */
function useNow(ticking: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) return undefined;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [ticking]);
  return now;
}

function SettingsForm({ connection }: { connection: Connection }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [schedule, setSchedule] = useState(() => syncScheduleOf(connection.settings));
  const [logWindowDays, setLogWindowDays] = useState(String(connection.settings.logWindowDays));
  const logWindowError = /^\d+$/.test(logWindowDays) && Number(logWindowDays) >= 1 && Number(logWindowDays) <= 90 ? undefined : 'A whole number of days from 1 to 90.';
  const save = useMutation({
    mutationFn: async () =>
      unwrap(await api.PATCH('/api/connections/{id}', { params: { path: { id: connection.id } }, body: { settings: { ...schedule, logWindowDays: Number(logWindowDays) } } })),
    onSuccess: async () => queryClient.invalidateQueries({ queryKey: ['connections'] }),
  });
  return (
    <SyncSettingsForm
      titleId="settings-title"
      intervalId="sync-interval"
      schedule={schedule}
      onScheduleChange={setSchedule}
      save={save}
      onSubmit={() => {
        if (logWindowError === undefined) save.mutate();
      }}
    >
      <div className="field">
        <label htmlFor="log-window">System Log Window (days)</label>
        <input
          id="log-window"
          type="number"
          min={1}
          max={90}
          value={logWindowDays}
          aria-invalid={logWindowError !== undefined}
          aria-describedby="log-window-note"
          onChange={(event) => {
            setLogWindowDays(event.target.value);
            save.reset();
          }}
        />
        <p id="log-window-note" className={logWindowError === undefined ? 'field-hint' : 'field-error'}>
          {logWindowError ?? 'How many days of System Log events each sync reads (1–90; Okta keeps 90).'}
        </p>
      </div>
    </SyncSettingsForm>
  );
}

/** The newest signed evidence export of the org, to download (the Evidence page lists them all). */
function LatestEvidence({ org }: { org: string }) {
  const api = useApi();
  const exports = useQuery({ queryKey: ['evidence', org], queryFn: async () => unwrap(await api.GET('/api/orgs/{org}/evidence', { params: { path: { org } } })).items });
  const latest = exports.data?.[0];
  return (
    <div className="card">
      <h2>Evidence</h2>
      {exports.error !== null ? <ProblemMessage error={exports.error} /> : null}
      {exports.data !== undefined && latest === undefined ? <p>No evidence export yet: each successful sync writes one.</p> : null}
      {latest !== undefined ? (
        <p>
          Latest export {formatTime(latest.generatedAt)} ({latest.files} files, {latest.complete ? 'complete' : 'incomplete'}
          {latest.sequence !== null ? `, chain #${latest.sequence}` : ''}):{' '}
          <a href={`/api/orgs/${encodeURIComponent(org)}/evidence/${encodeURIComponent(latest.id)}/zip`} download>
            Download evidence zip
          </a>
        </p>
      ) : null}
    </div>
  );
}

const syncColumn = createColumnHelper<Sync>();
const SYNC_COLUMNS = [
  syncColumn.accessor('startedAt', { header: 'Started', cell: (cell) => formatTime(cell.getValue()) }),
  syncColumn.accessor('trigger', { header: 'Trigger' }),
  syncColumn.accessor('status', { header: 'Status', cell: (cell) => cell.getValue().replace('_', ' ') }),
  syncColumn.accessor('complete', { header: 'Completeness', cell: (cell) => (cell.getValue() ? 'complete' : `incomplete: ${cell.row.original.datasets.filter((dataset) => dataset.state !== 'complete').map((dataset) => `${dataset.dataset} ${dataset.state}`).join(', ')}`) }),
  syncColumn.display({ id: 'counts', header: 'Records', cell: (cell) => cell.row.original.datasets.reduce((sum, dataset) => sum + dataset.count, 0) }),
  syncColumn.accessor('requestsTotal', { header: 'Requests' }),
  syncColumn.accessor('throttled', { header: '429s' }),
  syncColumn.accessor('errors', { header: 'Errors', cell: (cell) => cell.getValue().map((error) => error.message).join('; ') || '—' }),
];

function SyncHistory({ org }: { org: string }) {
  const api = useApi();
  return (
    <div className="card">
      <h2>Sync history</h2>
      <PaginatedTable<Sync>
        label="Syncs, newest first"
        queryKey={['syncs', org]}
        pageSize={25}
        getRowId={(sync) => sync.id}
        columns={SYNC_COLUMNS}
        empty="No sync yet."
        fetchPage={async ({ cursor, limit }) => unwrap(await api.GET('/api/orgs/{org}/syncs', { params: { path: { org }, query: { limit, ...(cursor === null ? {} : { cursor }) } } }))}
      />
    </div>
  );
}

function Disconnect({ connection }: { connection: Connection }) {
  const api = useApi();
  const disconnect = async () => unwrap(await api.DELETE('/api/connections/{id}', { params: { path: { id: connection.id } } }));
  return <DisconnectCard name={connection.name} target={connection.domain} kept="Its snapshots, test results and evidence stay." disconnect={disconnect} listQueryKey={['connections']} />;
}
