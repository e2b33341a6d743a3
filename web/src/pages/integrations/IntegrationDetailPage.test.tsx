import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ADMIN, AUDITOR, fakeApi } from '../../test/fake-api';
import { renderConsole } from '../../test/render';

const CONNECTION = {
  id: 'C1',
  name: 'acme',
  domain: 'acme.okta.com',
  baseUrl: null,
  proxyUrl: null,
  credential: { kind: 'ssws' },
  settings: { autoSync: true, syncIntervalS: 21_600, logWindowDays: 7, budgetS: 300, eventTypes: null, evidenceRetention: 30 },
  org: { orgId: '00oACME', pipeline: 'v1', verifiedAt: null },
  health: { state: 'unhealthy', reason: 'The API token is invalid or expired (401).', consecutiveFailures: 2, pausedReason: null },
  schedule: { nextRunAt: null, lastSyncId: null, lastSyncAt: null },
  createdAt: '2026-01-15T09:00:00.000Z',
  updatedAt: '2026-01-15T09:00:00.000Z',
};

function routes(user: typeof ADMIN) {
  return {
    'GET /api/auth/me': { body: { user, via: 'session', canWrite: true } },
    'GET /api/orgs': { body: { items: [] } },
    'GET /api/connections/C1': { body: CONNECTION },
    'GET /api/orgs/acme.okta.com/syncs': { body: { items: [], next: null } },
    'GET /api/orgs/acme.okta.com/evidence': { body: { items: [] } },
    'GET /api/auth/csrf': { body: { token: 'csrf-1' } },
  };
}

describe('the integration page', () => {
  it('shows the org, the engine and the unhealthy reason, and saves the settings an admin changes', async () => {
    const { api, requests } = fakeApi({ ...routes(ADMIN), 'PATCH /api/connections/C1': { body: { connection: CONNECTION, report: null, warnings: [] } } });
    renderConsole(api, '/integrations/C1');
    expect(await screen.findByText('00oACME')).toBeTruthy();
    expect(screen.getByText('Classic Engine')).toBeTruthy();
    expect(screen.getByText('Unhealthy')).toBeTruthy();
    expect(screen.getByText('The API token is invalid or expired (401).')).toBeTruthy();
    const user = userEvent.setup();
    expect(screen.getByLabelText<HTMLSelectElement>('Sync Interval').value).toBe('6h');
    await user.selectOptions(screen.getByLabelText('Sync Interval'), '12h');
    const window = screen.getByLabelText('System Log Window (days)');
    await user.clear(window);
    await user.type(window, '120');
    expect(screen.getByText('A whole number of days from 1 to 90.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(requests.some((request) => request.method === 'PATCH')).toBe(false);
    await user.clear(window);
    await user.type(window, '30');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('Settings saved.')).toBeTruthy();
    expect(requests.find((request) => request.method === 'PATCH')?.body).toEqual({ settings: { autoSync: true, syncInterval: '12h', logWindowDays: 30 } });
  });

  it('lets an auditor read the settings but offers no change, Sync Now or Disconnect', async () => {
    const { api } = fakeApi(routes(AUDITOR));
    renderConsole(api, '/integrations/C1');
    expect(await screen.findByText('Your role can read these settings but not change them.')).toBeTruthy();
    expect(screen.getByRole<HTMLFieldSetElement>('group', { name: 'Syncing' }).disabled).toBe(true);
    for (const name of ['Save settings', 'Sync Now', 'Disconnect…', 'Test connection']) expect(screen.queryByRole('button', { name })).toBeNull();
  });

  it('asks before disconnecting, then removes the connection', async () => {
    const { api, requests } = fakeApi({ ...routes(ADMIN), 'DELETE /api/connections/C1': { status: 204 }, 'GET /api/connections': { body: { items: [] } } });
    const { router } = renderConsole(api, '/integrations/C1');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Disconnect…' }));
    const dialog = screen.getByRole('dialog', { name: 'Disconnect acme?' });
    await user.click(within(dialog).getByRole('button', { name: 'Disconnect' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/integrations'));
    expect(requests.some((request) => request.method === 'DELETE' && request.path === '/api/connections/C1')).toBe(true);
  });
});
