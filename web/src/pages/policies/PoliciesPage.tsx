import { createColumnHelper } from '@tanstack/react-table';
import { Link } from 'react-router';
import { useApi } from '../../api/ApiContext';
import { unwrap, type Schemas } from '../../api/client';
import { PaginatedTable } from '../../components/PaginatedTable';
import { formatTime } from '../data-common/format';
import { FilterBar, SelectFilter } from '../data-common/Filters';
import { OrgRequired } from '../data-common/OrgRequired';
import { StatusBadge } from '../data-common/StatusBadge';
import { setOnly, useUrlFilters } from '../data-common/url-filters';
import '../data-common/data-pages.css';

type Policy = Schemas['Policy'];
const column = createColumnHelper<Policy>();
const columns = [
  column.accessor('name', { header: 'Policy', cell: (info) => <Link to={`/policies/${encodeURIComponent(info.row.original.id)}`}>{info.getValue()}</Link> }),
  column.accessor('type', { header: 'Type' }),
  column.accessor('status', { header: 'Status', cell: (info) => <StatusBadge status={info.getValue()} /> }),
  column.accessor('priority', { header: 'Priority', cell: (info) => info.getValue() ?? '—' }),
  column.accessor('lastUpdated', { header: 'Last changed', cell: (info) => formatTime(info.getValue()) }),
];
export const POLICY_TYPES = [['PASSWORD', 'Password'], ['MFA_ENROLL', 'Authenticator enrollment'], ['OKTA_SIGN_ON', 'Global session (sign-on)'], ['ACCESS_POLICY', 'App authentication'], ['PROFILE_ENROLLMENT', 'Profile enrollment']] as const;

export default function PoliciesPage() {
  return <OrgRequired title="Policies">{(org) => <Policies org={org} />}</OrgRequired>;
}

function Policies({ org }: { org: string }) {
  const api = useApi();
  const [filters, setFilters] = useUrlFilters(['type'] as const);
  const query = setOnly({ type: filters.type });
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Policies</h1>
      <FilterBar label="Filter policies">
        <SelectFilter label="Type" value={filters.type} options={POLICY_TYPES} onChange={(type) => setFilters({ type })} />
      </FilterBar>
      <PaginatedTable<Policy>
        label={`Policies of ${org}`}
        queryKey={['policies', org, query]}
        columns={columns}
        getRowId={(policy) => policy.id}
        empty="No policy of this type."
        fetchPage={async ({ cursor, limit }) => unwrap(await api.GET('/api/orgs/{org}/policies', { params: { path: { org }, query: { ...query, limit, ...(cursor === null ? {} : { cursor }) } } }))}
      />
    </section>
  );
}
