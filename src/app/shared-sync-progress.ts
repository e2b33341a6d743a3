import { z } from 'zod';
import type { Logger } from '../config/runtime.js';
import { DATASET_IDS, DATASET_STATES } from '../store/types.js';
import type { MessageChannel } from '../store/store.js';
import type { SyncProgressEvent, SyncProgressHub } from './sync-progress-hub.js';

/*
 * On PostgreSQL a sync may run in any process of the installation (a `worker`, or the `serve` that took the job), and
 * its watchers may be on any `serve`. Each process running syncs relays their progress over the database's message
 * channel; each `serve` hears it and hands it to its own watchers. Progress is a live view, not a record: a message
 * lost while a connection is down is not sent again (the `sync` event, read from the store, still says when the sync
 * ends).
 */

/** A dataset's reason is cut to this many characters in a message, so that any message fits in one NOTIFY. */
const REASON_CHARS = 1_000;
/** Messages waiting to be sent beyond this are dropped: the database is not keeping up, and counts are soon stale. */
const QUEUE_LIMIT = 1_000;

const datasetStatus = z.object({
  dataset: z.enum(DATASET_IDS),
  state: z.enum(DATASET_STATES),
  count: z.number(),
  reason: z.string().optional(),
  permissionNeeded: z.string().optional(),
});

const progressEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('dataset'), dataset: z.string(), count: z.number(), total: z.number().optional() }),
  z.object({ type: z.literal('datasetFinished'), status: datasetStatus }),
  z.object({ type: z.literal('changesFound'), summary: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()])) }),
]);

const progressMessage = z.object({ from: z.string(), org: z.string(), event: progressEvent });

/** The event as sent: a long reason is shortened (an error's text can be long; NOTIFY takes < 8,000 bytes). */
function shortened(event: SyncProgressEvent): SyncProgressEvent {
  if (event.type !== 'datasetFinished' || (event.status.reason?.length ?? 0) <= REASON_CHARS) return event;
  return { ...event, status: { ...event.status, reason: `${event.status.reason?.slice(0, REASON_CHARS) ?? ''}…` } };
}

/**
 * Sends the progress of every sync this process runs (as `hub` coalesces it) to the other processes; a failure to send
 * is logged, never passed to the sync. Returns a function that stops relaying.
 */
export function relaySyncProgress(hub: SyncProgressHub, channel: MessageChannel, logger: Logger): () => void {
  let queued = 0;
  let warned = false;
  return hub.relayTo((org, event) => {
    if (queued >= QUEUE_LIMIT) return;
    queued += 1;
    channel
      .publish(JSON.stringify({ from: hub.id, org, event: shortened(event) }))
      .then(() => (warned = false))
      .catch((error: unknown) => {
        // Once per run of failures: a database that is down fails every message.
        if (!warned) logger.warn({ org, error: error instanceof Error ? error.message : String(error) }, 'sync progress: could not send it to the other processes');
        warned = true;
      })
      .finally(() => (queued -= 1));
  });
}

/**
 * Hands the progress other processes relay to `hub`'s watchers; its own messages (already delivered here) and
 * anything not shaped as a progress message are ignored. Returns a function that stops listening.
 */
export function hearSyncProgress(hub: SyncProgressHub, channel: MessageChannel): () => void {
  return channel.listen((text) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return;
    }
    const message = progressMessage.safeParse(parsed);
    if (!message.success || message.data.from === hub.id) return;
    hub.deliver(message.data.org, message.data.event);
  });
}
