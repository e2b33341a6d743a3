import { NavLink, useSearchParams } from 'react-router';
import { useCanAdminister } from '../../app/session';
import { AuditLog } from './AuditLog';
import { ApiTokens } from './ApiTokens';
import { ServerUsers } from './ServerUsers';
import { Webhooks } from './webhooks/Webhooks';

const TABS = [
  { id: 'users', label: 'Users and roles', adminOnly: true },
  { id: 'tokens', label: 'API tokens', adminOnly: true },
  { id: 'webhooks', label: 'Webhooks', adminOnly: true },
  { id: 'audit', label: 'Audit log', adminOnly: false },
] as const;

/** Administration: server users and roles, API tokens, webhooks (admins), and the audit log (admins and auditors). */
export default function AdminPage() {
  const canAdminister = useCanAdminister();
  const [params] = useSearchParams();
  const visible = TABS.filter((tab) => canAdminister || !tab.adminOnly);
  const tab = visible.find((candidate) => candidate.id === params.get('tab')) ?? visible[0];
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Admin</h1>
      <nav className="tabs" aria-label="Admin sections">
        {visible.map((candidate) => (
          <NavLink key={candidate.id} to={`?tab=${candidate.id}`} className={candidate.id === tab?.id ? 'active' : ''} aria-current={candidate.id === tab?.id ? 'page' : undefined} end>
            {candidate.label}
          </NavLink>
        ))}
      </nav>
      {tab?.id === 'users' ? <ServerUsers /> : tab?.id === 'tokens' ? <ApiTokens /> : tab?.id === 'webhooks' ? <Webhooks /> : <AuditLog />}
    </section>
  );
}
