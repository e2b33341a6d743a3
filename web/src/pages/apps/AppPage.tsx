import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { useId, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useApi } from '../../api/ApiContext';
import { unwrap, type Api } from '../../api/client';
import { useSession } from '../../app/session';
import { PaginatedTable } from '../../components/PaginatedTable';
import { ProblemMessage } from '../../components/Problem';
import { formatTime, plural } from '../data-common/format';
import { OrgRequired } from '../data-common/OrgRequired';
import { StatusBadge } from '../data-common/StatusBadge';
import '../data-common/data-pages.css';
import { Facts } from '../data-common/Facts';

type Assignment = { userId: string; login: string | null; userStatus: string | null; scope: 'USER' | 'GROUP'; status: string | null; viaGroupIds: string[] };
const column = createColumnHelper<Assignment>();

/** The two tests that judge an app: whether sign-in to it requires MFA, and its access review. */
const MFA_CHECK = 'mfa-enforced-at-sign-in';
const REVIEW_CHECK = 'application-access-review';

export default function AppPage() {
  const { id = '' } = useParams();
  return <OrgRequired title="App">{(org) => <AppDetail org={org} id={id} />}</OrgRequired>;
}

/** A test's result for this app (the entity list is searched by label, then matched by id). */
async function appVerdict(api: Api, org: string, checkId: string, appId: string, label: string) {
  const page = unwrap(await api.GET('/api/orgs/{org}/tests/{checkId}/entities', { params: { path: { org, checkId }, query: { entityType: 'app', search: label.slice(0, 100), limit: 200 } } }));
  return page.items.find((item) => item.entityId === appId) ?? null;
}

function AppDetail({ org, id }: { org: string; id: string }) {
  const api = useApi();
  const { user } = useSession();
  const mayReadTests = user?.role === 'admin' || user?.role === 'auditor';
  const mayAttest = user?.role === 'admin' || user?.role === 'reviewer';
  const detail = useQuery({ queryKey: ['app', org, id], queryFn: async () => unwrap(await api.GET('/api/orgs/{org}/apps/{id}', { params: { path: { org, id } } })) });
  const label = detail.data?.app.label;
  const verdicts = useQuery({
    queryKey: ['app-verdicts', org, id],
    enabled: mayReadTests && label !== undefined,
    queryFn: async () => ({ mfa: await appVerdict(api, org, MFA_CHECK, id, label ?? ''), review: await appVerdict(api, org, REVIEW_CHECK, id, label ?? '') }),
  });
  if (detail.isError) {
    return (
      <section aria-labelledby="page-title">
        <h1 id="page-title">App {id}</h1>
        <ProblemMessage error={detail.error} />
      </section>
    );
  }
  if (detail.data === undefined) return <p className="loading">Loading…</p>;
  const { app, accessPolicy, assignedUsers, groups, lastReview } = detail.data;
  const groupName = new Map(groups.map((group) => [group.groupId, group.name ?? group.groupId]));
  const orphaned = orphanedUsers(verdicts.data?.review?.fields);
  const columns = [
    column.accessor('login', { header: 'User', cell: (info) => <Link to={`/users/${encodeURIComponent(info.row.original.userId)}`}>{info.getValue() ?? info.row.original.userId}</Link> }),
    column.accessor('userStatus', { header: 'User status', cell: (info) => <StatusBadge status={info.getValue()} /> }),
    column.display({
      id: 'via',
      header: 'Assigned',
      cell: (info) =>
        info.row.original.scope === 'USER'
          ? 'Directly'
          : info.row.original.viaGroupIds.map((groupId, index) => (
              <span key={groupId}>
                {index === 0 ? 'Via ' : ', '}
                <Link to={`/groups/${encodeURIComponent(groupId)}`}>{groupName.get(groupId) ?? groupId}</Link>
              </span>
            )),
    }),
  ];
  return (
    <section aria-labelledby="page-title">
      <p>
        <Link to="/apps">← Apps</Link>
      </p>
      <h1 id="page-title">{app.label}</h1>
      <Facts
        facts={[
          ['Status', <StatusBadge status={app.status} />],
          ['Sign-on mode', app.signOnMode ?? '—'],
          ['Assigned users', assignedUsers.toLocaleString('en-US')],
          ['Okta id', <code>{app.id}</code>],
        ]}
      />

      <h2>Authentication policy</h2>
      {accessPolicy === null ? <p>The app uses no app-specific authentication policy (the org’s default applies).</p> : (
        <p>
          <Link to={`/policies/${encodeURIComponent(accessPolicy.id)}`}>{accessPolicy.name}</Link> <StatusBadge status={accessPolicy.status} />
        </p>
      )}
      {mayReadTests ? (
        <VerdictLine title="MFA at sign-in" verdict={verdicts.data?.mfa} loading={verdicts.isPending} error={verdicts.error} checkId={MFA_CHECK} />
      ) : null}

      <h2>Access review</h2>
      <p>
        {lastReview === null ? 'Never reviewed.' : `Last reviewed ${formatTime(lastReview.attestedAt)} by ${lastReview.reviewerEmail} (${plural(lastReview.assignmentCount, 'assignment')}).`}
      </p>
      {mayReadTests ? <VerdictLine title="Review status" verdict={verdicts.data?.review} loading={verdicts.isPending} error={null} checkId={REVIEW_CHECK} /> : null}
      {orphaned.length === 0 ? null : (
        <div className="notice">
          <strong>Orphaned assignments:</strong> {plural(orphaned.length, 'deprovisioned user')} still {orphaned.length === 1 ? 'holds' : 'hold'} this app:{' '}
          {orphaned.map((orphan, index) => (
            <span key={orphan.id}>
              {index === 0 ? '' : ', '}
              <Link to={`/users/${encodeURIComponent(orphan.id)}`}>{orphan.login}</Link>
            </span>
          ))}
          .
        </div>
      )}
      {mayAttest ? <AttestForm org={org} appId={id} /> : null}

      <h2>Assigned groups</h2>
      {groups.length === 0 ? <p>No group is assigned this app.</p> : (
        <ul>
          {groups.map((group) => (
            <li key={group.groupId}>
              <Link to={`/groups/${encodeURIComponent(group.groupId)}`}>{group.name ?? group.groupId}</Link>
            </li>
          ))}
        </ul>
      )}

      <h2>Assignments</h2>
      <PaginatedTable<Assignment>
        label={`Who has ${app.label}`}
        queryKey={['app-assignments', org, id]}
        columns={columns}
        getRowId={(row) => row.userId}
        empty="Nobody is assigned this app."
        fetchPage={async ({ cursor, limit }) => unwrap(await api.GET('/api/orgs/{org}/apps/{id}/assignments', { params: { path: { org, id }, query: { limit, ...(cursor === null ? {} : { cursor }) } } }))}
      />
    </section>
  );
}

/** `orphanedUsers` as the access-review test records it (`userId`, `login`, `status`). */
export function orphanedUsers(fields: Record<string, unknown> | undefined): { id: string; login: string }[] {
  const list = fields?.orphanedUsers;
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry: unknown) => {
    const candidate = entry as { userId?: unknown; login?: unknown };
    return typeof candidate.userId === 'string' ? [{ id: candidate.userId, login: typeof candidate.login === 'string' ? candidate.login : candidate.userId }] : [];
  });
}

function VerdictLine({ title, verdict, loading, error, checkId }: { title: string; verdict: { status: string; reason: string } | null | undefined; loading: boolean; error: unknown; checkId: string }) {
  if (error !== null && error !== undefined) return <ProblemMessage error={error} />;
  return (
    <p>
      <strong>{title}:</strong>{' '}
      {loading ? 'Loading…' : verdict === null || verdict === undefined ? <span className="muted">no result in the latest run</span> : (
        <>
          <StatusBadge status={verdict.status} /> <span className="reason">{verdict.reason}</span>
        </>
      )}{' '}
      <Link to={`/tests/${checkId}`}>(test)</Link>
    </p>
  );
}

/** Attest now: the reviewer confirms the app's current assignment list; the API records it with the snapshot. */
function AttestForm({ org, appId }: { org: string; appId: string }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const noteId = useId();
  const [note, setNote] = useState('');
  const attest = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/orgs/{org}/apps/{id}/reviews', { params: { path: { org, id: appId } }, body: note.trim() === '' ? {} : { note: note.trim() } })),
    onSuccess: async () => {
      setNote('');
      await queryClient.invalidateQueries({ queryKey: ['app', org, appId] });
    },
  });
  return (
    <form
      className="card"
      aria-label="Attest an access review"
      onSubmit={(event) => {
        event.preventDefault();
        attest.mutate();
      }}
    >
      <h3>Attest an access review</h3>
      <p className="muted">Confirms that you reviewed who has this app now (the list below). The attestation is recorded with the current snapshot.</p>
      <div className="field">
        <label htmlFor={noteId}>Note (optional)</label>
        <textarea id={noteId} value={note} maxLength={2000} onChange={(event) => setNote(event.target.value)} />
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={attest.isPending}>
          {attest.isPending ? 'Recording…' : 'Attest review'}
        </button>
      </div>
      {attest.isError ? <ProblemMessage error={attest.error} title="The review was not recorded" /> : null}
      {attest.data === undefined ? null : (
        <div className="success" role="status">
          Review recorded at {formatTime(attest.data.review.attestedAt)} covering {plural(attest.data.review.assignments.length, 'assignment')}.
          {attest.data.orphaned.length > 0 ? ` ${plural(attest.data.orphaned.length, 'orphaned assignment')} still to remove.` : ''}
          {attest.data.warnings.map((warning) => (
            <span key={warning}> {warning}</span>
          ))}
        </div>
      )}
    </form>
  );
}
