import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ADMIN, AUDITOR, fakeApi, problem } from '../../../test/fake-api';
import { renderConsole } from '../../../test/render';
import { receiverOf, webhookUrlError } from './webhook-input';

const SLACK = {
  id: 'W1',
  name: '#security-alerts',
  url: 'https://hooks.slack.com/services/T000/B000/tokenpart',
  events: ['tests.newly_failing', 'sync.failed'],
  format: 'slack',
  enabled: true,
  createdBy: 'admin@example.com',
  createdAt: '2026-01-15T09:00:00.000Z',
  updatedAt: '2026-01-15T09:00:00.000Z',
};

function delivery(id: string, fields: Partial<{ eventType: string; attempts: number; delivered: boolean; lastStatus: string; lastError: string | null }>) {
  return { id, eventType: 'tests.newly_failing', org: 'acme.okta.com', startedAt: '2026-01-15T10:00:00.000Z', endedAt: '2026-01-15T10:00:01.000Z', attempts: 1, delivered: true, lastStatus: '200', lastError: null, ...fields };
}

function routes(user: typeof ADMIN, webhooks: unknown[]) {
  return {
    'GET /api/auth/me': { body: { user, via: 'session', canWrite: true } },
    'GET /api/orgs': { body: { items: [] } },
    'GET /api/connections': { body: { items: [] } },
    'GET /api/auth/csrf': { body: { token: 'csrf-1' } },
    'GET /api/admin/webhooks': { body: { items: webhooks } },
  };
}

describe('the webhooks tab', () => {
  it('checks the URL as it is typed, needs an event, sends the chosen payload format, and shows the secret once', async () => {
    let listed: unknown[] = [];
    const { api, requests } = fakeApi({
      ...routes(ADMIN, []),
      'GET /api/admin/webhooks': () => ({ body: { items: listed } }),
      'POST /api/admin/webhooks': (request) => {
        listed = [{ ...SLACK, ...(request.body as object) }];
        return { status: 201, body: { ...SLACK, secret: 'oewh_onceonly', warnings: ['created the secret key /srv/key (mode 0600): back it up with the database'] } };
      },
    });
    renderConsole(api, '/admin?tab=webhooks');
    expect(await screen.findByText('No webhook yet.')).toBeTruthy();
    const user = userEvent.setup();
    const form = screen.getByRole('form', { name: 'Add a webhook' });
    await user.type(within(form).getByLabelText('Name'), '#security-alerts');
    const url = within(form).getByLabelText('Receiver URL');
    await user.type(url, 'hooks.slack.com');
    expect(within(form).getByText('Not a URL: write it whole, starting with https://')).toBeTruthy();
    await user.clear(url);
    await user.type(url, 'https://bot:pw@hooks.example.com/in');
    expect(within(form).getByText(/No user name or password in the URL/)).toBeTruthy();
    expect(within(form).getByRole<HTMLButtonElement>('button', { name: 'Add webhook' }).disabled).toBe(true);
    await user.clear(url);
    await user.type(url, SLACK.url);
    expect(url.getAttribute('aria-invalid')).toBe('false');
    for (const name of [/Entities newly failing/, /A sync failed/, /A connection turned unhealthy/]) await user.click(within(form).getByRole('checkbox', { name }));
    expect(within(form).getByText('Choose at least one event.')).toBeTruthy();
    expect(within(form).getByRole<HTMLButtonElement>('button', { name: 'Add webhook' }).disabled).toBe(true);
    await user.click(within(form).getByRole('checkbox', { name: /Entities newly failing/ }));
    await user.click(within(form).getByRole('radio', { name: /Slack-compatible/ }));
    await user.click(within(form).getByRole('button', { name: 'Add webhook' }));
    expect((await screen.findByLabelText('New webhook signing secret')).textContent).toBe('oewh_onceonly');
    expect(screen.getByText(/back it up with the database/)).toBeTruthy();
    expect(requests.find((request) => request.method === 'POST')?.body).toEqual({ name: '#security-alerts', url: SLACK.url, events: ['tests.newly_failing'], format: 'slack', enabled: true });
    // The list shows the receiver's origin only: a Slack URL's path is its token.
    const table = await screen.findByRole('table', { name: 'Webhooks' });
    await within(table).findByText('https://hooks.slack.com/…');
    expect(table.textContent).not.toContain('tokenpart');
  });

  it('shows the server’s refusal of a URL next to the field', async () => {
    const { api } = fakeApi({
      ...routes(ADMIN, []),
      'POST /api/admin/webhooks': { status: 400, body: problem(400, 'INVALID_INPUT', 'The request is invalid.', [{ field: 'body.url', message: 'An http(s) URL.' }]) },
    });
    renderConsole(api, '/admin?tab=webhooks');
    const user = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'Add a webhook' });
    await user.type(within(form).getByLabelText('Name'), 'siem');
    await user.type(within(form).getByLabelText('Receiver URL'), 'http://siem.example.com/hook');
    expect(within(form).getByText(/Plain http: sent in clear/)).toBeTruthy();
    await user.click(within(form).getByRole('button', { name: 'Add webhook' }));
    expect((await within(form).findByRole('alert')).textContent).toContain('The request is invalid.');
    expect(within(form).getByText('An http(s) URL.').id).toBe(within(form).getByLabelText('Receiver URL').getAttribute('aria-describedby'));
  });

  it('sends a test and lists the deliveries with their retries', async () => {
    let deliveries = [delivery('D1', { attempts: 3, delivered: false, lastStatus: '503', lastError: 'HTTP 503' })];
    const { api, requests } = fakeApi({
      ...routes(ADMIN, [SLACK]),
      'GET /api/admin/webhooks/W1/deliveries': () => ({ body: { items: deliveries, next: null } }),
      'POST /api/admin/webhooks/W1/test': () => {
        const test = delivery('D2', { eventType: 'webhook.test', lastStatus: '200' });
        deliveries = [test, ...deliveries];
        return { body: test };
      },
    });
    renderConsole(api, '/admin?tab=webhooks');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Deliveries of #security-alerts' }));
    const log = await screen.findByRole('table', { name: 'Deliveries of #security-alerts, newest first' });
    await within(log).findByText('3 (2 retries)');
    expect(within(log).getByText('failed')).toBeTruthy();
    expect(within(log).getByText('HTTP 503')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Send test' }));
    expect((await screen.findByText(/Test delivered/)).textContent).toBe('Test delivered: the receiver answered 200.');
    await within(log).findByText('webhook.test');
    expect(requests.filter((request) => request.method === 'POST').map((request) => request.path)).toEqual(['/api/admin/webhooks/W1/test']);
  });

  it('says when a test was not delivered', async () => {
    const { api } = fakeApi({
      ...routes(ADMIN, [SLACK]),
      'GET /api/admin/webhooks/W1/deliveries': { body: { items: [], next: null } },
      'POST /api/admin/webhooks/W1/test': { body: delivery('D3', { eventType: 'webhook.test', delivered: false, lastStatus: 'ECONNREFUSED', lastError: 'connect ECONNREFUSED' }) },
    });
    renderConsole(api, '/admin?tab=webhooks');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Deliveries of #security-alerts' }));
    expect(await screen.findByText('No delivery yet: Send test tries one now.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Send test' }));
    expect((await screen.findByText(/Test not delivered/)).textContent).toContain('ECONNREFUSED (connect ECONNREFUSED)');
  });

  it('edits only what changed, and deletes after a confirmation', async () => {
    const { api, requests } = fakeApi({
      ...routes(ADMIN, [SLACK]),
      'PATCH /api/admin/webhooks/W1': { body: { ...SLACK, enabled: false } },
      'DELETE /api/admin/webhooks/W1': { status: 204 },
    });
    renderConsole(api, '/admin?tab=webhooks');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Edit #security-alerts' }));
    const editor = screen.getByRole('dialog', { name: 'Edit #security-alerts' });
    expect(within(editor).getByLabelText<HTMLInputElement>('Receiver URL').value).toBe(SLACK.url);
    expect(within(editor).getByRole<HTMLInputElement>('radio', { name: /Slack-compatible/ }).checked).toBe(true);
    expect(within(editor).getByRole<HTMLButtonElement>('button', { name: 'Save webhook' }).disabled).toBe(true);
    await user.click(within(editor).getByRole('checkbox', { name: /Enabled/ }));
    await user.click(within(editor).getByRole('button', { name: 'Save webhook' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(requests.find((request) => request.method === 'PATCH')?.body).toEqual({ enabled: false });

    await user.click(screen.getByRole('button', { name: 'Delete #security-alerts' }));
    const confirm = screen.getByRole('dialog', { name: 'Delete #security-alerts?' });
    expect(requests.some((request) => request.method === 'DELETE')).toBe(false);
    await user.click(within(confirm).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(requests.filter((request) => request.method === 'DELETE').map((request) => request.path)).toEqual(['/api/admin/webhooks/W1']);
  });

  it('is not offered to an auditor', async () => {
    const { api } = fakeApi({ ...routes(AUDITOR, []), 'GET /api/audit-log': { body: { items: [], next: null } } });
    renderConsole(api, '/admin?tab=webhooks');
    expect(await screen.findByRole('heading', { name: 'Audit log' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Webhooks' })).toBeNull();
  });
});

describe('webhook URLs', () => {
  it('names what is wrong, and shows only the origin of a URL with a path', () => {
    expect(webhookUrlError('')).toMatch(/receiver’s URL/);
    expect(webhookUrlError('ftp://files.example.com/x')).toBe('An http(s) URL, not ftp:');
    expect(webhookUrlError(`https://example.com/${'a'.repeat(2_000)}`)).toBe('At most 2,000 characters.');
    expect(webhookUrlError(' https://hooks.example.com/in ')).toBeUndefined();
    expect(receiverOf('https://hooks.example.com/')).toBe('https://hooks.example.com');
    expect(receiverOf('https://hooks.example.com/T0/secret')).toBe('https://hooks.example.com/…');
  });
});
