import { createColumnHelper } from '@tanstack/react-table';
import { useState } from 'react';
import { useApi } from '../../api/ApiContext';
import { unwrap, type Schemas } from '../../api/client';
import { PaginatedTable } from '../../components/PaginatedTable';
import { formatTime } from '../integrations/connection-state';

type Entry = Schemas['AuditEntry'];
const column = createColumnHelper<Entry>();
const COLUMNS = [
  column.accessor('at', { header: 'When', cell: (cell) => formatTime(cell.getValue()) }),
  column.accessor('actor', { header: 'Who' }),
  column.accessor('action', { header: 'Action' }),
  column.accessor('connectionName', { header: 'Connection', cell: (cell) => cell.getValue() ?? '—' }),
  column.accessor('details', { header: 'Details', cell: (cell) => <code>{JSON.stringify(cell.getValue())}</code> }),
];

/** Who did what through the server or the CLI, newest first (admins and auditors). */
export function AuditLog() {
  const api = useApi();
  const [action, setAction] = useState('');
  const filter = action.trim();
  return (
    <div>
      <h2>Audit log</h2>
      <div className="field">
        <label htmlFor="audit-action">Action (exact, e.g. connection.update)</label>
        <input id="audit-action" value={action} onChange={(event) => setAction(event.target.value)} />
      </div>
      <PaginatedTable<Entry>
        label="Audit log, newest first"
        queryKey={['audit-log', filter]}
        getRowId={(entry) => entry.id}
        columns={COLUMNS}
        empty="No entries."
        fetchPage={async ({ cursor, limit }) =>
          unwrap(await api.GET('/api/audit-log', { params: { query: { limit, ...(cursor === null ? {} : { cursor }), ...(filter === '' ? {} : { action: filter }) } } }))
        }
      />
    </div>
  );
}
