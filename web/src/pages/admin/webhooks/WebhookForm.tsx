import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type SyntheticEvent } from 'react';
import { useApi } from '../../../api/ApiContext';
import { ApiError, unwrap } from '../../../api/client';
import { Field } from '../../../components/Field';
import { ProblemMessage } from '../../../components/Problem';
import { WEBHOOK_EVENTS, webhookUrlError, type Webhook, type WebhookEvent, type WebhookFormat } from './webhook-input';

const FORMATS: readonly { format: WebhookFormat; text: string }[] = [
  { format: 'json', text: 'JSON: the event with its details, for your own receiver' },
  { format: 'slack', text: 'Slack-compatible: a text message a Slack (or Mattermost, Teams workflow) incoming webhook posts as is' },
];

interface Draft {
  name: string;
  url: string;
  events: WebhookEvent[];
  format: WebhookFormat;
  enabled: boolean;
}

function draftOf(webhook: Webhook | undefined): Draft {
  if (webhook === undefined) return { name: '', url: '', events: ['tests.newly_failing', 'sync.failed', 'connection.unhealthy'], format: 'json', enabled: true };
  const events = WEBHOOK_EVENTS.map((event) => event.id).filter((id) => webhook.events.includes(id));
  return { name: webhook.name, url: webhook.url, events, format: webhook.format, enabled: webhook.enabled };
}

/** Only what the admin changed, so an edit never rewrites fields nobody touched. */
function changesOf(before: Draft, after: Draft): Partial<Draft> {
  const changes: Partial<Draft> = {};
  if (after.name !== before.name) changes.name = after.name;
  if (after.url !== before.url) changes.url = after.url;
  if (after.events.join() !== before.events.join()) changes.events = after.events;
  if (after.format !== before.format) changes.format = after.format;
  if (after.enabled !== before.enabled) changes.enabled = after.enabled;
  return changes;
}

/**
 * Creates a webhook (then shows its signing secret, once) or edits one (`webhook` given; `onSaved` closes the editor).
 * The URL is checked as it is typed; at least one event must be chosen.
 */
export function WebhookForm({ webhook, onSaved }: { webhook?: Webhook; onSaved?: () => void }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const formId = useId();
  const [draft, setDraft] = useState(() => draftOf(webhook));
  const [urlTouched, setUrlTouched] = useState(false);
  const editing = webhook !== undefined;
  const save = useMutation({
    mutationFn: async (input: Draft) => {
      const body = { ...input, name: input.name.trim(), url: input.url.trim() };
      if (webhook === undefined) return { created: unwrap(await api.POST('/api/admin/webhooks', { body })) };
      unwrap(await api.PATCH('/api/admin/webhooks/{id}', { params: { path: { id: webhook.id } }, body: changesOf(draftOf(webhook), body) }));
      return { created: undefined };
    },
    onSuccess: async () => {
      if (!editing) {
        setDraft(draftOf(undefined));
        setUrlTouched(false);
      }
      await queryClient.invalidateQueries({ queryKey: ['admin-webhooks'] });
      onSaved?.();
    },
  });
  const urlError = webhookUrlError(draft.url);
  const serverError = save.error instanceof ApiError ? save.error : undefined;
  const valid = draft.name.trim() !== '' && urlError === undefined && draft.events.length > 0;
  const unchanged = editing && Object.keys(changesOf(draftOf(webhook), draft)).length === 0;

  function change(patch: Partial<Draft>) {
    setDraft({ ...draft, ...patch });
    if (!save.isPending) save.reset();
  }
  function toggleEvent(id: WebhookEvent, on: boolean) {
    change({ events: WEBHOOK_EVENTS.map((event) => event.id).filter((candidate) => (candidate === id ? on : draft.events.includes(candidate))) });
  }
  function submit(event: SyntheticEvent) {
    event.preventDefault();
    setUrlTouched(true);
    if (valid && !unchanged) save.mutate(draft);
  }

  const created = save.data?.created;
  return (
    <form className={editing ? undefined : 'card'} onSubmit={submit} aria-labelledby={editing ? undefined : `${formId}-title`} aria-label={editing ? `Edit ${webhook.name}` : undefined}>
      {editing ? null : <h3 id={`${formId}-title`}>Add a webhook</h3>}
      <Field label="Name" required value={draft.name} maxLength={100} hint="Who receives it, e.g. “#security-alerts”." error={serverError?.fieldError('body.name')} onChange={(event) => change({ name: event.target.value })} />
      <Field
        label="Receiver URL"
        type="url"
        required
        value={draft.url}
        hint={draft.url.trim().startsWith('http:') ? 'Plain http: sent in clear, only for a receiver on a trusted network.' : 'Where events are POSTed, signed (x-okta-evidence-signature).'}
        error={urlTouched || draft.url.trim() !== '' ? (urlError ?? serverError?.fieldError('body.url')) : undefined}
        onChange={(event) => change({ url: event.target.value })}
        onBlur={() => setUrlTouched(true)}
      />
      <fieldset aria-describedby={draft.events.length === 0 ? `${formId}-events-error` : undefined}>
        <legend>Events</legend>
        {WEBHOOK_EVENTS.map((event) => (
          <label key={event.id} className="checkbox">
            <input type="checkbox" checked={draft.events.includes(event.id)} onChange={(input) => toggleEvent(event.id, input.target.checked)} /> {event.text} <code>{event.id}</code>
          </label>
        ))}
        {draft.events.length === 0 ? (
          <p id={`${formId}-events-error`} className="field-error">
            Choose at least one event.
          </p>
        ) : null}
      </fieldset>
      <fieldset>
        <legend>Payload</legend>
        {FORMATS.map((option) => (
          <label key={option.format} className="checkbox">
            <input type="radio" name={`${formId}-format`} checked={draft.format === option.format} onChange={() => change({ format: option.format })} /> {option.text}
          </label>
        ))}
      </fieldset>
      <label className="checkbox">
        <input type="checkbox" checked={draft.enabled} onChange={(event) => change({ enabled: event.target.checked })} /> Enabled (a turned-off webhook keeps its settings and still takes a test)
      </label>
      {save.error !== null ? <ProblemMessage error={save.error} title={editing ? 'Not saved' : 'Webhook not added'} /> : null}
      {created !== undefined ? (
        <div className="notice" role="status">
          <p>
            <strong>Webhook {created.name} added. Copy its signing secret now: it is not shown again.</strong>
          </p>
          <p className="secret" aria-label="New webhook signing secret">
            {created.secret}
          </p>
          {created.warnings.map((warning) => (
            <p key={warning}>Note: {warning}.</p>
          ))}
        </div>
      ) : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={save.isPending || !valid || unchanged}>
          {editing ? 'Save webhook' : 'Add webhook'}
        </button>
        {editing ? (
          <button type="button" onClick={onSaved}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
