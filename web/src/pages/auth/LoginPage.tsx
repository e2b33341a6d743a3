import { useMutation } from '@tanstack/react-query';
import { useState, type SyntheticEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useApi } from '../../api/ApiContext';
import { unwrap } from '../../api/client';
import { Field } from '../../components/Field';
import { ProblemMessage } from '../../components/Problem';
import { useSessionChanged } from '../../app/session';

/** Sign in with email and password (the API sets the session cookie and hands back a CSRF token). */
export default function LoginPage() {
  const api = useApi();
  const sessionChanged = useSessionChanged();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/auth/login', { body: { email, password } })),
    onSuccess: async ({ user, csrfToken }) => {
      sessionChanged(user, csrfToken);
      await navigate(safeNext(params.get('next')), { replace: true });
    },
  });
  function submit(event: SyntheticEvent) {
    event.preventDefault();
    signIn.mutate();
  }
  return (
    <main id="main" className="auth-page">
      <title>Sign in · okta-evidence</title>
      <form className="card auth-card" onSubmit={submit} aria-labelledby="page-title">
        <h1 id="page-title">Sign in to okta-evidence</h1>
        <Field label="Email" type="email" autoComplete="username" required value={email} onChange={(event) => setEmail(event.target.value)} />
        <Field label="Password" type="password" autoComplete="current-password" required value={password} onChange={(event) => setPassword(event.target.value)} />
        {signIn.isError ? <ProblemMessage error={signIn.error} title="Not signed in" /> : null}
        <button type="submit" className="primary" disabled={signIn.isPending}>
          {signIn.isPending ? 'Signing in…' : 'Sign in'}
        </button>
        <p className="muted">
          First start? Open the one-time setup link <code>serve</code> printed, or run <code>okta-evidence users create --role admin</code>. <Link to="/setup">About setup</Link>
        </p>
      </form>
    </main>
  );
}

/** Only a path of this console: never an absolute URL another site could put in `?next=`. */
export function safeNext(next: string | null): string {
  return next !== null && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/integrations';
}
