import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ORG, page, renderDataPage } from '../data-common/test-kit';

const DETAIL = {
  user: {
    id: '00u1', login: 'jane@example.com', email: 'jane@example.com', firstName: 'Jane', lastName: 'Doe', displayName: null, department: null, title: null, status: 'ACTIVE',
    created: '2025-01-01T00:00:00.000Z', activated: null, statusChanged: '2025-01-02T00:00:00.000Z', lastLogin: '2026-01-10T10:00:00.000Z', lastUpdated: null, passwordChanged: null,
  },
  groups: [{ id: '00gengineers', name: 'Engineers' }],
  apps: [
    { appId: '0oagithub', userId: '00u1', scope: 'GROUP', status: 'ACTIVE', created: null, lastUpdated: null, viaGroupIds: ['00gengineers'], appLabel: 'GitHub' },
    { appId: '0oaslack', userId: '00u1', scope: 'USER', status: 'ACTIVE', created: null, lastUpdated: null, viaGroupIds: [], appLabel: 'Slack' },
  ],
  verdicts: [{ checkId: 'mfa-enabled-all-users', status: 'pass', reason: 'Enrolled: webauthn (phishing-resistant).' }],
};
const FACTORS = [
  { id: 'f1', factorType: 'webauthn', provider: 'FIDO', vendorName: 'FIDO', status: 'ACTIVE', created: '2025-02-01T00:00:00.000Z', lastUpdated: null, profileSummary: null, strength: 'phishing-resistant' },
  { id: 'f2', factorType: 'sms', provider: 'OKTA', vendorName: 'OKTA', status: 'ACTIVE', created: '2025-02-01T00:00:00.000Z', lastUpdated: null, profileSummary: '+1 XXX-XXX-1234', strength: 'weak' },
];

describe('User page', () => {
  it('shows status, last sign-in, factors with strength, groups, apps direct or via group, and verdicts', async () => {
    renderDataPage('/users/00u1', { [`GET /api/orgs/${ORG}/users/00u1`]: { body: DETAIL }, [`GET /api/orgs/${ORG}/users/00u1/factors`]: page(FACTORS) });
    expect(await screen.findByRole('heading', { level: 1, name: 'jane@example.com' })).toBeTruthy();
    expect(screen.getByText('2026-01-10 10:00 UTC', { exact: false })).toBeTruthy();
    const factors = await screen.findByRole('table', { name: 'Enrolled factors of jane@example.com' });
    expect(within(factors).getAllByRole('row').slice(1).map((row) => within(row).getAllByRole('cell').slice(0, 2).map((cell) => cell.textContent))).toEqual([
      ['webauthn', 'phishing-resistant'],
      ['sms (+1 XXX-XXX-1234)', 'weak'],
    ]);
    const apps = screen.getByRole('table', { name: 'Apps assigned to jane@example.com' });
    expect(within(apps).getByRole('link', { name: 'GitHub' }).getAttribute('href')).toBe('/apps/0oagithub');
    expect(within(apps).getAllByRole('row')[1]?.textContent).toContain('Via Engineers');
    expect(within(apps).getAllByRole('row')[2]?.textContent).toContain('Directly');
    const verdicts = screen.getByRole('table', { name: /verdict on jane@example.com/ });
    expect(within(verdicts).getByRole('link', { name: 'mfa-enabled-all-users' }).getAttribute('href')).toBe('/tests/mfa-enabled-all-users');
  });

  it('says so when the user is not in the snapshot', async () => {
    renderDataPage('/users/00unobody', {
      [`GET /api/orgs/${ORG}/users/00unobody`]: { status: 404, body: { type: 'about:blank', title: 'Not found', status: 404, code: 'NOT_FOUND', detail: 'User 00unobody is not in the current snapshot.' } },
      [`GET /api/orgs/${ORG}/users/00unobody/factors`]: { status: 404, body: { type: 'about:blank', title: 'Not found', status: 404, code: 'NOT_FOUND', detail: 'User 00unobody is not in the current snapshot.' } },
    });
    expect((await screen.findByRole('alert')).textContent).toContain('not in the current snapshot');
  });
});
