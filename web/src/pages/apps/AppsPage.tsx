import { createColumnHelper } from '@tanstack/react-table';
import { Link } from 'react-router';
import { useApi } from '../../api/ApiContext';
import { unwrap, type Schemas } from '../../api/client';
import { PaginatedTable } from '../../components/PaginatedTable';
import { formatTime } from '../data-common/format';
import { FilterBar, SelectFilter, TextFilter } from '../data-common/Filters';
import { OrgRequired } from '../data-common/OrgRequired';
import { StatusBadge } from '../data-common/StatusBadge';
import { oneOf, setOnly, useUrlFilters } from '../data-common/url-filters';
import '../data-common/data-pages.css';

type App = Schemas['App'];
const STATUSES = [['ACTIVE', 'Active'], ['INACTIVE', 'Inactive']] as const;
const column = createColumnHelper<App>();
const columns = [
  column.accessor('label', { header: 'App', cell: (info) => <Link to={`/apps/${encodeURIComponent(info.row.original.id)}`}>{info.getValue()}</Link> }),
  column.accessor('status', { header: 'Status', cell: (info) => <StatusBadge status={info.getValue()} /> }),
  column.accessor('signOnMode', { header: 'Sign-on mode', cell: (info) => info.getValue() ?? '—' }),
  column.accessor('accessPolicyId', { header: 'Authentication policy', cell: (info) => { const id = info.getValue(); return id === null ? <span className="muted">none (org default)</span> : <Link to={`/policies/${encodeURIComponent(id)}`}>{id}</Link>; } }),
  column.accessor('created', { header: 'Created', cell: (info) => formatTime(info.getValue()) }),
];

export default function AppsPage() {
  return <OrgRequired title="Apps">{(org) => <Apps org={org} />}</OrgRequired>;
}

function Apps({ org }: { org: string }) {
  const api = useApi();
  const [filters, setFilters] = useUrlFilters(['q', 'status'] as const);
  const query = setOnly({ search: filters.q, status: oneOf(filters.status, STATUSES) });
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Apps</h1>
      <FilterBar label="Filter apps">
        <TextFilter label="Search label" value={filters.q} onChange={(q) => setFilters({ q })} />
        <SelectFilter label="Status" value={filters.status} options={STATUSES} onChange={(status) => setFilters({ status })} />
      </FilterBar>
      <PaginatedTable<App>
        label={`Apps of ${org}`}
        queryKey={['apps', org, query]}
        columns={columns}
        getRowId={(app) => app.id}
        empty="No app matches these filters."
        fetchPage={async ({ cursor, limit }) => unwrap(await api.GET('/api/orgs/{org}/apps', { params: { path: { org }, query: { ...query, limit, ...(cursor === null ? {} : { cursor }) } } }))}
      />
    </section>
  );
}
