import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The web console: web/ builds into dist/console/, which `okta-evidence serve` serves from the API's process and
 * port (src/server/console.ts). The output has no inline script or style, so the server's strict CSP holds.
 */
export default defineConfig({
  root: 'web',
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../dist/console',
    emptyOutDir: true,
    // The manifest lets the bench measure the first load (entry chunk and its static imports).
    manifest: true,
    // Vite inlines small assets as data: URLs; CSP allows data: images only, so keep everything a file.
    assetsInlineLimit: 0,
    // A module preload polyfill would be an inline-free script anyway; modern Chromium needs none.
    modulePreload: { polyfill: false },
  },
  server: {
    // `npx vite` (development): the API runs beside it, e.g. `npm start`.
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
