import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ORG, page, renderDataPage } from '../data-common/test-kit';

// The chart draws on a canvas, which happy-dom has not: the page's use of it is tested, the drawing in the browser.
vi.mock('./TrendChart', () => ({ default: ({ label, points }: { label: string; points: unknown[] }) => <div role="img" aria-label={label} data-points={points.length} /> }));

const counts = (fail: number, pass: number) => ({ pass, fail, error: 0, not_applicable: 0 });
const RUN = {
  id: 'run2', syncId: 's2', snapshotId: 'snap1', evaluatedAt: '2026-01-15T09:00:00.000Z',
  results: [
    { id: 'inactive-user-accounts', title: 'Inactive user accounts', severity: 'medium', status: 'pass', controls: [], counts: counts(0, 30) },
    { id: 'mfa-enabled-all-users', title: 'MFA enabled for all users', severity: 'critical', status: 'fail', controls: ['SOC2:CC6.1'], counts: counts(28, 2) },
  ],
};
const CHANGES = {
  previous: { runId: 'run1', syncId: 's1', evaluatedAt: '2026-01-14T09:00:00.000Z' },
  checks: [
    {
      checkId: 'mfa-enabled-all-users', before: 'fail', after: 'fail',
      newlyFailing: [{ entityType: 'user', entityId: '00u7', entityName: 'new.hire@example.com', before: null, after: 'fail', reason: 'No MFA factor enrolled.' }],
      newlyFixed: [{ entityType: 'user', entityId: '00u2', entityName: 'fixed@example.com', before: 'fail', after: 'pass', reason: 'Enrolled webauthn.' }],
    },
  ],
};
const requirement = (source: string, required: string, actual: string, met: boolean) => ({ source, required, actual, fields: ['complexity.minLength'], met });
const PASSWORDS = {
  runId: 'run2', evaluatedAt: '2026-01-15T09:00:00.000Z',
  policies: [
    {
      policyId: '00ppw', policy: 'Default Policy', status: 'fail', passwordOnlyFactor: false, governedUsers: 30,
      profiles: [
        { profileId: 'nist-800-63b', name: 'NIST SP 800-63B rev 4', chosen: false, met: true, requirements: [requirement('§3.1.1', 'minimum length ≥ 8 characters', '8 characters', true)] },
        { profileId: 'pci-dss-v4', name: 'PCI DSS v4.0', chosen: true, met: false, requirements: [requirement('8.3.6', 'minimum length ≥ 12 characters', '8 characters', false)] },
      ],
    },
  ],
};
const ENTITY = { entityType: 'user', entityId: '00u7', entityName: 'new.hire@example.com', status: 'fail', reason: 'No MFA factor enrolled.', fields: {} };
const history = (n: number) => Array.from({ length: n }, (_, i) => ({ runId: `run${i}`, syncId: null, evaluatedAt: `2026-01-1${i}T09:00:00.000Z`, status: 'fail', counts: counts(28 - i, 2 + i) }));

const routes = {
  [`GET /api/orgs/${ORG}/tests`]: { body: RUN },
  [`GET /api/orgs/${ORG}/tests/changes`]: { body: CHANGES },
  [`GET /api/orgs/${ORG}/password-compliance`]: { body: PASSWORDS },
};

describe('Tests page', () => {
  it('lists each test by severity with its status and counts, and links its failing entities', async () => {
    renderDataPage('/tests', routes);
    const list = await screen.findByRole('list', { name: 'Security tests' });
    const cards = within(list).getAllByRole('heading', { level: 3 }).map((heading) => heading.textContent);
    expect(cards).toEqual(['MFA enabled for all users', 'Inactive user accounts']);
    expect(within(list).getByRole('link', { name: '28 failing' }).getAttribute('href')).toBe('/tests/mfa-enabled-all-users?status=fail');
    expect(within(list).getAllByText('Fail')).toHaveLength(1);
  });

  it('shows what is newly failing and newly fixed since the last sync, each linked to its entity', async () => {
    renderDataPage('/tests', routes);
    expect((await screen.findByRole('link', { name: 'new.hire@example.com' })).getAttribute('href')).toBe('/users/00u7');
    expect(screen.getByRole('link', { name: 'fixed@example.com' }).getAttribute('href')).toBe('/users/00u2');
    expect(screen.getByRole('heading', { name: 'Newly failing (1)' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Newly fixed (1)' })).toBeTruthy();
  });

  it('says so on the first run, when there is nothing to compare with', async () => {
    renderDataPage('/tests', { ...routes, [`GET /api/orgs/${ORG}/tests/changes`]: { body: { previous: null, checks: [] } } });
    expect(await screen.findByText('This is the first run: nothing to compare with yet.')).toBeTruthy();
  });

  it('shows password compliance per profile, actual against required, the judged profile first', async () => {
    renderDataPage('/tests', routes);
    const tables = await screen.findAllByRole('table', { name: /^Default Policy against/ });
    expect(tables.map((table) => table.querySelector('caption')?.textContent)).toEqual([
      'Default Policy against PCI DSS v4.0 (the profile the test judges by): does not meet',
      'Default Policy against NIST SP 800-63B rev 4: meets',
    ]);
    const [pci] = tables;
    const cells = within(pci as HTMLElement).getAllByRole('cell').map((cell) => cell.textContent);
    expect(cells).toEqual(['minimum length ≥ 12 characterscomplexity.minLength', '8.3.6', '8 characters', 'No']);
  });
});

describe('A test’s page', () => {
  it('lists its entities filtered by the URL, linked to their pages, with the trend over syncs', async () => {
    const { asked } = renderDataPage('/tests/mfa-enabled-all-users?status=fail', {
      ...routes,
      [`GET /api/orgs/${ORG}/tests/mfa-enabled-all-users/history`]: page(history(3)),
      [`GET /api/orgs/${ORG}/tests/mfa-enabled-all-users/entities`]: page([ENTITY]),
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'MFA enabled for all users' })).toBeTruthy();
    const table = await screen.findByRole('table', { name: 'MFA enabled for all users: results per entity' });
    expect((await within(table).findByRole('link', { name: 'new.hire@example.com' })).getAttribute('href')).toBe('/users/00u7');
    expect(asked('/tests/mfa-enabled-all-users/entities')).toEqual([`/api/orgs/${ORG}/tests/mfa-enabled-all-users/entities?status=fail&limit=50`]);
    const chart = await screen.findByRole('img', { name: /over the last 3 runs/ });
    expect(chart.getAttribute('data-points')).toBe('3');
    expect(within(screen.getByRole('table', { name: /run by run/ })).getAllByRole('row')).toHaveLength(4);
  });

  it('changes the verdict filter through the URL', async () => {
    const { asked, router } = renderDataPage('/tests/mfa-enabled-all-users', {
      ...routes,
      [`GET /api/orgs/${ORG}/tests/mfa-enabled-all-users/history`]: page(history(1)),
      [`GET /api/orgs/${ORG}/tests/mfa-enabled-all-users/entities`]: page([ENTITY]),
    });
    await screen.findByRole('link', { name: 'new.hire@example.com' });
    expect(screen.getByText('One run so far: the trend shows from the second sync on.')).toBeTruthy();
    await userEvent.setup().selectOptions(screen.getByLabelText('Kind'), 'user');
    await waitFor(() => expect(asked('/tests/mfa-enabled-all-users/entities').at(-1)).toBe(`/api/orgs/${ORG}/tests/mfa-enabled-all-users/entities?entityType=user&limit=50`));
    expect(router.state.location.search).toBe('?kind=user');
  });
});
