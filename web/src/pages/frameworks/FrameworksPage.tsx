import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { useApi } from '../../api/ApiContext';
import { unwrap, type paths } from '../../api/client';
import { useSession } from '../../app/session';
import { ProblemMessage } from '../../components/Problem';
import { formatTime } from '../data-common/format';
import { OrgRequired } from '../data-common/OrgRequired';
import { StatusBadge } from '../data-common/StatusBadge';
import { useUrlFilters } from '../data-common/url-filters';
import { ScrollBox } from '../../components/ScrollBox';
import '../data-common/data-pages.css';

/** Ids come from GET /api/frameworks, so a chosen id is always one the server knows. */
type FrameworkId = NonNullable<paths['/api/frameworks/active']['put']['requestBody']>['content']['application/json']['active'][number];

export default function FrameworksPage() {
  return <OrgRequired title="Frameworks">{(org) => <Frameworks org={org} />}</OrgRequired>;
}

function Frameworks({ org }: { org: string }) {
  const api = useApi();
  const frameworks = useQuery({ queryKey: ['frameworks'], queryFn: async () => unwrap(await api.GET('/api/frameworks')).items });
  const active = useQuery({ queryKey: ['frameworks-active'], queryFn: async () => unwrap(await api.GET('/api/frameworks/active')) });
  const [filters, setFilters] = useUrlFilters(['framework'] as const);
  const activeIds: string[] = active.data?.active ?? [];
  const shown = activeIds.includes(filters.framework) ? filters.framework : activeIds[0];
  const titleOf = new Map(frameworks.data?.map((framework) => [framework.id, framework.title]));
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Frameworks</h1>
      {frameworks.isError ? <ProblemMessage error={frameworks.error} /> : null}
      {active.isError ? <ProblemMessage error={active.error} /> : null}
      {frameworks.data === undefined || active.data === undefined ? (
        frameworks.isError || active.isError ? null : <p className="loading">Loading…</p>
      ) : (
        <>
          <ActiveFrameworksForm all={frameworks.data} active={active.data.active} chosenBy={active.data.chosenBy} chosenAt={active.data.chosenAt} />
          {shown === undefined ? null : (
            <>
              <nav className="tabs" aria-label="Active frameworks">
                {activeIds.map((id) => (
                  <Link key={id} to={`?framework=${id}`} className={id === shown ? 'active' : undefined} aria-current={id === shown ? 'page' : undefined} onClick={(event) => {
                    event.preventDefault();
                    setFilters({ framework: id });
                  }}>
                    {titleOf.get(id) ?? id}
                  </Link>
                ))}
              </nav>
              <FrameworkControls org={org} framework={shown} />
            </>
          )}
        </>
      )}
    </section>
  );
}

/** Admins choose the active frameworks (stored by the server for the whole installation); others see the choice. */
function ActiveFrameworksForm({ all, active, chosenBy, chosenAt }: { all: { id: string; title: string; controls: number }[]; active: string[]; chosenBy: string | null; chosenAt: string | null }) {
  const api = useApi();
  const { user } = useSession();
  const queryClient = useQueryClient();
  const isAdmin = user?.role === 'admin';
  const [chosen, setChosen] = useState<string[] | null>(null);
  const selection = chosen ?? active;
  const save = useMutation({
    mutationFn: async () => unwrap(await api.PUT('/api/frameworks/active', { body: { active: selection as FrameworkId[] } })),
    onSuccess: async () => {
      setChosen(null);
      await queryClient.invalidateQueries({ queryKey: ['frameworks-active'] });
    },
  });
  const changed = chosen !== null && (chosen.length !== active.length || chosen.some((id) => !active.includes(id)));
  return (
    <form
      className="card"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <fieldset disabled={!isAdmin || save.isPending}>
        <legend>Active frameworks</legend>
        <p className="muted">
          {chosenBy === null ? 'Every framework is active until an admin chooses.' : `Chosen by ${chosenBy.replace(/^api:/, '')} at ${formatTime(chosenAt)}.`}
          {isAdmin ? '' : ' Only an admin can change them.'}
        </p>
        <div className="framework-choice">
          {all.map((framework) => (
            <label key={framework.id}>
              <input
                type="checkbox"
                checked={selection.includes(framework.id)}
                disabled={!isAdmin}
                onChange={(event) => setChosen(event.target.checked ? [...selection, framework.id] : selection.filter((id) => id !== framework.id))}
              />
              <span>
                {framework.title} <span className="muted">({framework.controls} controls)</span>
              </span>
            </label>
          ))}
        </div>
        {isAdmin ? (
          <div className="actions">
            <button type="submit" className="primary" disabled={!changed || selection.length === 0}>
              Save
            </button>
            {selection.length === 0 ? <span className="field-error">Choose at least one framework.</span> : null}
          </div>
        ) : null}
      </fieldset>
      {save.isError ? <ProblemMessage error={save.error} title="Not saved" /> : null}
      {save.isSuccess ? <p className="success" role="status">Saved.</p> : null}
    </form>
  );
}

function FrameworkControls({ org, framework }: { org: string; framework: string }) {
  const api = useApi();
  const status = useQuery({ queryKey: ['framework-status', org, framework], queryFn: async () => unwrap(await api.GET('/api/orgs/{org}/frameworks/{framework}', { params: { path: { org, framework } } })) });
  if (status.isError) return <ProblemMessage error={status.error} />;
  if (status.data === undefined) return <p className="loading">Loading…</p>;
  return (
    <ScrollBox label="Controls (scrolls sideways)">
      <table>
        <caption>{status.data.title}: each control with its tests, evidence artifacts and current status</caption>
        <thead>
          <tr>
            <th scope="col">Control</th>
            <th scope="col">Status</th>
            <th scope="col">Tests</th>
            <th scope="col">Evidence artifacts</th>
          </tr>
        </thead>
        <tbody>
          {status.data.controls.map((control) => (
            <tr key={control.id}>
              <td>
                <strong>{control.id}</strong>
                <br />
                {control.title}
              </td>
              <td>
                <StatusBadge status={control.status} />
              </td>
              <td>
                {control.checks.length === 0 ? <span className="muted">none</span> : (
                  <ul>
                    {control.checks.map((check) => (
                      <li key={check.id}>
                        <Link to={`/tests/${check.id}`}>{check.title}</Link> <StatusBadge status={check.status} />
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td>
                {control.artifacts.length === 0 ? <span className="muted">none</span> : control.artifacts.map((artifact) => (
                  <span key={artifact} className="tag">
                    {artifact}
                  </span>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}
