/**
 * Outbound webhooks as stored (migration 0010). The signing secret is never part of a record: it is stored sealed and
 * read only by the delivery (`readSealedSecret`), so no list or answer built from a record can carry it.
 */

export const WEBHOOK_FORMATS = ['json', 'slack'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

export interface WebhookRecord {
  id: string;
  name: string;
  /** Where events are POSTed (https, or http on loopback). */
  url: string;
  /** The event types it is subscribed to (the application declares them). */
  events: string[];
  format: WebhookFormat;
  enabled: boolean;
  /** Who created it (`api:<email>`, `cli:<os user>`). */
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

/** One event delivered (or given up on) to one webhook, with all its attempts. */
export interface WebhookDeliveryRecord {
  id: string;
  webhookId: string;
  /** The event's type, or `webhook.test` for a test delivery. */
  eventType: string;
  org: string | null;
  startedAt: Date;
  endedAt: Date;
  attempts: number;
  delivered: boolean;
  /** The last answer's HTTP status, or the network error's name. */
  lastStatus: string;
  /** Why the last attempt failed; never a URL, payload or secret. Null when delivered. */
  lastError: string | null;
}

export type WebhookChanges = Partial<Pick<WebhookRecord, 'name' | 'url' | 'events' | 'format' | 'enabled'>>;

export interface WebhookRepository {
  /**
   * Stores a new webhook; `sealSecret` seals its secret once the id is known (the id is bound into the sealed value, so
   * a sealed secret pasted into another webhook's row does not open).
   */
  create(input: Omit<WebhookRecord, 'id' | 'updatedAt'>, sealSecret: (id: string) => string): Promise<WebhookRecord>;
  get(id: string): Promise<WebhookRecord | undefined>;
  /** Oldest first. */
  list(): Promise<WebhookRecord[]>;
  /** Undefined when there is no such webhook. */
  update(id: string, changes: WebhookChanges, at: Date): Promise<WebhookRecord | undefined>;
  /** Deletes the webhook with its delivery log; false when there was none. */
  remove(id: string): Promise<boolean>;
  readSealedSecret(id: string): Promise<string | undefined>;
  /** Every webhook's sealed secret, for key rotation. */
  listSealedSecrets(): Promise<{ id: string; name: string; sealedSecret: string }[]>;
  /** Replaces a sealed secret (key rotation, or a new secret). */
  resealSecret(id: string, sealedSecret: string): Promise<void>;
  /** Records a delivery and keeps only the webhook's `keep` newest ones (default 500). */
  recordDelivery(input: Omit<WebhookDeliveryRecord, 'id'>, options?: { keep?: number }): Promise<WebhookDeliveryRecord>;
  /** Newest first; `before` is the last id of the previous page. */
  listDeliveries(webhookId: string, options: { limit: number; before?: string | undefined }): Promise<WebhookDeliveryRecord[]>;
}
