import { Suspense } from 'react';
import { Navigate, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useApi } from '../api/ApiContext';
import { ProblemMessage } from '../components/Problem';
import { NAV, pages } from '../pages/registry';
import { useOrg } from './org';
import { useSession, useSessionChanged } from './session';
import { SimulatedBanner } from './SimulatedBanner';

/** The signed-in frame: header (org, user, sign out), navigation, the simulated-data banner and the page. */
export function Shell() {
  const { user, error } = useSession();
  const location = useLocation();
  if (error !== null) return <ProblemMessage error={error} title="The API did not answer" />;
  if (user === undefined) return <p className="loading">Loading…</p>;
  if (user === null) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">okta-evidence</span>
        <OrgPicker />
        <UserMenu email={user.email} role={user.role} />
      </header>
      <nav className="sidenav" aria-label="Main">
        <ul>
          {NAV.map((item) => (
            <li key={item.path}>
              <NavLink to={`/${item.path}`}>{item.label}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" tabIndex={-1}>
        <SimulatedBanner />
        <Suspense fallback={<p className="loading">Loading…</p>}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}

function OrgPicker() {
  const { org, orgs, setOrg } = useOrg();
  if (orgs.length < 2) return <span className="org-name">{org ?? 'No org synced yet'}</span>;
  return (
    <label className="org-picker">
      Org{' '}
      <select value={org} onChange={(event) => setOrg(event.target.value)}>
        {orgs.map((candidate) => (
          <option key={candidate.org} value={candidate.org}>
            {candidate.org}
          </option>
        ))}
      </select>
    </label>
  );
}

function UserMenu({ email, role }: { email: string; role: string }) {
  const api = useApi();
  const sessionChanged = useSessionChanged();
  const navigate = useNavigate();
  async function signOut() {
    await api.POST('/api/auth/logout');
    sessionChanged(null, undefined);
    await navigate('/login');
  }
  return (
    <div className="user-menu">
      <span>
        {email} <span className="role">({role})</span>
      </span>
      <button type="button" onClick={() => void signOut()}>
        Sign out
      </button>
    </div>
  );
}

/** A page with its title, or a notice when the role may not open it. */
export function PageFrame({ page }: { page: (typeof pages)[number] }) {
  const { user } = useSession();
  const { Component } = page;
  if (page.roles !== undefined && user !== undefined && user !== null && !page.roles.includes(user.role)) {
    return (
      <section aria-labelledby="page-title">
        <title>{`${page.title} · okta-evidence`}</title>
        <h1 id="page-title">{page.title}</h1>
        <p>Your role ({user.role}) may not open this page.</p>
      </section>
    );
  }
  return (
    <>
      <title>{`${page.title} · okta-evidence`}</title>
      <Component />
    </>
  );
}
