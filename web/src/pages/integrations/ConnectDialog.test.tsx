import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ADMIN, AUDITOR, fakeApi, problem } from '../../test/fake-api';
import { renderConsole } from '../../test/render';

const session = (user: typeof ADMIN) => ({ 'GET /api/auth/me': { body: { user, via: 'session', canWrite: true } }, 'GET /api/orgs': { body: { items: [] } } });

const READABLE_REPORT = {
  domain: 'acme.okta.com',
  org: { orgId: '00oACME', pipeline: 'idx', organizationUrl: null, customDomainUrl: null },
  fatal: null,
  datasets: [
    { id: 'users', dataset: 'users', label: 'users', request: 'GET /api/v1/users', state: 'readable' },
    { id: 'roles', dataset: 'admin_roles', label: 'admin roles', request: 'GET /api/v1/iam/assignees/users', state: 'not_permitted', permissionNeeded: 'the Super Administrator role' },
  ],
  canReadUsers: true,
  durationMs: 120,
};

async function openDialog(routes: Parameters<typeof fakeApi>[0]) {
  const fake = fakeApi({ ...session(ADMIN), 'GET /api/connections': { body: { items: [] } }, ...routes });
  renderConsole(fake.api, '/integrations');
  const user = userEvent.setup();
  await user.click(await screen.findByRole('button', { name: 'Connect Okta' }));
  return { ...fake, user, dialog: screen.getByRole('dialog', { name: 'Connect Okta' }) };
}

describe('Connect Okta', () => {
  it('shows the CLI’s domain messages as the user types, and clears them once the domain is right', async () => {
    const { user, dialog } = await openDialog({});
    const domain = within(dialog).getByLabelText('Okta domain');
    await user.type(domain, 'acme-admin.okta.com');
    expect(within(dialog).getByText('acme-admin.okta.com is the Admin Console host, not the API host: remove "-admin" and set the Okta domain to acme.okta.com')).toBeTruthy();
    expect(domain.getAttribute('aria-invalid')).toBe('true');
    await user.clear(domain);
    await user.type(domain, 'http://acme.okta.com');
    expect(within(dialog).getByText(/Okta orgs are served over https only \(got http:\/\/\)/)).toBeTruthy();
    await user.clear(domain);
    await user.type(domain, 'acme.okta.com:8443');
    expect(within(dialog).getByText(/must not include a port \(":8443"\)/)).toBeTruthy();
    await user.clear(domain);
    await user.type(domain, 'login.acme.com');
    expect(within(dialog).getByText(/custom domains are not supported/)).toBeTruthy();
    await user.clear(domain);
    await user.type(domain, 'https://acme.okta.com/app/UserHome');
    expect(domain.getAttribute('aria-invalid')).toBe('false');
    // Test connection waits for a credential.
    expect(within(dialog).getByRole<HTMLButtonElement>('button', { name: 'Test connection' }).disabled).toBe(true);
  });

  it('tests the draft, shows per dataset what it can read, then saves and opens the integration', async () => {
    const { user, dialog, requests } = await openDialog({
      'POST /api/connections/test': { body: READABLE_REPORT },
      'POST /api/connections': { status: 201, body: { connection: { id: 'C1' }, report: READABLE_REPORT, warnings: [] } },
      'GET /api/auth/csrf': { body: { token: 'csrf-1' } },
      'GET /api/connections/C1': { status: 404, body: problem(404, 'NOT_FOUND', 'gone') },
    });
    await user.type(within(dialog).getByLabelText('Okta domain'), 'acme.okta.com');
    await user.type(within(dialog).getByLabelText('Okta API token'), '00abcdefghijklmnop');
    await user.click(within(dialog).getByRole('button', { name: 'Test connection' }));
    const result = await within(dialog).findByRole('region', { name: 'Test connection result' });
    expect(within(result).getByRole('status').textContent).toContain('Connected to org 00oACME (Identity Engine)');
    expect(within(result).getByText('Needs: the Super Administrator role')).toBeTruthy();
    expect(requests.find((request) => request.path === '/api/connections/test')).toMatchObject({ body: { domain: 'acme.okta.com', credential: { kind: 'ssws', token: '00abcdefghijklmnop' } } });
    expect(requests.find((request) => request.path === '/api/connections/test')?.headers.get('x-csrf-token')).toBe('csrf-1');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(requests.find((request) => request.method === 'POST' && request.path === '/api/connections')?.body).toMatchObject({ name: 'acme', domain: 'acme.okta.com' });
  });

  it('shows the 401 advice when Okta refuses the token', async () => {
    const refused = { ...READABLE_REPORT, org: null, fatal: { code: 'OKTA_TOKEN_INVALID', message: 'The API token is invalid or expired (401).' }, canReadUsers: false, datasets: [] };
    const { user, dialog } = await openDialog({ 'POST /api/connections/test': { body: refused }, 'GET /api/auth/csrf': { body: { token: 't' } } });
    await user.type(within(dialog).getByLabelText('Okta domain'), 'acme.okta.com');
    await user.type(within(dialog).getByLabelText('Okta API token'), 'wrong-token-value');
    await user.click(within(dialog).getByRole('button', { name: 'Test connection' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('invalid or expired (401)');
    expect(within(dialog).getByText(/not been used for 30 days, or when the admin who created it was deactivated/)).toBeTruthy();
    expect(within(dialog).getByRole<HTMLButtonElement>('button', { name: 'Save' }).disabled).toBe(true);
  });

  it('takes an OAuth 2.0 service app with the private key uploaded from a file', async () => {
    const { user, dialog, requests } = await openDialog({ 'POST /api/connections/test': { body: READABLE_REPORT }, 'GET /api/auth/csrf': { body: { token: 't' } } });
    await user.type(within(dialog).getByLabelText('Okta domain'), 'acme.okta.com');
    await user.click(within(dialog).getByLabelText('OAuth 2.0 service app'));
    await user.type(within(dialog).getByLabelText('Client ID'), '0oaSERVICE');
    await user.upload(within(dialog).getByLabelText('Upload key file'), new File(['-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n'], 'key.pem', { type: 'text/plain' }));
    await waitFor(() => expect(within(dialog).getByLabelText<HTMLTextAreaElement>('Private key (PEM or JWK)').value).toContain('BEGIN PRIVATE KEY'));
    await user.type(within(dialog).getByLabelText('Key ID (optional)'), 'kid-1');
    await user.click(within(dialog).getByRole('button', { name: 'Test connection' }));
    await within(dialog).findByRole('region', { name: 'Test connection result' });
    expect(requests.find((request) => request.path === '/api/connections/test')?.body).toMatchObject({ credential: { kind: 'oauth', clientId: '0oaSERVICE', keyId: 'kid-1', dpop: 'auto' } });
  });

  it('is not offered to an auditor', async () => {
    const { api } = fakeApi({ ...session(AUDITOR), 'GET /api/connections': { body: { items: [] } } });
    renderConsole(api, '/integrations');
    expect(await screen.findByText('Only an admin can connect or change integrations.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Connect Okta' })).toBeNull();
  });
});
