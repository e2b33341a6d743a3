import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { defineScenario } from './scenario.js';

const TARGET_KB = 250;

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  css?: string[];
}

/**
 * The web console's first load: builds it as `npm run build` does and sums, gzipped, the JavaScript the browser must
 * fetch before the first page shows: the entry chunk and every chunk it imports statically (pages are lazy chunks,
 * fetched on navigation, so they are not counted; the largest page is reported beside it).
 */
export const consoleBundle = defineScenario({
  id: 'console-bundle',
  description: `web console: first-load JavaScript ≤ ${TARGET_KB} KB gzipped`,
  async run() {
    const outDir = mkdtempSync(join(tmpdir(), 'console-bundle-'));
    try {
      await build({ configFile: resolve('vite.config.ts'), logLevel: 'silent', build: { outDir, emptyOutDir: true } });
      const manifest = JSON.parse(readFileSync(join(outDir, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
      const gzipped = (file: string) => gzipSync(readFileSync(join(outDir, file))).length;
      const firstLoad = new Set<string>();
      const visit = (key: string) => {
        const chunk = manifest[key];
        if (chunk === undefined || firstLoad.has(chunk.file)) return;
        firstLoad.add(chunk.file);
        for (const imported of chunk.imports ?? []) visit(imported);
      };
      for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry === true) visit(key);
      const firstLoadKb = [...firstLoad].reduce((sum, file) => sum + gzipped(file), 0) / 1024;
      // What the server actually sends a browser that accepts Brotli: the build's .br copies (scripts/vite-precompress.ts).
      const brotliKb = [...firstLoad].reduce((sum, file) => sum + statSync(join(outDir, existsSync(join(outDir, `${file}.br`)) ? `${file}.br` : file)).size, 0) / 1024;
      const lazy = Object.values(manifest).filter((chunk) => !firstLoad.has(chunk.file) && chunk.file.endsWith('.js'));
      const largestLazyKb = Math.max(0, ...lazy.map((chunk) => gzipped(chunk.file))) / 1024;
      const cssKb = Object.values(manifest).flatMap((chunk) => chunk.css ?? []).filter((file, index, all) => all.indexOf(file) === index).reduce((sum, file) => sum + gzipped(file), 0) / 1024;
      return {
        scenario: 'console-bundle',
        figures: { firstLoadJsGzKb: Number(firstLoadKb.toFixed(1)), firstLoadJsServedBrKb: Number(brotliKb.toFixed(1)), firstLoadChunks: firstLoad.size, lazyChunks: lazy.length, largestLazyChunkGzKb: Number(largestLazyKb.toFixed(1)), cssGzKb: Number(cssKb.toFixed(1)) },
        target: `first-load JS ≤ ${TARGET_KB} KB gzipped`,
        passed: firstLoadKb <= TARGET_KB,
      };
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  },
});
