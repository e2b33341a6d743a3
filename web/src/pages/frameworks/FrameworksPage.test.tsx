import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ORG, renderDataPage } from '../data-common/test-kit';

const FRAMEWORKS = [
  { id: 'SOC2', title: 'SOC 2 (Trust Services Criteria 2017)', controls: 3 },
  { id: 'HIPAA', title: 'HIPAA Security Rule (45 CFR Part 164)', controls: 4 },
  { id: 'GDPR', title: 'GDPR', controls: 2 },
];
const status = (id: string, title: string) => ({
  id, title,
  controls: [{ id: `${id}:1`, title: 'Logical access', status: 'fail', checks: [{ id: 'mfa-enabled-all-users', title: 'MFA enabled for all users', status: 'fail' }], artifacts: ['okta-users'] }],
});

function routes(active: string[]) {
  let current = active;
  return {
    'GET /api/frameworks': { body: { items: FRAMEWORKS } },
    'GET /api/frameworks/active': () => ({ body: { active: current, chosenBy: null, chosenAt: null } }),
    'PUT /api/frameworks/active': ({ body }: { body: unknown }) => {
      current = (body as { active: string[] }).active;
      return { body: { active: current, chosenBy: 'api:admin@example.com', chosenAt: '2026-01-15T09:00:00.000Z' } };
    },
    [`GET /api/orgs/${ORG}/frameworks/SOC2`]: { body: status('SOC2', 'SOC 2 (Trust Services Criteria 2017)') },
    [`GET /api/orgs/${ORG}/frameworks/HIPAA`]: { body: status('HIPAA', 'HIPAA Security Rule (45 CFR Part 164)') },
  };
}

describe('Frameworks page', () => {
  it('lets an admin choose the active frameworks, stored by the server', async () => {
    const { requests } = renderDataPage('/frameworks', routes(['SOC2', 'HIPAA', 'GDPR']), 'admin');
    const events = userEvent.setup();
    const gdpr = await screen.findByRole('checkbox', { name: /GDPR/ });
    const save = screen.getByRole('button', { name: 'Save' });
    expect((save as HTMLButtonElement).disabled).toBe(true);
    await events.click(gdpr);
    await events.click(save);
    expect(await screen.findByText('Saved.')).toBeTruthy();
    expect(requests.find((request) => request.method === 'PUT')?.body).toEqual({ active: ['SOC2', 'HIPAA'] });
    await waitFor(() => expect(within(screen.getByRole('navigation', { name: 'Active frameworks' })).getAllByRole('link').map((link) => link.textContent)).toEqual(['SOC 2 (Trust Services Criteria 2017)', 'HIPAA Security Rule (45 CFR Part 164)']));
  });

  it('will not save an empty choice', async () => {
    renderDataPage('/frameworks', routes(['SOC2']), 'admin');
    await userEvent.setup().click(await screen.findByRole('checkbox', { name: /SOC 2/ }));
    expect(screen.getByText('Choose at least one framework.')).toBeTruthy();
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Save' }).disabled).toBe(true);
  });

  it('shows an auditor the choice read-only, and each control of the framework in the URL with its tests and artifacts', async () => {
    const { router } = renderDataPage('/frameworks?framework=HIPAA', routes(['SOC2', 'HIPAA']), 'auditor');
    const table = await screen.findByRole('table', { name: /HIPAA Security Rule/ });
    expect(within(table).getByRole('link', { name: 'MFA enabled for all users' }).getAttribute('href')).toBe('/tests/mfa-enabled-all-users');
    expect(within(table).getByText('okta-users')).toBeTruthy();
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: /GDPR/ }).disabled).toBe(true);
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
    await userEvent.setup().click(screen.getByRole('link', { name: 'SOC 2 (Trust Services Criteria 2017)' }));
    expect(await screen.findByRole('table', { name: /^SOC 2/ })).toBeTruthy();
    expect(router.state.location.search).toBe('?framework=SOC2');
  });
});
