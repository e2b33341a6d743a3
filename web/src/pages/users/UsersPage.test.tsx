import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ORG, page, renderDataPage } from '../data-common/test-kit';

const user = (id: string, login: string, status = 'ACTIVE') => ({
  id, login, email: login, firstName: 'Pat', lastName: id, displayName: null, department: null, title: null, status,
  created: '2025-01-01T00:00:00.000Z', activated: null, statusChanged: null, lastLogin: null, lastUpdated: null, passwordChanged: null,
});

describe('Users page', () => {
  it('sends the filters in the URL to the server and shows one page of users with links to each', async () => {
    const { asked, router } = renderDataPage('/users?status=DEPROVISIONED&deprovisioned=true&inactive=90', {
      [`GET /api/orgs/${ORG}/users`]: page([user('00u1', 'gone@example.com', 'DEPROVISIONED')], 'cursor-2'),
    });
    const table = await screen.findByRole('table', { name: `Users of ${ORG}` });
    const link = await within(table).findByRole('link', { name: 'gone@example.com' });
    expect(link.getAttribute('href')).toBe('/users/00u1');
    expect(asked('/users')).toEqual([`/api/orgs/${ORG}/users?status=DEPROVISIONED&inactiveDays=90&deprovisionedWithAccess=true&limit=50`]);
    // The controls show what the URL says.
    expect(screen.getByLabelText<HTMLSelectElement>('Status').value).toBe('DEPROVISIONED');
    expect(screen.getByLabelText<HTMLInputElement>('Deprovisioned but still assigned an app').checked).toBe(true);
    expect(router.state.location.search).toBe('?status=DEPROVISIONED&deprovisioned=true&inactive=90');
  });

  it('puts a changed filter in the URL and asks the server again from the first page', async () => {
    const { asked, router } = renderDataPage('/users', { [`GET /api/orgs/${ORG}/users`]: page([user('00u1', 'a@example.com')]) });
    await screen.findByRole('link', { name: 'a@example.com' });
    const events = userEvent.setup();
    await events.selectOptions(screen.getByLabelText('MFA test verdict'), 'fail');
    await events.selectOptions(screen.getByLabelText('Strongest factor'), 'weak');
    await events.type(screen.getByLabelText('Search login or name'), 'jane{Enter}');
    await waitFor(() => expect(asked('/users').at(-1)).toBe(`/api/orgs/${ORG}/users?search=jane&mfa=fail&strongestFactor=weak&limit=50`));
    expect(new URLSearchParams(router.state.location.search).get('q')).toBe('jane');
    expect(new URLSearchParams(router.state.location.search).get('factor')).toBe('weak');
  });

  it('shows the server’s explanation of a refused filter', async () => {
    renderDataPage('/users?inactive=99999', {
      [`GET /api/orgs/${ORG}/users`]: { status: 400, body: { type: 'about:blank', title: 'Bad', status: 400, code: 'VALIDATION_FAILED', detail: 'query.inactiveDays: Too big: expected number to be <=3650' } },
    });
    expect((await screen.findByRole('alert')).textContent).toContain('expected number to be <=3650');
  });
});
