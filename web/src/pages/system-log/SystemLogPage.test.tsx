import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ORG, page, renderDataPage } from '../data-common/test-kit';
import { utcInstant } from './SystemLogPage';

const EVENT = { uuid: 'e1', published: '2026-01-15T08:00:00.000Z', eventType: 'user.session.start', outcomeResult: 'SUCCESS', actorId: '00u1', actorAlternateId: 'jane@example.com', targetIds: ['0oagithub', 'xyz'], raw: {} };

describe('System Log page', () => {
  it('sends type, actor, target and the time range (read as UTC) from the URL, and links actors and targets', async () => {
    const { asked } = renderDataPage('/system-log?type=user.session.start&actor=jane%40example.com&since=2026-01-14T00%3A00&until=2026-01-15T12%3A30', {
      [`GET /api/orgs/${ORG}/system-log`]: page([EVENT]),
    });
    const table = await screen.findByRole('table', { name: `System Log events of ${ORG}` });
    expect((await within(table).findByRole('link', { name: 'jane@example.com' })).getAttribute('href')).toBe('/users/00u1');
    expect(within(table).getByRole('link', { name: '0oagithub' }).getAttribute('href')).toBe('/apps/0oagithub');
    expect(within(table).getByText('xyz').tagName).toBe('CODE');
    const [requested] = asked('/system-log');
    const query = new URL(`http://x${requested ?? ''}`).searchParams;
    expect(Object.fromEntries(query)).toEqual({ type: 'user.session.start', actor: 'jane@example.com', since: '2026-01-14T00:00:00Z', until: '2026-01-15T12:30:00Z', limit: '50' });
  });

  it('ignores a malformed time in the URL rather than sending it', () => {
    expect(utcInstant('yesterday')).toBeUndefined();
    expect(utcInstant('2026-01-14T00:00:30')).toBe('2026-01-14T00:00:30Z');
  });
});
