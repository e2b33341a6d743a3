import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { useState } from 'react';
import { useApi } from '../../../api/ApiContext';
import { unwrap, type Schemas } from '../../../api/client';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { Dialog } from '../../../components/Dialog';
import { PaginatedTable } from '../../../components/PaginatedTable';
import { ProblemMessage } from '../../../components/Problem';
import { ScrollBox } from '../../../components/ScrollBox';
import { formatTime } from '../../integrations/connection-state';
import { receiverOf, type Webhook } from './webhook-input';
import { WebhookForm } from './WebhookForm';

type Delivery = Schemas['WebhookDelivery'];

/** Outbound webhooks (admins): the list, add and edit, Send test, each one's recent deliveries, delete after a confirm. */
export function Webhooks() {
  const api = useApi();
  const webhooks = useQuery({ queryKey: ['admin-webhooks'], queryFn: async () => unwrap(await api.GET('/api/admin/webhooks')).items });
  const [shownId, setShownId] = useState<string | null>(null);
  const [editing, setEditing] = useState<Webhook | null>(null);
  const [deleting, setDeleting] = useState<Webhook | null>(null);
  const shown = webhooks.data?.find((webhook) => webhook.id === shownId);
  return (
    <div>
      <h2>Webhooks</h2>
      <p className="muted">
        Tell a receiver (Slack, a SIEM, your own endpoint) when entities start or stop failing a test, a sync fails, or a connection turns unhealthy. Each POST is signed with the webhook’s secret
        (<code>x-okta-evidence-signature</code>); failed deliveries are retried up to 5 times.
      </p>
      {webhooks.error !== null ? <ProblemMessage error={webhooks.error} /> : null}
      <ScrollBox label="Webhooks (scrolls sideways)">
        <table>
          <caption>Webhooks</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Receiver</th>
              <th scope="col">Events</th>
              <th scope="col">Payload</th>
              <th scope="col">State</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {webhooks.data?.map((webhook) => (
              <tr key={webhook.id} aria-current={webhook.id === shownId ? 'true' : undefined}>
                <td>{webhook.name}</td>
                <td>
                  <code>{receiverOf(webhook.url)}</code>
                </td>
                <td>{webhook.events.join(', ')}</td>
                <td>{webhook.format === 'slack' ? 'Slack' : 'JSON'}</td>
                <td>{webhook.enabled ? 'enabled' : 'off'}</td>
                <td>
                  <div className="actions">
                    <button type="button" onClick={() => setShownId(webhook.id)} aria-label={`Deliveries of ${webhook.name}`}>
                      Deliveries
                    </button>
                    <button type="button" onClick={() => setEditing(webhook)} aria-label={`Edit ${webhook.name}`}>
                      Edit
                    </button>
                    <button type="button" className="danger" onClick={() => setDeleting(webhook)} aria-label={`Delete ${webhook.name}`}>
                      Delete…
                    </button>
                  </div>
                </td>
              </tr>
            ))}
            {webhooks.data?.length === 0 ? (
              <tr>
                <td colSpan={6}>No webhook yet.</td>
              </tr>
            ) : null}
            {webhooks.isPending ? (
              <tr>
                <td colSpan={6}>Loading…</td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </ScrollBox>
      {shown === undefined ? null : <WebhookDeliveries key={shown.id} webhook={shown} />}
      <WebhookForm />
      {editing === null ? null : (
        <Dialog title={`Edit ${editing.name}`} onClose={() => setEditing(null)}>
          <WebhookForm webhook={editing} onSaved={() => setEditing(null)} />
        </Dialog>
      )}
      {deleting === null ? null : (
        <DeleteWebhook
          webhook={deleting}
          onClose={(deleted) => {
            if (deleted && deleting.id === shownId) setShownId(null);
            setDeleting(null);
          }}
        />
      )}
    </div>
  );
}

const column = createColumnHelper<Delivery>();
const DELIVERY_COLUMNS = [
  column.accessor('startedAt', { header: 'When', cell: (cell) => formatTime(cell.getValue()) }),
  column.accessor('eventType', { header: 'Event', cell: (cell) => <code>{cell.getValue()}</code> }),
  column.accessor('delivered', { header: 'Outcome', cell: (cell) => <span className={`state ${cell.getValue() ? 'state-ok' : 'state-bad'}`}>{cell.getValue() ? 'delivered' : 'failed'}</span> }),
  column.accessor('attempts', { header: 'Attempts', cell: (cell) => attemptsText(cell.getValue()) }),
  column.accessor('lastStatus', { header: 'Last status' }),
  column.accessor('lastError', { header: 'Error', cell: (cell) => cell.getValue() ?? '—' }),
];

function attemptsText(attempts: number): string {
  const retries = attempts - 1;
  return retries <= 0 ? String(attempts) : `${attempts} (${retries} ${retries === 1 ? 'retry' : 'retries'})`;
}

/** One webhook's recent deliveries, newest first, with Send test (one signed webhook.test event, answered now). */
function WebhookDeliveries({ webhook }: { webhook: Webhook }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const sendTest = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/admin/webhooks/{id}/test', { params: { path: { id: webhook.id } } })),
    onSuccess: async () => queryClient.invalidateQueries({ queryKey: ['webhook-deliveries', webhook.id] }),
  });
  const result = sendTest.data;
  return (
    <section className="card" aria-labelledby="deliveries-title">
      <div className="card-header">
        <h3 id="deliveries-title">Deliveries of {webhook.name}</h3>
        <button type="button" onClick={() => sendTest.mutate()} disabled={sendTest.isPending}>
          {sendTest.isPending ? 'Sending…' : 'Send test'}
        </button>
      </div>
      {sendTest.error !== null ? <ProblemMessage error={sendTest.error} title="Test not sent" /> : null}
      {result === undefined ? null : result.delivered ? (
        <p role="status" className="success">
          Test delivered: the receiver answered {result.lastStatus}.
        </p>
      ) : (
        <p role="status" className="problem">
          Test not delivered: {result.lastStatus}
          {result.lastError === null ? '' : ` (${result.lastError})`}. Check the URL and that the receiver is reachable from this server.
        </p>
      )}
      <PaginatedTable<Delivery>
        label={`Deliveries of ${webhook.name}, newest first`}
        queryKey={['webhook-deliveries', webhook.id]}
        columns={DELIVERY_COLUMNS}
        getRowId={(delivery) => delivery.id}
        pageSize={25}
        empty="No delivery yet: Send test tries one now."
        fetchPage={async ({ cursor, limit }) => unwrap(await api.GET('/api/admin/webhooks/{id}/deliveries', { params: { path: { id: webhook.id }, query: { limit, ...(cursor === null ? {} : { cursor }) } } }))}
      />
    </section>
  );
}

function DeleteWebhook({ webhook, onClose }: { webhook: Webhook; onClose: (deleted: boolean) => void }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: async () => unwrap(await api.DELETE('/api/admin/webhooks/{id}', { params: { path: { id: webhook.id } } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['admin-webhooks'] });
      onClose(true);
    },
  });
  return (
    <ConfirmDialog title={`Delete ${webhook.name}?`} confirmLabel="Delete" errorTitle="Not deleted" action={remove} onClose={() => onClose(false)}>
      <p>
        {receiverOf(webhook.url)} stops receiving events, and the webhook’s delivery log is deleted with it. The audit log keeps the record.
      </p>
    </ConfirmDialog>
  );
}
