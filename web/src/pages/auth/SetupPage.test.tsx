import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ADMIN, fakeApi, problem } from '../../test/fake-api';
import { renderConsole } from '../../test/render';
import { safeNext } from './LoginPage';

const anonymous = { 'GET /api/auth/me': { status: 401, body: problem(401, 'UNAUTHENTICATED', 'Sign in.') } };

describe('first-admin setup', () => {
  it('checks the password as it is typed, sends the token from the link’s fragment, and signs in', async () => {
    const { api, requests } = fakeApi({
      ...anonymous,
      'GET /api/auth/setup': { body: { needed: true } },
      'POST /api/auth/setup': { status: 201, body: { user: ADMIN, csrfToken: 'csrf-setup' } },
      'GET /api/orgs': { body: { items: [{ org: 'acme.okta.com', lastSync: null }] } },
      'GET /api/connections': { body: { items: [] } },
    });
    const { router } = renderConsole(api, '/setup#token=oesetup_abc');
    // Before sign-in the org picker asks nothing (the API would refuse it).
    expect(requests.some((request) => request.path === '/api/orgs')).toBe(false);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Email'), 'admin@example.com');
    await user.type(screen.getByLabelText('Password'), 'short');
    expect(screen.getByText('At least 12 characters (5 so far).')).toBeTruthy();
    await user.type(screen.getByLabelText('Password'), ' but now long');
    await user.type(screen.getByLabelText('Repeat the password'), 'different');
    expect(screen.getByText('The two passwords differ.')).toBeTruthy();
    await user.clear(screen.getByLabelText('Repeat the password'));
    await user.type(screen.getByLabelText('Repeat the password'), 'short but now long');
    await user.click(screen.getByRole('button', { name: 'Create admin and sign in' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/integrations'));
    // Once signed in, the always-mounted org picker hears of the session and shows the synced org.
    expect(await screen.findByText('acme.okta.com')).toBeTruthy();
    expect(requests.find((request) => request.method === 'POST')?.body).toEqual({ token: 'oesetup_abc', email: 'admin@example.com', password: 'short but now long' });
  });

  it('says the link is spent once an admin exists, and what to do without a link', async () => {
    const done = fakeApi({ ...anonymous, 'GET /api/auth/setup': { body: { needed: false } } });
    renderConsole(done.api, '/setup#token=oesetup_abc');
    expect((await screen.findByRole('status')).textContent).toContain('already has its admin');
  });

  it('never follows ?next= off the console', () => {
    expect(safeNext('/users?x=1')).toBe('/users?x=1');
    for (const next of ['https://evil.example.com', '//evil.example.com', '/\\evil.example.com', null]) expect(safeNext(next)).toBe('/integrations');
  });
});
