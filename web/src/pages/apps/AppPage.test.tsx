import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ORG, page, renderDataPage } from '../data-common/test-kit';

const APP = {
  app: { id: '0oagithub', name: 'github', label: 'GitHub', status: 'ACTIVE', signOnMode: 'SAML_2_0', created: null, lastUpdated: null, accessPolicyId: '00pacc' },
  accessPolicy: { id: '00pacc', type: 'ACCESS_POLICY', name: 'Default access', status: 'ACTIVE', priority: 1, system: false, conditions: null, settings: null, created: null, lastUpdated: null },
  assignedUsers: 2,
  groups: [{ groupId: '00gengineers', name: 'Engineers', priority: 0 }],
  lastReview: null,
};
const ASSIGNMENTS = [
  { appId: '0oagithub', userId: '00u0', scope: 'GROUP', status: 'ACTIVE', created: null, lastUpdated: null, viaGroupIds: ['00gengineers'], login: 'person0@example.com', userStatus: 'ACTIVE' },
  { appId: '0oagithub', userId: '00u29', scope: 'USER', status: 'ACTIVE', created: null, lastUpdated: null, viaGroupIds: [], login: 'person29@example.com', userStatus: 'DEPROVISIONED' },
];
const verdict = (checkId: string, status: string, reason: string, fields: Record<string, unknown> = {}) => ({ entityType: 'app', entityId: '0oagithub', entityName: 'GitHub', status, reason, fields, checkId });

function routes() {
  return {
    [`GET /api/orgs/${ORG}/apps/0oagithub`]: { body: APP },
    [`GET /api/orgs/${ORG}/apps/0oagithub/assignments`]: page(ASSIGNMENTS),
    [`GET /api/orgs/${ORG}/tests/mfa-enforced-at-sign-in/entities`]: page([
      // Another app whose label contains "GitHub": matched by id, not by name.
      { ...verdict('mfa-enforced-at-sign-in', 'pass', 'Other app.'), entityId: '0oaother', entityName: 'GitHub Enterprise' },
      verdict('mfa-enforced-at-sign-in', 'fail', 'The rule "Allow" lets users in with a password only.'),
    ]),
    [`GET /api/orgs/${ORG}/tests/application-access-review/entities`]: page([
      verdict('application-access-review', 'fail', 'Never reviewed; 1 deactivated user still holds an assignment.', { orphanedUsers: [{ userId: '00u29', login: 'person29@example.com', status: 'DEPROVISIONED' }] }),
    ]),
    [`POST /api/orgs/${ORG}/apps/0oagithub/reviews`]: {
      status: 201,
      body: {
        review: { id: 'r1', org: ORG, appId: '0oagithub', appLabel: 'GitHub', reviewerEmail: 'admin@example.com', attestedAt: '2026-01-15T09:00:00.000Z', note: 'Q1 review', snapshotId: 'snap1', assignments: ASSIGNMENTS.map((a) => ({ userId: a.userId, login: a.login, userStatus: a.userStatus, scope: a.scope, assignmentStatus: a.status })) },
        orphaned: [{ userId: '00u29', login: 'person29@example.com' }],
        warnings: [],
      },
    },
  };
}

describe('App page', () => {
  it('shows assignments direct or via which group, the policy’s MFA effect and orphaned assignments, each linked', async () => {
    renderDataPage('/apps/0oagithub', routes());
    const table = await screen.findByRole('table', { name: 'Who has GitHub' });
    const cells = () => within(table).getAllByRole('row').slice(1).map((row) => within(row).getAllByRole('cell').map((cell) => cell.textContent));
    await waitFor(() => expect(cells()).toEqual([
      ['person0@example.com', 'ACTIVE', 'Via Engineers'],
      ['person29@example.com', 'DEPROVISIONED', 'Directly'],
    ]));
    expect(within(table).getByRole('link', { name: 'Engineers' }).getAttribute('href')).toBe('/groups/00gengineers');
    expect(screen.getByRole('link', { name: 'Default access' }).getAttribute('href')).toBe('/policies/00pacc');
    expect(await screen.findByText('The rule "Allow" lets users in with a password only.')).toBeTruthy();
    expect(screen.queryByText('Other app.')).toBeNull();
    const orphaned = await screen.findByText(/Orphaned assignments:/);
    expect(within(orphaned.parentElement as HTMLElement).getByRole('link', { name: 'person29@example.com' }).getAttribute('href')).toBe('/users/00u29');
  });

  it('lets an admin attest a review with a note, and shows what was recorded', async () => {
    const { requests } = renderDataPage('/apps/0oagithub', routes(), 'admin');
    const events = userEvent.setup();
    await events.type(await screen.findByLabelText('Note (optional)'), 'Q1 review');
    await events.click(screen.getByRole('button', { name: 'Attest review' }));
    expect((await screen.findByRole('status')).textContent).toContain('covering 2 assignments. 1 orphaned assignment still to remove.');
    const post = requests.find((request) => request.method === 'POST');
    expect(post?.body).toEqual({ note: 'Q1 review' });
    expect(post?.headers.get('x-csrf-token')).not.toBeNull();
  });

  it('shows an auditor no attest form, and a reviewer no test verdicts (the API would refuse them)', async () => {
    const auditor = renderDataPage('/apps/0oagithub', routes(), 'auditor');
    await screen.findByRole('table', { name: 'Who has GitHub' });
    expect(screen.queryByRole('button', { name: 'Attest review' })).toBeNull();
    auditor.unmount();
    const reviewer = renderDataPage('/apps/0oagithub', routes(), 'reviewer');
    await screen.findByRole('button', { name: 'Attest review' });
    await waitFor(() => expect(reviewer.asked('/apps/0oagithub/assignments')).toHaveLength(1));
    expect(reviewer.asked('/tests')).toEqual([]);
  });
});
