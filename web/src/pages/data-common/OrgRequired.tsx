import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useOrg } from '../../app/org';

/** The data pages show one org's current snapshot; before any sync there is nothing to show, and they say why. */
export function OrgRequired({ title, children }: { title: string; children: (org: string) => ReactNode }) {
  const { org, loading } = useOrg();
  if (org === undefined) {
    return (
      <section aria-labelledby="page-title">
        <h1 id="page-title">{title}</h1>
        {loading ? <p className="loading">Loading…</p> : <p>No org has been synced yet. Connect Okta and sync it on the <Link to="/integrations">Integrations</Link> page.</p>}
      </section>
    );
  }
  return <>{children(org)}</>;
}
