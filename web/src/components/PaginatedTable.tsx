import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';
import { useState, type ReactNode } from 'react';
import { ProblemMessage } from './Problem';
import { ScrollBox } from './ScrollBox';

/** One page of a keyset-paginated list, as every list route of the API answers it. */
export interface Page<T> {
  items: T[];
  next: string | null;
}

export interface PaginatedTableProps<T> {
  /** The table's caption: what the rows are (screen readers announce it). */
  label: string;
  /** What identifies the list and its filters; a change starts again from the first page. */
  queryKey: readonly unknown[];
  /** Reads one page after `cursor` (null: the first). */
  fetchPage: (page: { cursor: string | null; limit: number }) => Promise<Page<T>>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- TanStack's column helpers type each column's value
  columns: ColumnDef<T, any>[];
  getRowId: (row: T) => string;
  pageSize?: number;
  empty?: ReactNode;
}

const PAGE_SIZES = [25, 50, 100, 200];

/**
 * A table over a keyset-paginated API list (TanStack Table for rendering, TanStack Query for fetching). The server
 * pages: only the shown page is ever in the browser, so a 50,000-user org loads no faster or slower than a small one.
 * Keyset cursors only go forward, so the table keeps the cursors of the pages seen to go back.
 */
export function PaginatedTable<T>({ label, queryKey, fetchPage, columns, getRowId, pageSize = 50, empty = 'Nothing to show.' }: PaginatedTableProps<T>) {
  const keyText = JSON.stringify(queryKey);
  const [paging, setPaging] = useState({ key: keyText, cursors: [null] as (string | null)[], limit: pageSize });
  // A new filter starts from the first page (state adjusted during render, as React recommends over an effect).
  if (paging.key !== keyText) setPaging({ key: keyText, cursors: [null], limit: paging.limit });
  const cursor = paging.cursors.at(-1) ?? null;
  const query = useQuery({
    queryKey: [...queryKey, { cursor, limit: paging.limit }],
    queryFn: () => fetchPage({ cursor, limit: paging.limit }),
    placeholderData: keepPreviousData,
    // Going back a page shows the page already read rather than asking again.
    staleTime: 30_000,
  });
  const table = useReactTable({ data: query.data?.items ?? [], columns, getRowId, getCoreRowModel: getCoreRowModel(), manualPagination: true });
  const pageNumber = paging.cursors.length;
  const next = query.data?.next ?? null;

  return (
    <div className="paginated-table">
      {query.isError ? <ProblemMessage error={query.error} /> : null}
      <ScrollBox label={`${label} (scrolls sideways)`}>
        <table aria-busy={query.isFetching}>
          <caption>{label}</caption>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => (
                  <th key={header.id} scope="col">
                    {header.isPlaceholder ? null : flexRender(header.column.columnDef.header, header.getContext())}
                  </th>
                ))}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id}>
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
                ))}
              </tr>
            ))}
            {query.isSuccess && query.data.items.length === 0 ? (
              <tr>
                <td colSpan={columns.length}>{empty}</td>
              </tr>
            ) : null}
            {query.isPending ? (
              <tr>
                <td colSpan={columns.length}>Loading…</td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </ScrollBox>
      <nav className="pager" aria-label={`${label}: pages`}>
        <button type="button" onClick={() => setPaging({ ...paging, cursors: paging.cursors.slice(0, -1) })} disabled={pageNumber === 1}>
          Previous page
        </button>
        <span aria-live="polite">Page {pageNumber}</span>
        <button type="button" onClick={() => setPaging({ ...paging, cursors: [...paging.cursors, next] })} disabled={next === null || query.isPlaceholderData}>
          Next page
        </button>
        <label>
          Rows per page{' '}
          <select value={paging.limit} onChange={(event) => setPaging({ key: keyText, cursors: [null], limit: Number(event.target.value) })}>
            {PAGE_SIZES.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
        </label>
      </nav>
    </div>
  );
}
