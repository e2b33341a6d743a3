import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ORG, renderDataPage } from '../data-common/test-kit';

const EXPORT_ID = '2026-01-15T09-00-00-000Z-sync1';
const EXPORTS = [
  { id: EXPORT_ID, org: ORG, syncId: 'sync1', generatedAt: '2026-01-15T09:00:00.000Z', complete: true, files: 14, sequence: 2, frameworks: ['SOC2', 'HIPAA'], simulated: null },
  { id: '2026-01-14T09-00-00-000Z-sync0', org: ORG, syncId: 'sync0', generatedAt: '2026-01-14T09:00:00.000Z', complete: false, files: 12, sequence: 1, frameworks: [], simulated: 'Simulated org' },
];

describe('Evidence page', () => {
  it('lists exports with completeness and frameworks, links the ZIP, and verifies one when asked', async () => {
    const { asked } = renderDataPage('/evidence', {
      [`GET /api/orgs/${ORG}/evidence`]: { body: { items: EXPORTS } },
      [`GET /api/orgs/${ORG}/evidence/${EXPORT_ID}/verification`]: { body: { id: EXPORT_ID, ok: true, trust: { kind: 'local-key', fingerprint: 'abcdef0123456789abcdef' }, manifestSha256: 'x', problems: [], warnings: [] } },
    });
    const table = await screen.findByRole('table', { name: `Evidence exports of ${ORG}, newest first` });
    const [, newest, older] = within(table).getAllByRole('row');
    expect(within(newest as HTMLElement).getByText('Complete')).toBeTruthy();
    expect(within(newest as HTMLElement).getByText('HIPAA')).toBeTruthy();
    expect(within(older as HTMLElement).getByText('Incomplete')).toBeTruthy();
    expect(within(older as HTMLElement).getByText('Simulated org')).toBeTruthy();
    const zip = within(newest as HTMLElement).getByRole('link', { name: /Download the export of 2026-01-15 09:00 UTC/ });
    expect(zip.getAttribute('href')).toBe(`/api/orgs/${ORG}/evidence/${EXPORT_ID}/zip`);
    // Verification re-hashes every file: nothing is asked until the button is pressed.
    expect(asked('/evidence/')).toEqual([]);
    await userEvent.setup().click(within(newest as HTMLElement).getByRole('button', { name: `Verify export ${EXPORT_ID}` }));
    expect((await within(newest as HTMLElement).findByRole('status')).textContent).toContain('Verified');
    expect(asked('/evidence/')).toEqual([`/api/orgs/${ORG}/evidence/${EXPORT_ID}/verification`]);
  });
});
