import { z } from 'zod';
import type { SyncRecord } from '../../app/read/vocabulary.js';
import { read } from '../auth/access.js';
import { orgParams } from './params.js';
import type { RouteDeps, ZodApp } from './route-deps.js';
import { problemResponses } from './schemas.js';

/**
 * Each progress event as an SSE frame, made once for all its watchers (the hub hands every watcher the same object):
 * with 100 watchers, serialising per watcher was 100 JSON.stringify calls per event in the sync's process.
 */
const frames = new WeakMap<object, string>();
function frameOf(event: string, data: object): string {
  let frame = frames.get(data);
  if (frame === undefined) frames.set(data, (frame = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
  return frame;
}

/** What decides whether a watcher is told about the newest sync again. */
function syncSignature(sync: SyncRecord | undefined): string {
  return sync === undefined ? '' : `${sync.id}:${sync.status}:${sync.requestsTotal}:${sync.endedAt?.getTime() ?? ''}`;
}

/**
 * Live sync progress as Server-Sent Events. `sync` events carry the org's newest sync record whenever it changes
 * (started, ended: also across processes, read from the store); `dataset`, `datasetFinished` and `changesFound`
 * events stream a sync this process runs as it happens. Comment lines keep idle streams open.
 */
export function registerSyncEventRoutes(app: ZodApp, deps: RouteDeps): void {
  // Open streams, ended when the server closes (they would otherwise hold it open for ever).
  const open = new Set<() => void>();
  app.addHook('onClose', () => {
    for (const end of [...open]) end();
  });
  app.get(
    '/api/orgs/:org/sync-events',
    {
      config: { access: read() },
      schema: {
        operationId: 'watchSyncEvents',
        tags: ['syncs'],
        summary: 'Server-Sent Events: the newest sync of the org (event `sync`) and the running sync’s progress per dataset.',
        params: orgParams,
        response: { 200: { description: 'An endless text/event-stream.', content: { 'text/event-stream': { schema: z.string() } } }, ...problemResponses },
      },
    },
    async (request, reply) => {
      const { org } = request.params;
      const raw = reply.raw;
      reply.hijack();
      // Hijacked: headers set earlier through the reply (security headers) are copied by hand.
      for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) raw.setHeader(name, value);
      raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', 'x-accel-buffering': 'no' });
      const send = (event: string, data: unknown): void => {
        if (!raw.writableEnded) raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      };
      let latest = await deps.store.syncs.latest(org);
      let signature = syncSignature(latest);
      send('sync', latest ?? null);
      const unsubscribe = deps.syncProgress?.subscribe(org, (event) => {
        if (!raw.writableEnded) raw.write(frameOf(event.type, event));
      });
      let checking = false;
      const timer = setInterval(() => {
        if (checking) return;
        checking = true;
        raw.write(': keep-alive\n\n');
        deps.store.syncs
          .latest(org)
          .then((newest) => {
            if (syncSignature(newest) !== signature) {
              latest = newest;
              signature = syncSignature(newest);
              send('sync', latest ?? null);
            }
          })
          .catch((error: unknown) => request.log.warn({ err: error }, 'sync events: could not read the newest sync'))
          .finally(() => {
            checking = false;
          });
      }, deps.sseHeartbeatMs);
      const end = (): void => {
        if (!open.delete(end)) return;
        clearInterval(timer);
        unsubscribe?.();
        if (!raw.writableEnded) raw.end();
      };
      open.add(end);
      request.raw.on('close', end);
      raw.on('close', end);
    },
  );
}
