import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { StoreDatabase } from '../schema.js';
import type { MessageChannel } from '../store.js';
import { listenForChanges } from './change-feed.js';

/** PostgreSQL refuses a NOTIFY payload of 8,000 bytes or more. */
export const MAX_MESSAGE_BYTES = 7_999;

/**
 * The channel name for `topic` in one installation: notifications reach every session of the database, whatever its
 * schema, so installations (or test runs) in different schemas of one database get different channels. Names are
 * identifiers of at most 63 bytes: the schema is hashed in.
 */
export function channelName(topic: string, schema: string | undefined): string {
  const installation = createHash('sha256')
    .update(schema ?? 'public')
    .digest('hex')
    .slice(0, 16);
  return `okta_evidence_${topic}_${installation}`;
}

/**
 * A MessageChannel over NOTIFY/LISTEN: messages are sent through the store's pool, in the order `publish` is called
 * (one at a time, so they cannot overtake each other on two pooled connections), and heard on a connection of its
 * own, opened by the first `listen`. `close` waits for the messages still to be sent.
 */
export function postgresMessageChannel(db: Kysely<StoreDatabase>, url: string, channel: string): MessageChannel & { close(): Promise<void> } {
  const handlers = new Set<(message: string) => void>();
  const feed = listenForChanges(url, channel, {
    applicationName: 'okta-evidence messages',
    onNotification: (payload) => {
      for (const handler of handlers) {
        try {
          handler(payload);
        } catch {
          // One listener's failure is its own; the connection and the other listeners go on.
        }
      }
    },
  });
  let sending: Promise<unknown> = Promise.resolve();
  return {
    publish(message) {
      if (Buffer.byteLength(message) > MAX_MESSAGE_BYTES) return Promise.reject(new RangeError(`A message is at most ${MAX_MESSAGE_BYTES} bytes.`));
      const sent = sending.then(() => sql`select pg_notify(${channel}, ${message})`.execute(db));
      sending = sent.catch(() => undefined);
      return sent.then(() => undefined);
    },
    listen(onMessage) {
      handlers.add(onMessage);
      feed.start();
      return () => handlers.delete(onMessage);
    },
    async close() {
      // Messages already published are sent before the store closes the pool under them.
      await sending;
      await feed.close();
    },
  };
}
