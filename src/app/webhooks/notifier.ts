import { deliverWebhook, type DeliveryDeps, type WebhookEvent, type WebhookEventType, type WebhookNotifier, type WebhookTarget } from './deliver.js';

export interface WebhookSubscription extends WebhookTarget {
  events: readonly WebhookEventType[];
}

export interface BackgroundNotifier extends WebhookNotifier {
  /** Resolves once every delivery started so far has ended (tests, and a clean shutdown). */
  idle(): Promise<void>;
}

/**
 * Delivers events to the subscribed webhooks in the background: `notify` returns at once, so a slow or dead receiver
 * never holds up the scheduler, and nothing it does can throw into the run.
 */
export function createWebhookNotifier(subscriptions: () => Promise<readonly WebhookSubscription[]>, delivery: DeliveryDeps): BackgroundNotifier {
  const pending = new Set<Promise<unknown>>();
  const deliverAll = async (events: readonly WebhookEvent[]): Promise<void> => {
    const targets = await subscriptions();
    await Promise.all(events.flatMap((event) => targets.filter((target) => target.events.includes(event.type)).map((target) => deliverWebhook(target, event, delivery))));
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
