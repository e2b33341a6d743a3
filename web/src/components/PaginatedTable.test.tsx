import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createColumnHelper } from '@tanstack/react-table';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { unwrap } from '../api/client';
import { useApi } from '../api/ApiContext';
import { fakeApi, problem } from '../test/fake-api';
import { renderWithProviders } from '../test/render';
import { PaginatedTable } from './PaginatedTable';

interface Row {
  id: string;
  login: string;
}
const column = createColumnHelper<Row>();
const ROWS: Row[] = Array.from({ length: 5 }, (_, index) => ({ id: `u${index + 1}`, login: `user${index + 1}@example.com` }));

/** A keyset API over ROWS like the server's: `cursor` is the last id seen, `limit` the page size, `q` a filter. */
function keysetApi() {
  return fakeApi({
    'GET /api/audit-log': ({ url }) => {
      const limit = Number(url.searchParams.get('limit'));
      const after = url.searchParams.get('cursor');
      const q = url.searchParams.get('q') ?? '';
      const matching = ROWS.filter((row) => row.login.includes(q));
      const start = after === null ? 0 : matching.findIndex((row) => row.id === after) + 1;
      const items = matching.slice(start, start + limit);
      const last = items.at(-1);
      return { body: { items, next: start + limit < matching.length && last !== undefined ? last.id : null } };
    },
  });
}

function UsersTable({ pageSize = 2 }: { pageSize?: number }) {
  const api = useApi();
  const [q, setQ] = useState('');
  return (
    <>
      <label>
        Search <input value={q} onChange={(event) => setQ(event.target.value)} />
      </label>
      <PaginatedTable<Row>
        label="People"
        queryKey={['people', q]}
        pageSize={pageSize}
        getRowId={(row) => row.id}
        columns={[column.accessor('login', { header: 'Login' })]}
        fetchPage={async ({ cursor, limit }) => {
          // The fake route stands for any list route; the query is passed through untyped here.
          const result = await api.GET('/api/audit-log', { params: { query: { limit, ...(cursor === null ? {} : { cursor }), ...(q === '' ? {} : ({ q } as object)) } } });
          return unwrap(result) as unknown as { items: Row[]; next: string | null };
        }}
      />
    </>
  );
}

const logins = () => within(screen.getByRole('table', { name: 'People' })).queryAllByRole('cell').map((cell) => cell.textContent);

describe('PaginatedTable', () => {
  it('reads one page at a time with the server’s cursors, forward and back, never the whole list', async () => {
    const { api, requests } = keysetApi();
    renderWithProviders(api, <UsersTable />);
    await waitFor(() => expect(logins()).toEqual(['user1@example.com', 'user2@example.com']));
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() => expect(logins()).toEqual(['user3@example.com', 'user4@example.com']));
    expect(screen.getByText('Page 2')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() => expect(logins()).toEqual(['user5@example.com']));
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Next page' }).disabled).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Previous page' }));
    await waitFor(() => expect(logins()).toEqual(['user3@example.com', 'user4@example.com']));
    // Every request asked for one page of two, after the previous page's last key; going back read the cache.
    expect(requests.map((request) => request.path).filter((path) => path.startsWith('/api/audit-log'))).toEqual(['/api/audit-log?limit=2', '/api/audit-log?limit=2&cursor=u2', '/api/audit-log?limit=2&cursor=u4']);
  });

  it('starts again from the first page when the filter changes, and when the page size changes', async () => {
    const { api, requests } = keysetApi();
    renderWithProviders(api, <UsersTable />);
    const user = userEvent.setup();
    await waitFor(() => expect(logins()).toHaveLength(2));
    await user.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() => expect(logins()).toEqual(['user3@example.com', 'user4@example.com']));
    await user.type(screen.getByLabelText('Search'), 'user5');
    await waitFor(() => expect(logins()).toEqual(['user5@example.com']));
    expect(screen.getByText('Page 1')).toBeTruthy();
    expect(requests.at(-1)?.path).toBe('/api/audit-log?limit=2&q=user5');
    await user.clear(screen.getByLabelText('Search'));
    await user.selectOptions(screen.getByLabelText('Rows per page'), '25');
    await waitFor(() => expect(logins()).toHaveLength(5));
    expect(requests.at(-1)?.path).toBe('/api/audit-log?limit=25');
  });

  it('says when the list is empty', async () => {
    const empty = fakeApi({ 'GET /api/audit-log': { body: { items: [], next: null } } });
    renderWithProviders(empty.api, <UsersTable />);
    expect(await screen.findByText('Nothing to show.')).toBeTruthy();
  });

  it('shows the problem the API answered', async () => {
    const failing = fakeApi({ 'GET /api/audit-log': { status: 400, body: problem(400, 'VALIDATION_FAILED', 'query.cursor: not a cursor of this list') } });
    renderWithProviders(failing.api, <UsersTable />);
    expect((await screen.findByRole('alert')).textContent).toContain('query.cursor: not a cursor of this list');
  });
});
