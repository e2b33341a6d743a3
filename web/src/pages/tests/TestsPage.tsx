import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useApi } from '../../api/ApiContext';
import { unwrap } from '../../api/client';
import { ProblemMessage } from '../../components/Problem';
import { EntityLink } from '../data-common/EntityLink';
import { formatTime, plural } from '../data-common/format';
import { OrgRequired } from '../data-common/OrgRequired';
import { StatusBadge } from '../data-common/StatusBadge';
import { PasswordCompliance } from './PasswordCompliance';
import { latestTestsQuery, SEVERITY_ORDER } from './test-queries';
import '../data-common/data-pages.css';

/** Changes listed per check before "and N more": the page stays short; the check's page lists every entity. */
const CHANGES_SHOWN = 10;

/**
 * The security tests of the latest run: status, severity and counts per test, what changed since the previous sync,
 * and password policy compliance per profile. It reads summaries only (never entity lists), so it paints fast
 * whatever the org's size; each test's entities and trend are on its own page.
 */
export default function TestsPage() {
  return <OrgRequired title="Tests">{(org) => <Tests org={org} />}</OrgRequired>;
}

function Tests({ org }: { org: string }) {
  const api = useApi();
  const run = useQuery(latestTestsQuery(api, org));
  // Comparing two runs entity by entity is the costly read: asked once the tests are on screen, so it never delays them.
  const changes = useQuery({ queryKey: ['test-changes', org], enabled: run.isSuccess, queryFn: async () => unwrap(await api.GET('/api/orgs/{org}/tests/changes', { params: { path: { org } } })) });
  const titleOf = new Map(run.data?.results.map((result) => [result.id, result.title]));
  const results = [...(run.data?.results ?? [])].sort((a, b) => (SEVERITY_ORDER[a.severity] ?? 9) - (SEVERITY_ORDER[b.severity] ?? 9));
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Tests</h1>
      {run.isError ? <ProblemMessage error={run.error} /> : null}
      {run.data === undefined ? (
        run.isError ? null : <p className="loading">Loading…</p>
      ) : (
        <>
          <p className="muted">Latest run {formatTime(run.data.evaluatedAt)}.</p>
          <ul className="summary-grid" aria-label="Security tests">
            {results.map((result) => (
              <li key={result.id} className="card check-card">
                <h3>
                  <Link to={`/tests/${result.id}`}>{result.title}</Link>
                </h3>
                <p>
                  <StatusBadge status={result.status} /> <span className="muted">Severity: {result.severity}</span>
                </p>
                <ul className="counts" aria-label={`Counts for ${result.title}`}>
                  <li>
                    <Link to={`/tests/${result.id}?status=fail`}>{result.counts.fail.toLocaleString('en-US')} failing</Link>
                  </li>
                  <li>{result.counts.pass.toLocaleString('en-US')} passing</li>
                  {result.counts.error > 0 ? <li>{plural(result.counts.error, 'error')}</li> : null}
                  <li>{result.counts.not_applicable.toLocaleString('en-US')} not applicable</li>
                </ul>
              </li>
            ))}
          </ul>
        </>
      )}

      <h2>Since the last sync</h2>
      {changes.isError ? <ProblemMessage error={changes.error} /> : null}
      {changes.data === undefined ? (
        changes.isError || run.isError ? null : <p className="loading">Loading…</p>
      ) : changes.data.previous === null ? (
        <p>This is the first run: nothing to compare with yet.</p>
      ) : changes.data.checks.every((check) => check.newlyFailing.length === 0 && check.newlyFixed.length === 0) ? (
        <p>Nothing changed since the run of {formatTime(changes.data.previous.evaluatedAt)}.</p>
      ) : (
        <div className="changes">
          <p className="muted">Compared with the run of {formatTime(changes.data.previous.evaluatedAt)}.</p>
          {changes.data.checks
            .filter((check) => check.newlyFailing.length > 0 || check.newlyFixed.length > 0)
            .map((check) => (
              <div key={check.checkId} className="card">
                <h3>
                  <Link to={`/tests/${check.checkId}`}>{titleOf.get(check.checkId) ?? check.checkId}</Link>
                </h3>
                <ChangeList title="Newly failing" changes={check.newlyFailing} />
                <ChangeList title="Newly fixed" changes={check.newlyFixed} />
              </div>
            ))}
        </div>
      )}

      <h2 id="password-compliance">Password policy compliance</h2>
      <PasswordCompliance org={org} />
    </section>
  );
}

function ChangeList({ title, changes }: { title: string; changes: { entityType: string; entityId: string; entityName: string; reason: string }[] }) {
  if (changes.length === 0) return null;
  return (
    <>
      <h4>
        {title} ({changes.length.toLocaleString('en-US')})
      </h4>
      <ul>
        {changes.slice(0, CHANGES_SHOWN).map((change) => (
          <li key={`${change.entityType}/${change.entityId}`}>
            <EntityLink entityType={change.entityType} entityId={change.entityId}>
              {change.entityName}
            </EntityLink>{' '}
            <span className="muted reason">{change.reason}</span>
          </li>
        ))}
      </ul>
      {changes.length > CHANGES_SHOWN ? <p className="muted">and {(changes.length - CHANGES_SHOWN).toLocaleString('en-US')} more.</p> : null}
    </>
  );
}
