import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './testing/server-kit.js';

const INDEX = '<!doctype html><div id="root"></div><script type="module" src="/assets/index-abc.js"></script>';
const SCRIPT = `console.log(${JSON.stringify('the console '.repeat(200))})`;

describe('the web console, served from the API’s process', () => {
  let server: TestServer;
  let unbuilt: TestServer;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'console-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), INDEX);
    writeFileSync(join(dir, 'assets', 'index-abc.js'), SCRIPT);
    // As the build's precompress plugin leaves them (scripts/vite-precompress.ts); the CSS has no compressed copy.
    writeFileSync(join(dir, 'assets', 'index-abc.js.br'), brotliCompressSync(SCRIPT));
    writeFileSync(join(dir, 'assets', 'index-abc.js.gz'), gzipSync(SCRIPT));
    writeFileSync(join(dir, 'assets', 'index-abc.css'), 'body{margin:0}');
    writeFileSync(join(dir, 'index.html.gz'), gzipSync(INDEX));
    writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    server = await startTestServer({ consoleDir: dir });
    unbuilt = await startTestServer({ consoleDir: join(dir, 'missing') });
  });
  afterAll(async () => {
    await server.close();
    await unbuilt.close();
  });

  it('answers index.html for console routes without credentials, under the strict CSP, never cached', async () => {
    for (const path of ['/', '/setup', '/users/00u1', '/integrations?x=1']) {
      const response = await server.request('GET', path);
      expect(response.statusCode, path).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.body).toContain('<div id="root">');
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(String(response.headers['content-security-policy'])).toContain("script-src 'self'");
    }
  });

  it('serves hashed assets as immutable files, and top-level files of the build', async () => {
    const asset = await server.request('GET', '/assets/index-abc.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await server.request('GET', '/favicon.svg')).statusCode).toBe(200);
  });

  it('sends the build’s compressed copy the browser accepts (Brotli first), the file itself otherwise, and varies on it', async () => {
    const get = (url: string, encoding?: string) => server.app.inject({ method: 'GET', url, headers: encoding === undefined ? {} : { 'accept-encoding': encoding } });
    const br = await get('/assets/index-abc.js', 'gzip, deflate, br, zstd');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.headers['cache-control']).toContain('immutable');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(SCRIPT);
    const gz = await get('/assets/index-abc.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(SCRIPT);
    const plain = await get('/assets/index-abc.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);
    const noCopy = await get('/assets/index-abc.css', 'br');
    expect([noCopy.headers['content-encoding'], noCopy.body]).toEqual([undefined, 'body{margin:0}']);
    // A console route answers the compressed index.html, still under the strict CSP and never cached.
    const page = await get('/users', 'gzip');
    expect(page.headers['content-encoding']).toBe('gzip');
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(gunzipSync(page.rawPayload).toString()).toBe(INDEX);
  });

  it('never falls back for /api: an unknown API path is 401 anonymous and 404 signed in', async () => {
    expect((await server.request('GET', '/api/nothing-here')).statusCode).toBe(401);
    const admin = await server.signIn('admin');
    const response = await server.request('GET', '/api/nothing-here', admin);
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('answers 404 for a missing file and never serves a path outside the build', async () => {
    expect((await server.request('GET', '/assets/missing-123.js')).statusCode).toBe(404);
    for (const path of ['/../package.json', '/assets/..%2f..%2fpackage.json', '/.vite/manifest.json']) {
      const response = await server.request('GET', path);
      expect(response.body, path).not.toContain('"name"');
    }
  });

  it('says how to build the console when it is not built', async () => {
    const response = await unbuilt.request('GET', '/');
    expect(response.statusCode).toBe(503);
    expect(response.body).toContain('npm run build');
  });
});
