import pg from 'pg';
import { CONNECT_TIMEOUT_MS } from './postgres-connection.js';

/** Waits between attempts to listen again after the connection was lost or could not be opened. */
const RETRY_MS = { first: 500, max: 30_000 };

/**
 * What a process knows about changes other processes make to some tables, learnt from PostgreSQL's LISTEN/NOTIFY.
 * `version()` changes with every notification; it is undefined whenever a change could go unseen: before the first
 * LISTEN has succeeded, and from the moment the connection is lost until it listens again (notifications sent
 * meanwhile are gone, so a reader must not trust anything it kept from before).
 */
export interface ChangeFeed {
  version(): number | undefined;
  /** Starts listening, if not yet started (`version()` does too). */
  start(): void;
  close(): Promise<void>;
}

/**
 * Listens on `channel` over a connection of its own (a pooled one would be returned and reused), and hands each
 * notification's payload to `onNotification`. Nothing connects until `start()` or `version()` is first called, so a
 * process that never asks (a CLI command) opens no extra connection.
 */
export function listenForChanges(url: string, channel: string, options: { applicationName: string; onNotification?: (payload: string) => void }): ChangeFeed {
  let started = false;
  let closed = false;
  let counter = 0;
  let listening = false;
  let client: pg.Client | undefined;
  let retryMs = RETRY_MS.first;
  let retryTimer: NodeJS.Timeout | undefined;

  async function listen(): Promise<void> {
    const candidate = new pg.Client({ connectionString: url, keepAlive: true, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, application_name: options.applicationName });
    const state = { lost: false };
    const onLost = () => {
      if (state.lost) return;
      state.lost = true;
      listening = false;
      if (client === candidate) client = undefined;
      candidate.removeAllListeners('notification');
      void candidate.end().catch(() => undefined);
      retryLater();
    };
    candidate.on('error', onLost);
    candidate.on('end', onLost);
    candidate.on('notification', (notification) => {
      counter += 1;
      options.onNotification?.(notification.payload ?? '');
    });
    try {
      await candidate.connect();
      await candidate.query(`listen ${pg.escapeIdentifier(channel)}`);
    } catch {
      onLost();
      return;
    }
    if (closed || state.lost) {
      await candidate.end().catch(() => undefined);
      return;
    }
    client = candidate;
    // Whatever a reader kept before this point may predate a notification nobody heard: a new version voids it.
    counter += 1;
    listening = true;
    retryMs = RETRY_MS.first;
  }

  function retryLater(): void {
    if (closed) return;
    retryTimer = setTimeout(() => void listen(), retryMs);
    retryTimer.unref();
    retryMs = Math.min(retryMs * 2, RETRY_MS.max);
  }

  function start(): void {
    if (started || closed) return;
    started = true;
    void listen();
  }

  return {
    version() {
      start();
      return listening ? counter : undefined;
    },
    start,
    async close() {
      closed = true;
      listening = false;
      clearTimeout(retryTimer);
      const open = client;
      client = undefined;
      open?.removeAllListeners();
      open?.on('error', () => undefined);
      await open?.end().catch(() => undefined);
    },
  };
}
