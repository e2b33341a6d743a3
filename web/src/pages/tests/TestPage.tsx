import { useQuery } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { lazy, Suspense } from 'react';
import { Link, useParams } from 'react-router';
import { useApi } from '../../api/ApiContext';
import { unwrap, type Schemas } from '../../api/client';
import { PaginatedTable } from '../../components/PaginatedTable';
import { ProblemMessage } from '../../components/Problem';
import { EntityLink } from '../data-common/EntityLink';
import { formatTime, plural } from '../data-common/format';
import { FilterBar, SelectFilter, TextFilter } from '../data-common/Filters';
import { OrgRequired } from '../data-common/OrgRequired';
import { StatusBadge } from '../data-common/StatusBadge';
import { oneOf, setOnly, useUrlFilters } from '../data-common/url-filters';
import { PasswordCompliance } from './PasswordCompliance';
import { latestTestsQuery } from './test-queries';
import { ScrollBox } from '../../components/ScrollBox';
import { Facts } from '../data-common/Facts';
import '../data-common/data-pages.css';

// uPlot comes with the chart only: the Tests pages paint without it.
const TrendChart = lazy(() => import('./TrendChart'));

type EntityResult = Schemas['CheckEntityResult'];
const column = createColumnHelper<EntityResult>();
const columns = [
  column.accessor('entityName', { header: 'Entity', cell: (info) => <EntityLink entityType={info.row.original.entityType} entityId={info.row.original.entityId}>{info.getValue()}</EntityLink> }),
  column.accessor('entityType', { header: 'Kind' }),
  column.accessor('status', { header: 'Verdict', cell: (info) => <StatusBadge status={info.getValue()} /> }),
  column.accessor('reason', { header: 'Reason', cell: (info) => <span className="reason">{info.getValue()}</span> }),
];
const STATUSES = [['fail', 'Fail'], ['pass', 'Pass'], ['error', 'Error'], ['not_applicable', 'Not applicable']] as const;
const KINDS = [['user', 'Users'], ['app', 'Apps'], ['policy', 'Policies'], ['organization', 'Organization'], ['dataset', 'Datasets']] as const;
const HISTORY_RUNS = 60;

export default function TestPage() {
  const { checkId = '' } = useParams();
  return <OrgRequired title="Test">{(org) => <TestDetail org={org} checkId={checkId} />}</OrgRequired>;
}

function TestDetail({ org, checkId }: { org: string; checkId: string }) {
  const api = useApi();
  const run = useQuery(latestTestsQuery(api, org));
  const history = useQuery({
    queryKey: ['test-history', org, checkId],
    queryFn: async () => unwrap(await api.GET('/api/orgs/{org}/tests/{checkId}/history', { params: { path: { org, checkId }, query: { limit: HISTORY_RUNS } } })),
  });
  const [filters, setFilters] = useUrlFilters(['status', 'kind', 'q'] as const);
  const query = setOnly({ status: oneOf(filters.status, STATUSES), entityType: oneOf(filters.kind, KINDS), search: filters.q });
  const result = run.data?.results.find((candidate) => candidate.id === checkId);
  const title = result?.title ?? checkId;
  return (
    <section aria-labelledby="page-title">
      <p>
        <Link to="/tests">← Tests</Link>
      </p>
      <h1 id="page-title">{title}</h1>
      {run.isError ? <ProblemMessage error={run.error} /> : null}
      {result === undefined ? null : (
        <Facts
          facts={[
            ['Verdict', <StatusBadge status={result.status} />],
            ['Severity', result.severity],
            ['Latest run', formatTime(run.data?.evaluatedAt)],
            ['Entities', `${result.counts.fail.toLocaleString('en-US')} failing, ${result.counts.pass.toLocaleString('en-US')} passing, ${plural(result.counts.error, 'error')}, ${result.counts.not_applicable.toLocaleString('en-US')} not applicable`],
            result.controls.length === 0
              ? null
              : [
                  'Controls',
                  result.controls.map((control) => (
                    <span key={control} className="tag">
                      {control}
                    </span>
                  )),
                ],
          ]}
        />
      )}

      <h2>Trend over syncs</h2>
      {history.isError ? <ProblemMessage error={history.error} /> : null}
      {history.data === undefined ? (
        history.isError ? null : <p className="loading">Loading…</p>
      ) : history.data.items.length < 2 ? (
        <p>One run so far: the trend shows from the second sync on.</p>
      ) : (
        <>
          <Suspense fallback={<p className="loading">Loading the chart…</p>}>
            <TrendChart points={history.data.items} label={`Failing and passing entities of ${title} over the last ${history.data.items.length} runs`} />
          </Suspense>
          <details>
            <summary>The trend as a table</summary>
            <ScrollBox label="Trend table (scrolls sideways)">
              <table>
                <caption>{title}, run by run (newest first)</caption>
                <thead>
                  <tr>
                    <th scope="col">Run</th>
                    <th scope="col">Verdict</th>
                    <th scope="col">Failing</th>
                    <th scope="col">Passing</th>
                    <th scope="col">Errors</th>
                  </tr>
                </thead>
                <tbody>
                  {history.data.items.map((point) => (
                    <tr key={point.runId}>
                      <td>{formatTime(point.evaluatedAt)}</td>
                      <td>
                        <StatusBadge status={point.status} />
                      </td>
                      <td>{point.counts.fail}</td>
                      <td>{point.counts.pass}</td>
                      <td>{point.counts.error}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollBox>
          </details>
        </>
      )}

      {checkId === 'password-policy-compliance' ? (
        <>
          <h2>Each requirement, per profile</h2>
          <PasswordCompliance org={org} />
        </>
      ) : null}

      <h2>Results per entity</h2>
      <FilterBar label="Filter results">
        <SelectFilter label="Verdict" value={filters.status} options={STATUSES} onChange={(status) => setFilters({ status })} />
        <SelectFilter label="Kind" value={filters.kind} options={KINDS} onChange={(kind) => setFilters({ kind })} />
        <TextFilter label="Search name" value={filters.q} onChange={(q) => setFilters({ q })} />
      </FilterBar>
      <PaginatedTable<EntityResult>
        label={`${title}: results per entity`}
        queryKey={['test-entities', org, checkId, query]}
        columns={columns}
        getRowId={(row) => `${row.entityType}/${row.entityId}`}
        empty="No result matches these filters."
        fetchPage={async ({ cursor, limit }) =>
          unwrap(await api.GET('/api/orgs/{org}/tests/{checkId}/entities', { params: { path: { org, checkId }, query: { ...query, limit, ...(cursor === null ? {} : { cursor }) } } }))
        }
      />
    </section>
  );
}
