import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../database.js';
import type { MessageChannel, Store } from '../store.js';
import { eventually } from '../testing/eventually.js';
import { createFreshPostgresDatabase } from '../testing/fresh-postgres.js';
import { POSTGRES_HINT } from '../testing/test-backends.js';
import { channelName, MAX_MESSAGE_BYTES } from './message-channel.js';

const baseUrl = process.env.TEST_DATABASE_URL;

const PROBE = 'probe:';

/**
 * Listens until a probe published by `from` is heard: from then on the listener misses nothing `from` sends. Probes
 * (this listener's and others') are not kept in `messages`.
 */
async function heard(channel: MessageChannel, from: MessageChannel): Promise<{ messages: string[]; stop: () => void }> {
  const messages: string[] = [];
  const probe = `${PROBE}${Math.random()}`;
  let probed = false;
  const stop = channel.listen((message) => {
    if (message === probe) probed = true;
    else if (!message.startsWith(PROBE)) messages.push(message);
  });
  await eventually(() => probed, { attempt: () => from.publish(probe), everyMs: 20 });
  return { messages, stop };
}

function channelOf(store: Store): MessageChannel {
  if (store.syncProgressChannel === undefined) throw new Error('a PostgreSQL store has a sync progress channel');
  return store.syncProgressChannel;
}

describe.skipIf(baseUrl === undefined)(`PostgreSQL message channel${baseUrl === undefined ? ` (skipped: ${POSTGRES_HINT})` : ''}`, () => {
  // A database of its own with two installations in it: the public schema (two processes) and `second`.
  let fresh: { url: string; drop(): Promise<void> };
  let worker: Store;
  let server: Store;
  let otherInstallation: Store;
  beforeAll(async () => {
    fresh = await createFreshPostgresDatabase(baseUrl ?? '', 'messages');
    const admin = new pg.Client({ connectionString: fresh.url });
    await admin.connect();
    await admin.query('create schema second');
    await admin.end();
    worker = await openDatabase(fresh.url);
    server = await openDatabase(fresh.url);
    const second = new URL(fresh.url);
    second.searchParams.set('options', '-c search_path=second');
    otherInstallation = await openDatabase(second.toString());
  });
  afterAll(async () => {
    await Promise.all([worker.close(), server.close(), otherInstallation.close()]);
    await fresh.drop();
  });

  it('carries messages from one process to every listener of the installation, in the order sent, and no further', async () => {
    const serverSide = await heard(channelOf(server), channelOf(worker));
    const ownSide = await heard(channelOf(worker), channelOf(worker));
    const elsewhere = await heard(channelOf(otherInstallation), channelOf(otherInstallation));
    try {
      const sent = Array.from({ length: 50 }, (_, index) => JSON.stringify({ index, text: 'ünïcode ✓ "quoted" \\ back' }));
      // Not awaited one by one: publish keeps the order even when called faster than the pool sends.
      await Promise.all(sent.map((message) => channelOf(worker).publish(message)));
      await eventually(() => serverSide.messages.length === sent.length && ownSide.messages.length === sent.length);
      expect(serverSide.messages).toEqual(sent);
      expect(ownSide.messages).toEqual(sent);
      await channelOf(otherInstallation).publish('other installation');
      await eventually(() => elsewhere.messages.length === 1);
      expect(elsewhere.messages).toEqual(['other installation']);
      expect(serverSide.messages).toHaveLength(sent.length);
    } finally {
      serverSide.stop();
      ownSide.stop();
      elsewhere.stop();
    }
  });

  it('refuses a message PostgreSQL could not carry, and sends the next one', async () => {
    const serverSide = await heard(channelOf(server), channelOf(worker));
    try {
      await expect(channelOf(worker).publish('é'.repeat(MAX_MESSAGE_BYTES / 2 + 1))).rejects.toThrow(RangeError);
      const largest = 'x'.repeat(MAX_MESSAGE_BYTES);
      await channelOf(worker).publish(largest);
      await eventually(() => serverSide.messages.length === 1);
      expect(serverSide.messages).toEqual([largest]);
    } finally {
      serverSide.stop();
    }
  });

  it('sends what was published before the store closes', async () => {
    const closing = await openDatabase(fresh.url);
    const serverSide = await heard(channelOf(server), channelOf(closing));
    try {
      const sent = Array.from({ length: 20 }, (_, index) => `last words ${index}`);
      const publishing = Promise.all(sent.map((message) => channelOf(closing).publish(message)));
      await closing.close();
      await publishing;
      await eventually(() => serverSide.messages.length === sent.length);
      expect(serverSide.messages).toEqual(sent);
    } finally {
      serverSide.stop();
    }
  });

  it('names each installation’s channel apart, within PostgreSQL’s 63-byte identifiers', () => {
    const names = [channelName('sync_progress', 'public'), channelName('sync_progress', 'second'), channelName('sync_progress', 's'.repeat(63))];
    expect(new Set(names).size).toBe(3);
    for (const name of names) expect(name.length).toBeLessThanOrEqual(63);
  });
});
