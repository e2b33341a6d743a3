import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './testing/server-kit.js';

describe('buildServer', () => {
  let server: TestServer;
  let admin: { cookie: string; csrf: string };
  beforeAll(async () => {
    server = await startTestServer();
    admin = await server.signIn('admin');
  });
  afterAll(() => server.close());

  it('answers /healthz without credentials, with security headers and a strict CSP', async () => {
    const response = await server.request('GET', '/healthz');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    // Without HTTPS in front, no HSTS (it would pin a browser to an https:// this server does not serve).
    expect(response.headers['strict-transport-security']).toBeUndefined();
    // A refused request carries them too.
    const refused = await server.request('GET', '/api/orgs');
    expect(refused.statusCode).toBe(401);
    expect(String(refused.headers['content-security-policy'])).toContain("default-src 'self'");
  });

  it('serves a generated OpenAPI 3.1 document to signed-in callers only', async () => {
    expect((await server.request('GET', '/api/openapi.json')).statusCode).toBe(401);
    const response = await server.request('GET', '/api/openapi.json', admin);
    expect(response.statusCode).toBe(200);
    const document = response.json<{ openapi: string; paths: Record<string, Record<string, { operationId?: string }>> }>();
    expect(document.openapi).toBe('3.1.0');
    expect(document.paths['/api/auth/login']?.post?.operationId).toBe('login');
    expect(document.paths['/api/openapi.json']).toBeUndefined();
  });

  it('hides which routes exist from anonymous callers and says 404 to signed-in ones, as problem+json', async () => {
    expect((await server.request('GET', '/api/nothing-here')).statusCode).toBe(401);
    const response = await server.request('GET', '/api/nothing-here', admin);
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ status: 404, code: 'NOT_FOUND', title: 'Not Found', type: 'about:blank' });
  });

  it('names every wrong field of the body and the query in a 400 problem', async () => {
    const body = await server.request('POST', '/api/admin/users', admin, { email: 'not-an-email', password: 'short', role: 'owner', extra: 1 });
    expect(body.statusCode).toBe(400);
    expect(body.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = body.json<{ code: string; errors: { field: string }[] }>();
    expect(problem.code).toBe('VALIDATION_FAILED');
    expect(problem.errors.map((error) => error.field).sort()).toEqual(['body', 'body.email', 'body.password', 'body.role']);

    const query = await server.request('GET', '/api/audit-log?limit=100000', admin);
    expect(query.statusCode).toBe(400);
    expect(query.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe('query.limit');
    const unknown = await server.request('GET', '/api/audit-log?colour=red', admin);
    expect(unknown.statusCode).toBe(400);
    const cursor = await server.request('GET', '/api/audit-log?cursor=bm9wZQ', admin);
    expect(cursor.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe('query.cursor');
  });

  it('refuses a 10 MB body with 413, JSON that is not JSON with 400, and a __proto__ key with 400, changing nothing', async () => {
    const before = (await server.store.serverAccounts.listUsers()).length;
    const huge = await server.app.inject({
      method: 'POST',
      url: '/api/admin/users',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' },
      payload: `{"email":"${'a'.repeat(10 * 1024 * 1024)}@example.com"}`,
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json()).toMatchObject({ code: 'BODY_TOO_LARGE' });
    const broken = await server.app.inject({ method: 'POST', url: '/api/admin/users', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' }, payload: '{"email":' });
    expect(broken.statusCode).toBe(400);
    const poisoned = await server.app.inject({
      method: 'POST',
      url: '/api/admin/users',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' },
      payload: '{"email":"p@example.com","password":"long enough password","role":"admin","__proto__":{"role":"admin","isAdmin":true}}',
    });
    expect(poisoned.statusCode).toBe(400);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect((await server.store.serverAccounts.listUsers()).length).toBe(before);
  });
});
