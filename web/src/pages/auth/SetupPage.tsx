import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type SyntheticEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useApi } from '../../api/ApiContext';
import { ApiError, unwrap } from '../../api/client';
import { Field } from '../../components/Field';
import { ProblemMessage } from '../../components/Problem';
import { useSessionChanged } from '../../app/session';

const MIN_PASSWORD = 12;

/** The setup token travels in the fragment (`/setup#token=…`), which browsers never send to a server or a Referer. */
export function tokenFromHash(hash: string): string {
  return new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? '';
}

/** First-admin setup: the one-time link `serve` printed creates the first admin and signs them in. */
export default function SetupPage() {
  const api = useApi();
  const sessionChanged = useSessionChanged();
  const navigate = useNavigate();
  const location = useLocation();
  const [token] = useState(() => tokenFromHash(location.hash));
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const state = useQuery({ queryKey: ['setup-state'], queryFn: async () => unwrap(await api.GET('/api/auth/setup')) });
  const setup = useMutation({
    mutationFn: async () =>
      unwrap(await api.POST('/api/auth/setup', { body: { token, email, password, ...(displayName.trim() === '' ? {} : { displayName: displayName.trim() }) } })),
    onSuccess: async ({ user, csrfToken }) => {
      sessionChanged(user, csrfToken);
      await navigate('/integrations', { replace: true });
    },
  });
  const passwordError = password !== '' && password.length < MIN_PASSWORD ? `At least ${MIN_PASSWORD} characters (${password.length} so far).` : undefined;
  const confirmError = confirm !== '' && confirm !== password ? 'The two passwords differ.' : undefined;
  const serverError = setup.error instanceof ApiError ? setup.error : undefined;

  function submit(event: SyntheticEvent) {
    event.preventDefault();
    if (passwordError !== undefined || confirmError !== undefined || password.length < MIN_PASSWORD) return;
    setup.mutate();
  }

  return (
    <main id="main" className="auth-page">
      <title>First-admin setup · okta-evidence</title>
      <form className="card auth-card" onSubmit={submit} aria-labelledby="page-title" noValidate>
        <h1 id="page-title">Create the first admin</h1>
        {state.data?.needed === false ? (
          <p role="status">
            This installation already has its admin: the setup link no longer works. <Link to="/login">Sign in</Link>.
          </p>
        ) : token === '' ? (
          <p role="alert">
            This page needs the one-time setup link <code>okta-evidence serve</code> printed (<code>/setup#token=…</code>, valid for an hour). Run{' '}
            <code>okta-evidence users create --role admin</code> for a new one.
          </p>
        ) : (
          <>
            <p className="muted">The link works once and only while the installation has no user. You are signed in afterwards.</p>
            <Field label="Email" type="email" autoComplete="username" required value={email} error={serverError?.fieldError('body.email')} onChange={(event) => setEmail(event.target.value)} />
            <Field label="Display name (optional)" autoComplete="name" value={displayName} onChange={(event) => setDisplayName(event.target.value)} />
            <Field
              label="Password"
              type="password"
              autoComplete="new-password"
              required
              value={password}
              hint={`At least ${MIN_PASSWORD} characters; a passphrase is best.`}
              error={passwordError ?? serverError?.fieldError('body.password')}
              onChange={(event) => setPassword(event.target.value)}
            />
            <Field label="Repeat the password" type="password" autoComplete="new-password" required value={confirm} error={confirmError} onChange={(event) => setConfirm(event.target.value)} />
            {setup.isError ? <ProblemMessage error={setup.error} title="Setup failed" /> : null}
            <button type="submit" className="primary" disabled={setup.isPending}>
              {setup.isPending ? 'Creating…' : 'Create admin and sign in'}
            </button>
          </>
        )}
      </form>
    </main>
  );
}
