import { deliverWebhook, type DeliveryDeps, type DeliveryResult, type WebhookEvent, type WebhookEventType, type WebhookNotifier, type WebhookTarget } from './deliver.js';

export interface WebhookSubscription extends WebhookTarget {
  events: readonly WebhookEventType[];
}

export interface BackgroundNotifier extends WebhookNotifier {
  /** Resolves once every delivery started so far has ended (tests, and a clean shutdown). */
  idle(): Promise<void>;
}

/** One delivery as it ended, for the delivery log. */
export interface DeliveryReport {
  target: WebhookSubscription;
  event: WebhookEvent;
  result: DeliveryResult;
  startedAt: Date;
  endedAt: Date;
}

export interface NotifierOptions {
  /** Told of every delivery once it ends (the delivery log); a failure here is logged, never thrown. */
  record?: ((report: DeliveryReport) => Promise<void>) | undefined;
  /** Wall clock for the delivery log (default: the real one). */
  now?: (() => Date) | undefined;
}

/**
 * Delivers events to the subscribed webhooks in the background: `notify` returns at once, so a slow or dead receiver
 * never holds up the scheduler, and nothing it does can throw into the run.
 */
export function createWebhookNotifier(subscriptions: () => Promise<readonly WebhookSubscription[]>, delivery: DeliveryDeps, options: NotifierOptions = {}): BackgroundNotifier {
  const pending = new Set<Promise<unknown>>();
  const now = options.now ?? (() => new Date());
  const deliverOne = async (target: WebhookSubscription, event: WebhookEvent): Promise<void> => {
    const startedAt = now();
    const result = await deliverWebhook(target, event, delivery);
    await options.record?.({ target, event, result, startedAt, endedAt: now() }).catch((error: unknown) => {
      delivery.logger.warn({ webhookId: target.id, error: error instanceof Error ? error.message : String(error) }, 'webhook delivery not logged');
    });
  };
  const deliverAll = async (events: Parameters<WebhookNotifier['notify']>[0]): Promise<void> => {
    const targets = await subscriptions();
    if (targets.length === 0) return;
    const list = typeof events === 'function' ? await events() : events;
    await Promise.all(list.flatMap((event) => targets.filter((target) => (target.events as readonly string[]).includes(event.type)).map((target) => deliverOne(target, event))));
  };
  return {
    notify(events) {
      const work = deliverAll(events).catch((error: unknown) => {
        delivery.logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'webhook notification failed');
      });
      pending.add(work);
      void work.finally(() => pending.delete(work));
    },
    async idle() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}
