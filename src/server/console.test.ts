import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './testing/server-kit.js';

describe('the web console, served from the API’s process', () => {
  let server: TestServer;
  let unbuilt: TestServer;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'console-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="root"></div><script type="module" src="/assets/index-abc.js"></script>');
    writeFileSync(join(dir, 'assets', 'index-abc.js'), 'console.log(1)');
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
