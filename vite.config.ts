import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './scripts/vite-precompress.js';

/**
 * The web console: web/ builds into dist/console/, which `okta-evidence serve` serves from the API's process and
 * port (src/server/console.ts). The output has no inline script or style, so the server's strict CSP holds.
 */
export default defineConfig({
  root: 'web',
  base: '/',
  // Brotli and gzip copies of every text file, served by preCompressed @fastify/static (src/server/console.ts).
  plugins: [react(), precompress()],
  build: {
    outDir: '../dist/console',
    emptyOutDir: true,
    // The manifest lets the bench measure the first load (entry chunk and its static imports).
    manifest: true,
    // Vite inlines small assets as data: URLs; CSP allows data: images only, so keep everything a file.
    assetsInlineLimit: 0,
    // A module preload polyfill would be an inline-free script anyway; modern Chromium needs none.
    modulePreload: { polyfill: false },
    // Brotli at its best quality takes about 2 s of the build on purpose (once, instead of on every request): no
    // warning about that plugin's time.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  server: {
    // `npx vite` (development): the API runs beside it, e.g. `npm start`.
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
