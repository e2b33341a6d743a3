import { createColumnHelper } from '@tanstack/react-table';
import { useState } from 'react';
import { Link } from 'react-router';
import { useApi } from '../../../api/ApiContext';
import { unwrap } from '../../../api/client';
import { useOrg } from '../../../app/org';
import { PaginatedTable } from '../../../components/PaginatedTable';
import type { AccountResult } from './github-state';

const VERDICTS = ['pass', 'fail', 'error', 'not_applicable'] as const;
type Verdict = (typeof VERDICTS)[number];

const BASIS_TEXT: Record<string, string> = { passthrough: 'by passthrough (Okta MFA)', 'own-mfa': 'own GitHub 2FA', 'own-mfa-weak': 'own GitHub 2FA (SMS only)' };
const LINK_TONE: Record<string, string> = { proven: 'state-ok', broken: 'state-bad', unknown: 'state-warn' };

/** Each link of the account's chain with its state and the sentence a person can check against the source. */
function ReasonChain({ account }: { account: AccountResult }) {
  if (account.chain.length === 0) return <>{account.reason}</>;
  return (
    <details>
      <summary>{account.reason}</summary>
      <ol className="chain">
        {account.chain.map((link) => (
          <li key={link.link}>
            <span className={`state ${LINK_TONE[link.state] ?? 'state-warn'}`}>{link.state}</span> {link.link}: {link.detail}
          </li>
        ))}
      </ol>
    </details>
  );
}

/** The Okta user page, in the Okta org the service signs in through (selected on the way). */
function OktaUserLink({ oktaOrg, user }: { oktaOrg: string; user: NonNullable<AccountResult['oktaUser']> }) {
  const { setOrg } = useOrg();
  return (
    <Link to={`/users/${encodeURIComponent(user.id)}`} onClick={() => setOrg(oktaOrg)}>
      {user.login}
    </Link>
  );
}

const column = createColumnHelper<AccountResult>();

/** The newest passthrough evaluation of a service, per member: verdict, how it is covered, the reason chain, the Okta user. */
export function PassthroughResults({ serviceId, oktaOrg }: { serviceId: string; oktaOrg: string }) {
  const api = useApi();
  const [verdict, setVerdict] = useState<Verdict | ''>('');
  const columns = [
    column.accessor('login', { header: 'GitHub login' }),
    column.accessor('kind', { header: 'Kind', cell: (cell) => cell.getValue().replace('_', ' ') }),
    column.accessor('status', { header: 'Verdict', cell: (cell) => <span className={`state ${cell.getValue() === 'pass' ? 'state-ok' : cell.getValue() === 'fail' ? 'state-bad' : 'state-warn'}`}>{cell.getValue().replace('_', ' ')}</span> }),
    column.accessor('basis', { header: 'Covered', cell: (cell) => (cell.getValue() === null ? '—' : (BASIS_TEXT[cell.getValue() ?? ''] ?? cell.getValue())) }),
    column.display({ id: 'reason', header: 'Reason chain', cell: (cell) => <ReasonChain account={cell.row.original} /> }),
    column.accessor('oktaUser', { header: 'Okta user', cell: (cell) => { const user = cell.getValue(); return user === null ? '—' : <OktaUserLink oktaOrg={oktaOrg} user={user} />; } }),
  ];
  return (
    <div className="card">
      <h2>MFA passthrough per member</h2>
      <div className="field">
        <label htmlFor="passthrough-verdict">Verdict</label>
        <select id="passthrough-verdict" value={verdict} onChange={(event) => setVerdict(event.target.value as Verdict | '')}>
          <option value="">All</option>
          {VERDICTS.map((each) => (
            <option key={each} value={each}>
              {each.replace('_', ' ')}
            </option>
          ))}
        </select>
      </div>
      <PaginatedTable<AccountResult>
        label="Members and outside collaborators, by login"
        queryKey={['passthrough', serviceId, verdict]}
        pageSize={50}
        getRowId={(account) => account.accountId}
        columns={columns}
        empty="No evaluation yet: the organization is evaluated after each sync."
        fetchPage={async ({ cursor, limit }) => {
          const page = await api.GET('/api/services/{service}/passthrough', {
            params: { path: { service: serviceId }, query: { limit, ...(verdict === '' ? {} : { verdict }), ...(cursor === null ? {} : { cursor }) } },
          });
          // Before the first evaluation the API answers 404: an empty table, not an error.
          if (page.response.status === 404) return { items: [], next: null };
          return unwrap(page);
        }}
      />
    </div>
  );
}
