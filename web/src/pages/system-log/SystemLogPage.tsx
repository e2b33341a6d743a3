import { createColumnHelper } from '@tanstack/react-table';
import { Link } from 'react-router';
import { useApi } from '../../api/ApiContext';
import { unwrap, type Schemas } from '../../api/client';
import { PaginatedTable } from '../../components/PaginatedTable';
import { formatTime } from '../data-common/format';
import { FilterBar, TextFilter } from '../data-common/Filters';
import { OrgRequired } from '../data-common/OrgRequired';
import { setOnly, useUrlFilters } from '../data-common/url-filters';
import '../data-common/data-pages.css';

type LogEvent = Schemas['LogEvent'];
const column = createColumnHelper<LogEvent>();
const columns = [
  column.accessor('published', { header: 'Published', cell: (info) => formatTime(info.getValue()) }),
  column.accessor('eventType', { header: 'Event type', cell: (info) => <code>{info.getValue()}</code> }),
  column.accessor('outcomeResult', { header: 'Outcome', cell: (info) => info.getValue() ?? '—' }),
  column.display({
    id: 'actor',
    header: 'Actor',
    cell: (info) => {
      const { actorId, actorAlternateId } = info.row.original;
      if (actorId === null) return '—';
      return actorId.startsWith('00u') ? <Link to={`/users/${encodeURIComponent(actorId)}`}>{actorAlternateId ?? actorId}</Link> : (actorAlternateId ?? actorId);
    },
  }),
  column.accessor('targetIds', {
    header: 'Targets',
    cell: (info) =>
      info.getValue().map((id, index) => (
        <span key={id}>
          {index === 0 ? '' : ', '}
          {targetLink(id)}
        </span>
      )),
  }),
];

/** Okta ids say what they name by their prefix: 00u users, 0oa apps, 00g groups. */
function targetLink(id: string) {
  const page = id.startsWith('00u') ? 'users' : id.startsWith('0oa') ? 'apps' : id.startsWith('00g') ? 'groups' : undefined;
  return page === undefined ? <code>{id}</code> : <Link to={`/${page}/${encodeURIComponent(id)}`}>{id}</Link>;
}

/** A `datetime-local` value read as UTC (the page says so), as the ISO 8601 instant the API takes. */
export function utcInstant(local: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(local)) return undefined;
  return `${local.length === 16 ? `${local}:00` : local}Z`;
}

export default function SystemLogPage() {
  return <OrgRequired title="System Log">{(org) => <SystemLog org={org} />}</OrgRequired>;
}

function SystemLog({ org }: { org: string }) {
  const api = useApi();
  const [filters, setFilters] = useUrlFilters(['type', 'actor', 'target', 'since', 'until'] as const);
  const query = setOnly({ type: filters.type.trim(), actor: filters.actor.trim(), target: filters.target.trim(), since: utcInstant(filters.since), until: utcInstant(filters.until) });
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">System Log</h1>
      <p className="muted">The authentication and access events stored from Okta’s System Log, newest first.</p>
      <FilterBar label="Filter events">
        <TextFilter label="Event type" value={filters.type} onChange={(type) => setFilters({ type })} placeholder="user.session.start" />
        <TextFilter label="Actor (id or login)" value={filters.actor} onChange={(actor) => setFilters({ actor })} />
        <TextFilter label="Target id" value={filters.target} onChange={(target) => setFilters({ target })} />
        <TextFilter label="From (UTC)" type="datetime-local" value={filters.since} onChange={(since) => setFilters({ since })} />
        <TextFilter label="Until (UTC)" type="datetime-local" value={filters.until} onChange={(until) => setFilters({ until })} />
      </FilterBar>
      <PaginatedTable<LogEvent>
        label={`System Log events of ${org}`}
        queryKey={['system-log', org, query]}
        columns={columns}
        getRowId={(event) => event.uuid}
        empty="No event matches these filters."
        fetchPage={async ({ cursor, limit }) => unwrap(await api.GET('/api/orgs/{org}/system-log', { params: { path: { org }, query: { ...query, limit, ...(cursor === null ? {} : { cursor }) } } }))}
      />
    </section>
  );
}
