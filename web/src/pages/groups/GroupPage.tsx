import { useQuery } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { Link, useParams } from 'react-router';
import { useApi } from '../../api/ApiContext';
import { unwrap } from '../../api/client';
import { PaginatedTable } from '../../components/PaginatedTable';
import { ProblemMessage } from '../../components/Problem';
import { formatTime } from '../data-common/format';
import { OrgRequired } from '../data-common/OrgRequired';
import { StatusBadge } from '../data-common/StatusBadge';
import '../data-common/data-pages.css';
import { Facts } from '../data-common/Facts';

type Member = { userId: string; login: string | null; status: string | null };
const column = createColumnHelper<Member>();
const columns = [
  column.accessor('login', { header: 'User', cell: (info) => <Link to={`/users/${encodeURIComponent(info.row.original.userId)}`}>{info.getValue() ?? info.row.original.userId}</Link> }),
  column.accessor('status', { header: 'Status', cell: (info) => <StatusBadge status={info.getValue()} /> }),
];

export default function GroupPage() {
  const { id = '' } = useParams();
  return <OrgRequired title="Group">{(org) => <GroupDetail org={org} id={id} />}</OrgRequired>;
}

function GroupDetail({ org, id }: { org: string; id: string }) {
  const api = useApi();
  const detail = useQuery({ queryKey: ['group', org, id], queryFn: async () => unwrap(await api.GET('/api/orgs/{org}/groups/{id}', { params: { path: { org, id } } })) });
  if (detail.isError) {
    return (
      <section aria-labelledby="page-title">
        <h1 id="page-title">Group {id}</h1>
        <ProblemMessage error={detail.error} />
      </section>
    );
  }
  if (detail.data === undefined) return <p className="loading">Loading…</p>;
  const group = detail.data;
  return (
    <section aria-labelledby="page-title">
      <p>
        <Link to="/groups">← Groups</Link>
      </p>
      <h1 id="page-title">{group.name}</h1>
      <Facts
        facts={[
          ['Type', group.type],
          ['Members', group.memberCount.toLocaleString('en-US')],
          ['Description', group.description ?? '—'],
          ['Membership changed', formatTime(group.lastMembershipUpdated)],
        ]}
      />
      <PaginatedTable<Member>
        label={`Members of ${group.name}`}
        queryKey={['group-members', org, id]}
        columns={columns}
        getRowId={(member) => member.userId}
        empty="This group has no members."
        fetchPage={async ({ cursor, limit }) => unwrap(await api.GET('/api/orgs/{org}/groups/{id}/members', { params: { path: { org, id }, query: { limit, ...(cursor === null ? {} : { cursor }) } } }))}
      />
    </section>
  );
}
