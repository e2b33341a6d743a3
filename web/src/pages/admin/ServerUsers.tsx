import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type SyntheticEvent } from 'react';
import { useApi } from '../../api/ApiContext';
import { ApiError, unwrap } from '../../api/client';
import { useSession, type Role, type ServerUser } from '../../app/session';
import { Field } from '../../components/Field';
import { ProblemMessage } from '../../components/Problem';
import { ScrollBox } from '../../components/ScrollBox';
import { formatTime } from '../integrations/connection-state';

const ROLES: readonly { role: Role; text: string }[] = [
  { role: 'admin', text: 'Admin: everything' },
  { role: 'auditor', text: 'Auditor: reads everything, changes nothing' },
  { role: 'reviewer', text: 'Reviewer: access reviews of their apps' },
];

/** Server users (not Okta users): who may sign in to this installation, with which role. */
export function ServerUsers() {
  const api = useApi();
  const queryClient = useQueryClient();
  const { user: me } = useSession();
  const users = useQuery({ queryKey: ['admin-users'], queryFn: async () => unwrap(await api.GET('/api/admin/users')).items });
  const update = useMutation({
    mutationFn: async ({ id, change }: { id: string; change: { role?: Role; disabled?: boolean } }) => unwrap(await api.PATCH('/api/admin/users/{id}', { params: { path: { id } }, body: change })),
    onSuccess: async () => queryClient.invalidateQueries({ queryKey: ['admin-users'] }),
  });
  return (
    <div>
      <h2>Users and roles</h2>
      {users.error !== null ? <ProblemMessage error={users.error} /> : null}
      {update.error !== null ? <ProblemMessage error={update.error} title="Not changed" /> : null}
      <ScrollBox label="Server users (scrolls sideways)">
        <table>
          <caption>Server users</caption>
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Created</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {users.data?.map((user) => (
              <tr key={user.id}>
                <td>{user.email}</td>
                <td>
                  <select aria-label={`Role of ${user.email}`} value={user.role} disabled={user.id === me?.id} onChange={(event) => update.mutate({ id: user.id, change: { role: event.target.value as Role } })}>
                    {ROLES.map(({ role }) => (
                      <option key={role} value={role}>
                        {role}
                      </option>
                    ))}
                  </select>
                </td>
                <td>{formatTime(user.createdAt)}</td>
                <td>
                  <UserStatus user={user} self={user.id === me?.id} onToggle={() => update.mutate({ id: user.id, change: { disabled: !user.disabled } })} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
      <NewUserForm />
    </div>
  );
}

function UserStatus({ user, self, onToggle }: { user: ServerUser; self: boolean; onToggle: () => void }) {
  const status = user.disabled ? 'disabled' : user.lockedUntil !== null ? `locked until ${formatTime(user.lockedUntil)}` : 'active';
  return (
    <>
      {status}{' '}
      {self ? null : (
        <button type="button" onClick={onToggle} aria-label={`${user.disabled ? 'Enable' : 'Disable'} ${user.email}`}>
          {user.disabled ? 'Enable' : 'Disable'}
        </button>
      )}
    </>
  );
}

function NewUserForm() {
  const api = useApi();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('auditor');
  const create = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/admin/users', { body: { email, password, role } })),
    onSuccess: async () => {
      setEmail('');
      setPassword('');
      await queryClient.invalidateQueries({ queryKey: ['admin-users'] });
    },
  });
  const serverError = create.error instanceof ApiError ? create.error : undefined;
  function submit(event: SyntheticEvent) {
    event.preventDefault();
    create.mutate();
  }
  return (
    <form className="card" onSubmit={submit} aria-labelledby="new-user-title">
      <h3 id="new-user-title">Add a user</h3>
      <Field label="Email" type="email" autoComplete="off" required value={email} error={serverError?.fieldError('body.email')} onChange={(event) => { setEmail(event.target.value); create.reset(); }} />
      <Field
        label="Initial password"
        type="password"
        autoComplete="new-password"
        required
        value={password}
        hint="At least 12 characters; give it to them over a separate channel."
        error={password !== '' && password.length < 12 ? `At least 12 characters (${password.length} so far).` : serverError?.fieldError('body.password')}
        onChange={(event) => { setPassword(event.target.value); create.reset(); }}
      />
      <fieldset>
        <legend>Role</legend>
        {ROLES.map((option) => (
          <label key={option.role} className="checkbox">
            <input type="radio" name="new-user-role" checked={role === option.role} onChange={() => setRole(option.role)} /> {option.text}
          </label>
        ))}
      </fieldset>
      {create.error !== null ? <ProblemMessage error={create.error} title="User not added" /> : null}
      {create.isSuccess ? <p role="status" className="success">User {create.data.email} added.</p> : null}
      <button type="submit" className="primary" disabled={create.isPending || password.length < 12 || email === ''}>
        Add user
      </button>
    </form>
  );
}
