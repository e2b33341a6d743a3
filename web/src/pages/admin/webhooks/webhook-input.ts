import type { Schemas } from '../../../api/client';

export type Webhook = Schemas['Webhook'];
export type WebhookFormat = Webhook['format'];

/** The events a webhook can subscribe to (src/app/webhooks/deliver.ts WEBHOOK_EVENTS), in the words of the form. */
export const WEBHOOK_EVENTS = [
  { id: 'tests.newly_failing', text: 'Entities newly failing a test after a sync' },
  { id: 'tests.newly_fixed', text: 'Entities newly fixed after a sync' },
  { id: 'sync.failed', text: 'A sync failed, timed out or could not start' },
  { id: 'connection.unhealthy', text: 'A connection turned unhealthy' },
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number]['id'];

/**
 * What is wrong with a receiver URL as typed, or undefined when the server will take it: http(s), no user name or
 * password (the server refuses both; saying so as the admin types saves a round trip).
 */
export function webhookUrlError(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return 'The receiver’s URL, e.g. https://hooks.slack.com/services/…';
  if (trimmed.length > 2_000) return 'At most 2,000 characters.';
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return 'Not a URL: write it whole, starting with https://';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `An http(s) URL, not ${url.protocol}`;
  if (url.username !== '' || url.password !== '') return 'No user name or password in the URL: the body is signed with the webhook’s secret instead.';
  return undefined;
}

/**
 * The receiver as a table shows it: the origin only, as the audit log records it, because a Slack incoming-webhook
 * URL's path is its token.
 */
export function receiverOf(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.pathname === '/' && parsed.search === '' ? parsed.origin : `${parsed.origin}/…`;
  } catch {
    return url;
  }
}
