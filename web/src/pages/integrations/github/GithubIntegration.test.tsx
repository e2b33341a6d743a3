import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ADMIN, AUDITOR, fakeApi } from '../../../test/fake-api';
import { renderConsole } from '../../../test/render';

const SERVICE = { id: 'S1', kind: 'github', name: 'GitHub example-eng', oktaOrg: 'acme.okta.com', oktaAppId: '0oagithub' };
const CONNECTION = {
  id: 'G1',
  name: 'gh-eng',
  apiUrl: 'https://api.github.com',
  org: 'example-eng',
  enterprise: null,
  serviceId: 'S1',
  service: SERVICE,
  credential: { kind: 'app', appId: '12345', installationId: null },
  settings: { autoSync: true, syncIntervalS: 21_600, budgetS: 600 },
  orgId: '900',
  health: { state: 'unhealthy', reason: 'The App is not installed on example-eng.', consecutiveFailures: 1, pausedReason: null },
  schedule: { nextRunAt: '2099-01-01T00:00:00.000Z', lastSyncId: null, lastSyncAt: '2026-01-15T09:00:00.000Z' },
  createdAt: '2026-01-15T09:00:00.000Z',
  updatedAt: '2026-01-15T09:00:00.000Z',
};
const REPORT = {
  apiUrl: 'https://api.github.com',
  org: { login: 'example-eng', id: '900' },
  credential: 'app',
  installationId: '77',
  datasets: [
    { dataset: 'members', label: 'members', state: 'complete', count: 1 },
    { dataset: 'enterpriseSaml', label: 'enterprise SAML settings (ENFORCED state)', state: 'not_permitted', count: 0, permissionNeeded: 'an enterprise owner’s token with the read:enterprise scope' },
  ],
  saml: { configured: true, enforcement: 'unverified: no field shows it' },
  fatal: null,
  canReadMembers: true,
};
const ACCOUNT = {
  accountId: 'A1',
  login: 'ada-example',
  kind: 'member',
  ownMfa: 'disabled',
  status: 'pass',
  basis: 'passthrough',
  failures: [],
  reason: 'Okta requires MFA for this user’s sign-ins to GitHub.',
  chain: [{ link: 'saml-identity', state: 'proven', detail: 'ada-example is linked to ada@example.com', source: {} }],
  oktaUser: { id: '00u1', login: 'ada@example.com' },
  signIns: [],
  bypassCredentials: [],
  warnings: [],
};
const EVALUATION = { id: 'E1', oktaOrg: 'acme.okta.com', oktaSnapshotId: 'N1', evaluatedAt: '2026-01-15T09:05:00.000Z', readAt: '2026-01-15T09:00:00.000Z', status: 'pass', counts: { pass: 1, fail: 0, passByPassthrough: 1, passByOwnMfa: 0 }, serviceChain: [], nameIdFormat: { format: 'email', source: 'default' }, gaps: [], bypassCredentials: [] };

function routes(user: typeof ADMIN) {
  return {
    'GET /api/auth/me': { body: { user, via: 'session', canWrite: true } },
    'GET /api/orgs': { body: { items: [] } },
    'GET /api/auth/csrf': { body: { token: 'csrf-1' } },
    'GET /api/connections': { body: { items: [] } },
    'GET /api/github-connections': { body: { items: [CONNECTION] } },
    'GET /api/github-connections/G1': { body: CONNECTION },
    'GET /api/github-connections/G1/syncs': { body: { items: [{ id: 'R1', readAt: '2026-01-15T09:00:00.000Z', current: true, accountCount: 14, credentialCount: 2, complete: true }] } },
    'GET /api/services/S1/passthrough': { body: { service: SERVICE, evaluation: EVALUATION, items: [ACCOUNT], next: null } },
  };
}

describe('GitHub in Settings › Integrations', () => {
  it('shows the GitHub card with its state, reason and schedule beside the Okta card', async () => {
    const { api } = fakeApi(routes(ADMIN));
    renderConsole(api, '/integrations');
    const card = (await screen.findByRole('heading', { name: 'GitHub · gh-eng' })).closest('article') as HTMLElement;
    expect(screen.getByRole('heading', { name: 'Downstream services' })).toBeTruthy();
    expect(within(card).getByText('Unhealthy')).toBeTruthy();
    expect(within(card).getByText('The App is not installed on example-eng.')).toBeTruthy();
    expect(within(card).getByText('example-eng on GitHub.com')).toBeTruthy();
    expect(within(card).getByRole('link', { name: 'Details and settings of gh-eng' }).getAttribute('href')).toBe('/integrations/github/G1');
  });

  it('connects with a GitHub App: Test connection per dataset, then Save with the Okta mapping', async () => {
    const okta = {
      id: 'C1',
      name: 'acme',
      domain: 'acme.okta.com',
      baseUrl: null,
      proxyUrl: null,
      credential: { kind: 'ssws' },
      settings: { autoSync: true, syncIntervalS: 21_600, logWindowDays: 7, budgetS: 300, eventTypes: null, evidenceRetention: 30 },
      org: { orgId: '00oACME', pipeline: 'v1', verifiedAt: null },
      health: { state: 'healthy', reason: null, consecutiveFailures: 0, pausedReason: null },
      schedule: { nextRunAt: null, lastSyncId: null, lastSyncAt: null },
      createdAt: '2026-01-15T09:00:00.000Z',
      updatedAt: '2026-01-15T09:00:00.000Z',
    };
    const { api, requests } = fakeApi({
      ...routes(ADMIN),
      'GET /api/github-connections': { body: { items: [] } },
      'GET /api/connections': { body: { items: [okta] } },
      'POST /api/github-connections/test': { body: REPORT },
      'POST /api/github-connections': { status: 201, body: { connection: CONNECTION, report: REPORT, warnings: [] } },
    });
    const { router } = renderConsole(api, '/integrations');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Connect GitHub' }));
    const dialog = screen.getByRole('dialog', { name: 'Connect GitHub' });
    await user.type(within(dialog).getByLabelText('Organization'), 'bad org');
    expect(within(dialog).getByText(/Not a GitHub login/)).toBeTruthy();
    await user.clear(within(dialog).getByLabelText('Organization'));
    await user.type(within(dialog).getByLabelText('Organization'), 'example-eng');
    await user.type(within(dialog).getByLabelText('App ID'), '12345');
    await user.type(within(dialog).getByLabelText('Private key (PEM)'), 'pem-text');
    await user.click(within(dialog).getByRole('button', { name: 'Test connection' }));
    const table = await within(dialog).findByRole('table', { name: 'What this credential can read' });
    expect(within(table).getByText('Readable')).toBeTruthy();
    expect(within(table).getByText(/Needs: an enterprise owner/)).toBeTruthy();
    expect(requests.find((r) => r.path === '/api/github-connections/test')?.body).toEqual({ org: 'example-eng', credential: { kind: 'app', appId: '12345', privateKey: 'pem-text', installationId: null } });
    await user.type(within(dialog).getByLabelText('Okta app id of GitHub'), '0oagithub');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/integrations/github/G1'));
    expect(requests.find((r) => r.method === 'POST' && r.path === '/api/github-connections')?.body).toMatchObject({ name: 'example-eng', oktaConnection: 'C1', oktaApp: '0oagithub' });
  });

  it('shows the detail page: history, passthrough per member linking to the Okta user, the verdict filter, Sync Now', async () => {
    const { api, requests } = fakeApi({ ...routes(ADMIN), 'POST /api/github-connections/G1/sync': { status: 202, body: { queued: true, serviceId: 'S1' } } });
    const { router } = renderConsole(api, '/integrations/github/G1');
    const table = await screen.findByRole('table', { name: 'Members and outside collaborators, by login' });
    expect(await within(table).findByText('by passthrough (Okta MFA)')).toBeTruthy();
    expect(within(table).getByText('Okta requires MFA for this user’s sign-ins to GitHub.')).toBeTruthy();
    expect(screen.getByText(/1 pass \(1 by passthrough/)).toBeTruthy();
    expect(screen.getByRole('table', { name: /Stored reads, newest first/ })).toBeTruthy();
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('Verdict'), 'fail');
    await waitFor(() => expect(requests.some((r) => r.path.startsWith('/api/services/S1/passthrough') && r.url.searchParams.get('verdict') === 'fail')).toBe(true));
    await user.click(screen.getByRole('button', { name: 'Sync Now' }));
    expect(await screen.findByText(/Sync queued/)).toBeTruthy();
    await user.selectOptions(screen.getByLabelText('Verdict'), '');
    await user.click(await screen.findByRole('link', { name: 'ada@example.com' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/users/00u1'));
  });

  it('lets an auditor read a GitHub connection but offers no change', async () => {
    const { api } = fakeApi(routes(AUDITOR));
    renderConsole(api, '/integrations/github/G1');
    expect(await screen.findByText('Your role can read these settings but not change them.')).toBeTruthy();
    for (const name of ['Save settings', 'Sync Now', 'Disconnect…', 'Test connection']) expect(screen.queryByRole('button', { name })).toBeNull();
  });
});
