import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type SyntheticEvent } from 'react';
import { useApi } from '../../api/ApiContext';
import { unwrap } from '../../api/client';
import { Field } from '../../components/Field';
import { ProblemMessage } from '../../components/Problem';
import { ScrollBox } from '../../components/ScrollBox';
import { formatTime } from '../integrations/connection-state';

/** API tokens for automation: the secret is shown once, right after creation, and never again. */
export function ApiTokens() {
  const api = useApi();
  const queryClient = useQueryClient();
  const tokens = useQuery({ queryKey: ['admin-tokens'], queryFn: async () => unwrap(await api.GET('/api/admin/tokens')).items });
  const revoke = useMutation({
    mutationFn: async (id: string) => unwrap(await api.DELETE('/api/admin/tokens/{id}', { params: { path: { id } } })),
    onSuccess: async () => queryClient.invalidateQueries({ queryKey: ['admin-tokens'] }),
  });
  return (
    <div>
      <h2>API tokens</h2>
      <p className="muted">Send a token as <code>Authorization: Bearer …</code>. It acts with its owner’s role; a read-only token changes nothing.</p>
      {tokens.error !== null ? <ProblemMessage error={tokens.error} /> : null}
      {revoke.error !== null ? <ProblemMessage error={revoke.error} title="Not revoked" /> : null}
      <NewTokenForm />
      <ScrollBox label="Tokens (scrolls sideways)">
        <table>
          <caption>Tokens</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Access</th>
              <th scope="col">Expires</th>
              <th scope="col">Last used</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {tokens.data?.map((token) => (
              <tr key={token.id}>
                <td>{token.name}</td>
                <td>{token.access}</td>
                <td>{formatTime(token.expiresAt)}</td>
                <td>{formatTime(token.lastUsedAt)}</td>
                <td>
                  {token.revoked ? (
                    'revoked'
                  ) : (
                    <button type="button" className="danger" onClick={() => revoke.mutate(token.id)} aria-label={`Revoke ${token.name}`}>
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
            {tokens.data?.length === 0 ? (
              <tr>
                <td colSpan={5}>No API token yet.</td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </ScrollBox>
    </div>
  );
}

function NewTokenForm() {
  const api = useApi();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [access, setAccess] = useState<'read' | 'read-write'>('read');
  const [days, setDays] = useState('90');
  const daysValid = /^\d+$/.test(days) && Number(days) >= 1 && Number(days) <= 366;
  const create = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/admin/tokens', { body: { name: name.trim(), access, expiresInDays: Number(days) } })),
    onSuccess: async () => {
      setName('');
      await queryClient.invalidateQueries({ queryKey: ['admin-tokens'] });
    },
  });
  function submit(event: SyntheticEvent) {
    event.preventDefault();
    if (daysValid && name.trim() !== '') create.mutate();
  }
  return (
    <form className="card" onSubmit={submit} aria-labelledby="new-token-title">
      <h3 id="new-token-title">Create a token</h3>
      <Field label="Name" required value={name} hint="What uses it, e.g. “ci-evidence-pull”." onChange={(event) => setName(event.target.value)} />
      <div className="field">
        <label htmlFor="token-access">Access</label>
        <select id="token-access" value={access} onChange={(event) => setAccess(event.target.value as 'read' | 'read-write')}>
          <option value="read">read-only</option>
          <option value="read-write">read-write</option>
        </select>
      </div>
      <Field label="Expires in (days)" type="number" min={1} max={366} value={days} error={daysValid ? undefined : 'From 1 to 366 days.'} onChange={(event) => setDays(event.target.value)} />
      {create.error !== null ? <ProblemMessage error={create.error} title="Token not created" /> : null}
      {create.data !== undefined ? (
        <div className="notice" role="status">
          <p>
            <strong>Copy the token now: it is not shown again.</strong>
          </p>
          <p className="secret" aria-label="New API token">
            {create.data.secret}
          </p>
        </div>
      ) : null}
      <button type="submit" className="primary" disabled={create.isPending || !daysValid || name.trim() === ''}>
        Create token
      </button>
    </form>
  );
}
