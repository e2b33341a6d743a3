import { createHmac } from 'node:crypto';
import type { Logger, Sleep } from '../../config/runtime.js';

/** What a webhook is told about. */
export const WEBHOOK_EVENTS = ['tests.newly_failing', 'tests.newly_fixed', 'sync.failed', 'connection.unhealthy'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];
/** What "send test delivery" sends: no webhook subscribes to it. */
export const TEST_EVENT = 'webhook.test';

export interface WebhookEvent {
  type: WebhookEventType | typeof TEST_EVENT;
  org: string;
  /** When it happened (ISO 8601). */
  occurredAt: string;
  /** One line a person reads (the Slack text). */
  summary: string;
  /** Machine-readable details: entity ids with their check, the sync id and its error, … */
  data: Record<string, unknown>;
}

/** One receiver as the delivery sees it; the secret is only ever used to sign, never logged or echoed. */
export interface WebhookTarget {
  id: string;
  url: string;
  secret: string;
  format: 'json' | 'slack';
}

export const SIGNATURE_HEADER = 'x-okta-evidence-signature';
export const TIMESTAMP_HEADER = 'x-okta-evidence-timestamp';

/**
 * `v1=` + hex HMAC-SHA256 of `<timestamp>.<body>`. The timestamp is signed with the body so a receiver can refuse
 * replays of an old delivery (the same scheme as Stripe's and Slack's signatures).
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** The body: the event as JSON, or a Slack incoming-webhook message (`text` plus a section block). */
export function webhookBody(event: WebhookEvent, format: WebhookTarget['format']): string {
  if (format === 'json') return JSON.stringify(event);
  const text = `[okta-evidence] ${event.org}: ${event.summary}`;
  return JSON.stringify({ text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] });
}

export interface DeliveryDeps {
  fetch: typeof fetch;
  sleep: Sleep;
  /** Seconds since the epoch, for the signature's timestamp. */
  nowSeconds: () => number;
  logger: Logger;
  /** Attempts in all (default 5). */
  maxAttempts?: number;
  /** The first wait between attempts; it doubles each time (default 1 s, so 1, 2, 4, 8 s). */
  baseDelayMs?: number;
  /** How long one attempt may take (default 10 s). */
  timeoutMs?: number;
}

export interface DeliveryResult {
  delivered: boolean;
  attempts: number;
  /** The last status, or the network error's name. */
  last: string;
  /** Why the last attempt failed (`HTTP 500`, `TimeoutError`, `ECONNREFUSED`); null when delivered. Never a URL or secret. */
  lastError: string | null;
}

/**
 * Posts one event to one receiver, retrying 5xx, 429 and network failures with exponential backoff up to
 * `maxAttempts`. It never throws: a receiver that is down is logged (without URL query or secret) and given up on,
 * because a notification must never fail the sync it reports.
 */
export async function deliverWebhook(target: WebhookTarget, event: WebhookEvent, deps: DeliveryDeps): Promise<DeliveryResult> {
  const maxAttempts = deps.maxAttempts ?? 5;
  const baseDelayMs = deps.baseDelayMs ?? 1000;
  const body = webhookBody(event, target.format);
  let last = 'not sent';
  let lastError: string | null = null;
  let attempts = 0;
  for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
    attempts = attempt;
    // Signed afresh per attempt: the timestamp says when this request was sent.
    const timestamp = deps.nowSeconds();
    try {
      const response = await deps.fetch(target.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'okta-evidence-webhook', [TIMESTAMP_HEADER]: String(timestamp), [SIGNATURE_HEADER]: signWebhook(target.secret, timestamp, body) },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(deps.timeoutMs ?? 10_000),
      });
      await response.body?.cancel();
      last = String(response.status);
      if (response.status >= 200 && response.status < 300) return { delivered: true, attempts: attempt, last, lastError: null };
      lastError = `HTTP ${response.status}`;
      // Other 4xx answers will not change on a retry (wrong URL, refused signature).
      if (response.status < 500 && response.status !== 429) break;
    } catch (error) {
      last = error instanceof Error ? error.name : 'error';
      lastError = networkErrorName(error);
    }
    if (attempt < maxAttempts) await deps.sleep(baseDelayMs * 2 ** (attempt - 1));
  }
  deps.logger.warn({ webhookId: target.id, origin: safeOrigin(target.url), event: event.type, attempts, last }, 'webhook not delivered');
  return { delivered: false, attempts, last, lastError };
}

/** The error's name and, for undici's `fetch failed`, the system code of its cause: never its message (it may hold the URL). */
function networkErrorName(error: unknown): string {
  if (!(error instanceof Error)) return 'error';
  const cause: unknown = error.cause;
  const code = typeof cause === 'object' && cause !== null && 'code' in cause && typeof cause.code === 'string' ? cause.code : undefined;
  return code === undefined ? error.name : `${error.name}: ${code}`;
}

/** Only scheme, host and port: a path or query may carry a token (Slack's webhook URLs do). */
function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'invalid URL';
  }
}

/**
 * Events, or how to work them out: a function runs in the background, and only when some webhook is enabled (the
 * tests diff of a 50,000-user org is not read for nobody).
 */
export type WebhookEvents = readonly WebhookEvent[] | (() => Promise<readonly WebhookEvent[]>);

/** What the scheduler calls when a run finishes; delivery happens in the background. */
export interface WebhookNotifier {
  notify(events: WebhookEvents): void;
}
