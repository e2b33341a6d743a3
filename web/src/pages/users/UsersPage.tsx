import { createColumnHelper } from '@tanstack/react-table';
import { Link } from 'react-router';
import { useApi } from '../../api/ApiContext';
import { unwrap, type Schemas } from '../../api/client';
import { PaginatedTable } from '../../components/PaginatedTable';
import { daysAgo, formatTime } from '../data-common/format';
import { CheckboxFilter, FilterBar, SelectFilter, TextFilter } from '../data-common/Filters';
import { OrgRequired } from '../data-common/OrgRequired';
import { StatusBadge } from '../data-common/StatusBadge';
import { oneOf, setOnly, useUrlFilters } from '../data-common/url-filters';
import '../data-common/data-pages.css';

type User = Schemas['User'];
const column = createColumnHelper<User>();

export const USER_STATUSES = ['ACTIVE', 'STAGED', 'PROVISIONED', 'RECOVERY', 'PASSWORD_EXPIRED', 'LOCKED_OUT', 'SUSPENDED', 'DEPROVISIONED'] as const;
const STATUS_OPTIONS = USER_STATUSES.map((status) => [status, status] as const);
const MFA_OPTIONS = [['fail', 'Fail (no MFA)'], ['pass', 'Pass'], ['error', 'Error'], ['not_applicable', 'Not applicable']] as const;
const FACTOR_OPTIONS = [['none', 'None'], ['knowledge', 'Knowledge (security question)'], ['weak', 'Weak (SMS, call, email)'], ['strong', 'Strong (push, OTP)'], ['phishing-resistant', 'Phishing-resistant (WebAuthn, FastPass)']] as const;
const FILTERS = ['q', 'status', 'mfa', 'factor', 'inactive', 'deprovisioned'] as const;

const columns = [
  column.accessor('login', { header: 'Login', cell: (info) => <Link to={`/users/${encodeURIComponent(info.row.original.id)}`}>{info.getValue()}</Link> }),
  column.display({ id: 'name', header: 'Name', cell: (info) => [info.row.original.firstName, info.row.original.lastName].filter(Boolean).join(' ') || '—' }),
  column.accessor('status', { header: 'Status', cell: (info) => <StatusBadge status={info.getValue()} /> }),
  column.accessor('lastLogin', { header: 'Last sign-in', cell: (info) => <span title={formatTime(info.getValue())}>{daysAgo(info.getValue())}</span> }),
  column.accessor('department', { header: 'Department', cell: (info) => info.getValue() ?? '—' }),
];

/** Users of the current snapshot: one server page at a time, filtered by the server, filters in the URL. */
export default function UsersPage() {
  return <OrgRequired title="Users">{(org) => <Users org={org} />}</OrgRequired>;
}

function Users({ org }: { org: string }) {
  const api = useApi();
  const [filters, setFilters] = useUrlFilters(FILTERS);
  const inactive = /^\d+$/.test(filters.inactive) ? Number(filters.inactive) : undefined;
  const query = setOnly({
    search: filters.q,
    status: filters.status,
    mfa: oneOf(filters.mfa, MFA_OPTIONS),
    strongestFactor: oneOf(filters.factor, FACTOR_OPTIONS),
    inactiveDays: inactive,
    deprovisionedWithAccess: filters.deprovisioned === 'true' ? ('true' as const) : undefined,
  });
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Users</h1>
      <p className="muted">Every user of {org} in every status, as of the last sync. Filter to find who fails a test.</p>
      <FilterBar label="Filter users">
        <TextFilter label="Search login or name" value={filters.q} onChange={(q) => setFilters({ q })} placeholder="e.g. jane@example.com" />
        <SelectFilter label="Status" value={filters.status} options={STATUS_OPTIONS} onChange={(status) => setFilters({ status })} />
        <SelectFilter label="MFA test verdict" value={filters.mfa} options={MFA_OPTIONS} onChange={(mfa) => setFilters({ mfa })} />
        <SelectFilter label="Strongest factor" value={filters.factor} options={FACTOR_OPTIONS} onChange={(factor) => setFilters({ factor })} />
        <TextFilter label="Inactive for more than (days)" type="number" min={1} max={3650} value={filters.inactive} onChange={(value) => setFilters({ inactive: value })} />
        <CheckboxFilter label="Deprovisioned but still assigned an app" checked={filters.deprovisioned === 'true'} onChange={(checked) => setFilters({ deprovisioned: checked ? 'true' : '' })} />
      </FilterBar>
      <PaginatedTable<User>
        label={`Users of ${org}`}
        queryKey={['users', org, query]}
        columns={columns}
        getRowId={(user) => user.id}
        empty="No user matches these filters."
        fetchPage={async ({ cursor, limit }) =>
          unwrap(await api.GET('/api/orgs/{org}/users', { params: { path: { org }, query: { ...query, limit, ...(cursor === null ? {} : { cursor }) } } }))
        }
      />
    </section>
  );
}
