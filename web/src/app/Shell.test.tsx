import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ADMIN, fakeApi, problem } from '../test/fake-api';
import { renderConsole } from '../test/render';

const SIMULATED_ORG = {
  org: 'simulated.okta.example.com',
  snapshotId: 'S1',
  snapshotCreatedAt: '2026-01-15T09:00:00.000Z',
  datasets: [],
  lastSync: { id: 'Y1', org: 'simulated.okta.example.com', orgIdentity: { orgId: '00o1', pipeline: 'idx', simulated: true } },
};

describe('the console shell', () => {
  it('sends a visitor without a session to sign in, keeping where they were going', async () => {
    const { api } = fakeApi({ 'GET /api/auth/me': { status: 401, body: problem(401, 'UNAUTHENTICATED', 'Sign in.') } });
    const { router } = renderConsole(api, '/users?status=ACTIVE');
    expect(await screen.findByRole('heading', { name: 'Sign in to okta-evidence' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/login');
    expect(router.state.location.search).toBe(`?next=${encodeURIComponent('/users?status=ACTIVE')}`);
  });

  it('shows the navigation in order, the signed-in user, and labels a simulated org’s data on every page', async () => {
    const { api } = fakeApi({ 'GET /api/auth/me': { body: { user: ADMIN, via: 'session', canWrite: true } }, 'GET /api/orgs': { body: { items: [SIMULATED_ORG] } } });
    renderConsole(api, '/tests');
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect([...nav.querySelectorAll('a')].map((link) => link.textContent)).toEqual(['Integrations', 'Tests', 'Users', 'Apps', 'Groups', 'Policies', 'System Log', 'Evidence', 'Frameworks', 'Admin']);
    expect(screen.getByText('admin@example.com')).toBeTruthy();
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('simulated Okta org'));
  });

  it('shows no simulated banner for a real org', async () => {
    const real = { ...SIMULATED_ORG, org: 'acme.okta.com', lastSync: { ...SIMULATED_ORG.lastSync, orgIdentity: { orgId: '00o2', pipeline: 'idx', simulated: false } } };
    const { api, requests } = fakeApi({ 'GET /api/auth/me': { body: { user: ADMIN, via: 'session', canWrite: true } }, 'GET /api/orgs': { body: { items: [real] } } });
    renderConsole(api, '/tests');
    expect(await screen.findByText('acme.okta.com')).toBeTruthy();
    expect(requests.some((request) => request.path === '/api/orgs')).toBe(true);
    expect(screen.queryByText(/Simulated data/)).toBeNull();
  });
});
