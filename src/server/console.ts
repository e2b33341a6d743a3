import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { HttpProblem } from './problem.js';

/**
 * Where `npm run build` puts the web console (vite's outDir). From src/server/ (tsx) and dist/server/ (built) alike,
 * the repository root is two folders up.
 */
export const DEFAULT_CONSOLE_DIR = fileURLToPath(new URL('../../dist/console/', import.meta.url));

/** A path inside the console's folder: plain segments only (no `..`, no dot files), with a file extension. */
const ASSET_PATH = /^(?:[\w-]+\/)*[\w-][\w.-]*\.[a-z0-9]+$/i;

/**
 * Serves the built web console from the API's own process and port, Brotli- or gzip-compressed when the browser
 * accepts it (copies made at build time). Files of the build are public (the console
 * signs in through the API); every other path that is not under /api answers index.html, so the console's own
 * routes (/users, /setup, …) load the app. /api paths never fall back: an unknown one is 401 to an anonymous caller
 * and 404 otherwise, as before the console existed.
 */
export async function registerConsole(app: FastifyInstance, consoleDir: string): Promise<void> {
  const built = existsSync(`${consoleDir}/index.html`);
  // preCompressed: the build writes .br and .gz copies of its text files (scripts/vite-precompress.ts); a browser that
  // accepts them gets one, with no compression work per request.
  if (built) await app.register(fastifyStatic, { root: consoleDir, serve: false, preCompressed: true });

  app.get('/api/*', { config: { access: 'signedIn' }, schema: { hide: true } }, (request) => {
    throw new HttpProblem(404, 'NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0] ?? ''}: see /api/openapi.json.`);
  });

  app.get('/*', { config: { access: 'public' }, schema: { hide: true } }, (request, reply) => {
    if (!built) {
      return reply.code(503).type('text/plain; charset=utf-8').send('The web console is not built: run `npm run build`. The REST API answers under /api.\n');
    }
    const path = (request.params as { '*': string })['*'];
    // The answer depends on Accept-Encoding (a compressed copy or not): caches must key on it.
    void reply.header('vary', 'accept-encoding');
    if (ASSET_PATH.test(path)) {
      // Vite names every asset by its content hash: a year of caching is safe; index.html is never cached.
      const immutable = path.startsWith('assets/');
      return reply.sendFile(path, { maxAge: immutable ? 365 * 24 * 3600 * 1000 : 0, immutable, cacheControl: true });
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
  });
}
