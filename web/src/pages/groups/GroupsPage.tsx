import { createColumnHelper } from '@tanstack/react-table';
import { Link } from 'react-router';
import { useApi } from '../../api/ApiContext';
import { unwrap, type Schemas } from '../../api/client';
import { PaginatedTable } from '../../components/PaginatedTable';
import { formatTime } from '../data-common/format';
import { FilterBar, SelectFilter, TextFilter } from '../data-common/Filters';
import { OrgRequired } from '../data-common/OrgRequired';
import { oneOf, setOnly, useUrlFilters } from '../data-common/url-filters';
import '../data-common/data-pages.css';

type Group = Schemas['Group'];
const column = createColumnHelper<Group>();
const columns = [
  column.accessor('name', { header: 'Group', cell: (info) => <Link to={`/groups/${encodeURIComponent(info.row.original.id)}`}>{info.getValue()}</Link> }),
  column.accessor('type', { header: 'Type' }),
  column.accessor('description', { header: 'Description', cell: (info) => info.getValue() ?? '—' }),
  column.accessor('lastMembershipUpdated', { header: 'Membership changed', cell: (info) => formatTime(info.getValue()) }),
];
const TYPES = [['OKTA_GROUP', 'Okta group'], ['APP_GROUP', 'App group (imported)'], ['BUILT_IN', 'Built-in (Everyone)']] as const;

export default function GroupsPage() {
  return <OrgRequired title="Groups">{(org) => <Groups org={org} />}</OrgRequired>;
}

function Groups({ org }: { org: string }) {
  const api = useApi();
  const [filters, setFilters] = useUrlFilters(['q', 'type'] as const);
  const query = setOnly({ search: filters.q, type: oneOf(filters.type, TYPES) });
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Groups</h1>
      <FilterBar label="Filter groups">
        <TextFilter label="Search name" value={filters.q} onChange={(q) => setFilters({ q })} />
        <SelectFilter label="Type" value={filters.type} options={TYPES} onChange={(type) => setFilters({ type })} />
      </FilterBar>
      <PaginatedTable<Group>
        label={`Groups of ${org}`}
        queryKey={['groups', org, query]}
        columns={columns}
        getRowId={(group) => group.id}
        empty="No group matches these filters."
        fetchPage={async ({ cursor, limit }) => unwrap(await api.GET('/api/orgs/{org}/groups', { params: { path: { org }, query: { ...query, limit, ...(cursor === null ? {} : { cursor }) } } }))}
      />
    </section>
  );
}
