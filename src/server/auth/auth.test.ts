import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_PASSWORD, startTestServer, type TestServer } from '../testing/server-kit.js';

const MINUTE = 60_000;

describe('authentication', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer({ loginAttemptsPerMinute: 100 });
  });
  afterEach(() => server.close());

  it('creates the first admin once with a setup link that lasts an hour, then signs them in', async () => {
    const { createAccounts } = await import('../../app/accounts/accounts.js');
    const accounts = createAccounts(server.store, () => server.now());
    expect((await server.request('GET', '/api/auth/setup')).json()).toEqual({ needed: true });
    const expired = await accounts.createSetupToken();
    server.advance(60 * MINUTE);
    const body = { token: expired?.token, email: 'first@example.com', password: 'a long enough password' };
    expect((await server.request('POST', '/api/auth/setup', undefined, body)).statusCode).toBe(403);

    const link = await accounts.createSetupToken();
    const weak = await server.request('POST', '/api/auth/setup', undefined, { ...body, token: link?.token, password: 'short' });
    expect(weak.statusCode).toBe(400);
    const created = await server.request('POST', '/api/auth/setup', undefined, { ...body, token: link?.token });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ user: { email: 'first@example.com', role: 'admin' } });
    const cookie = created.cookies.find((c) => c.name === 'oe_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(JSON.stringify(await server.store.serverAccounts.listUsers())).not.toContain(TEST_PASSWORD);

    // Used once; and no new link is made once a user exists.
    expect((await server.request('POST', '/api/auth/setup', undefined, { ...body, token: link?.token, email: 'second@example.com' })).statusCode).toBe(403);
    expect(await accounts.createSetupToken()).toBeUndefined();
    expect((await server.request('GET', '/api/auth/setup')).json()).toEqual({ needed: false });
  });

  it('ends a session after 30 minutes without use, and keeps it alive while used', async () => {
    const admin = await server.signIn('admin');
    server.advance(29 * MINUTE);
    expect((await server.request('GET', '/api/auth/me', admin)).statusCode).toBe(200);
    server.advance(29 * MINUTE);
    expect((await server.request('GET', '/api/auth/me', admin)).statusCode).toBe(200);
    server.advance(30 * MINUTE);
    const expired = await server.request('GET', '/api/auth/me', admin);
    expect(expired.statusCode).toBe(401);
    expect(expired.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('signs out: the cookie no longer works', async () => {
    const admin = await server.signIn('admin');
    expect((await server.request('POST', '/api/auth/logout', admin)).statusCode).toBe(204);
    expect((await server.request('GET', '/api/auth/me', admin)).statusCode).toBe(401);
  });

  it('locks an account for 15 minutes after 5 wrong passwords, without telling unknown emails apart', async () => {
    await server.signIn('auditor', { email: 'locked@example.com' });
    const attempt = (email: string, password: string) => server.request('POST', '/api/auth/login', undefined, { email, password });
    const unknown = await attempt('nobody@example.com', 'whatever password');
    const wrong = await attempt('locked@example.com', 'wrong password');
    expect([unknown.statusCode, wrong.statusCode]).toEqual([401, 401]);
    expect(unknown.json<{ detail: string }>().detail).toBe(wrong.json<{ detail: string }>().detail);
    for (let i = 0; i < 4; i += 1) await attempt('locked@example.com', 'wrong password');
    const locked = await attempt('locked@example.com', TEST_PASSWORD);
    expect(locked.statusCode).toBe(423);
    expect(locked.json()).toMatchObject({ code: 'ACCOUNT_LOCKED' });
    server.advance(15 * MINUTE);
    expect((await attempt('locked@example.com', TEST_PASSWORD)).statusCode).toBe(200);
    expect((await server.store.auditLog.list({ limit: 10, action: 'server-user.lock' })).length).toBe(1);
  });

  it('requires the CSRF token on cookie-authenticated changes, not on bearer ones', async () => {
    const admin = await server.signIn('admin');
    const body = { email: 'new@example.com', password: 'a long enough password', role: 'auditor' };
    const without = await server.app.inject({ method: 'POST', url: '/api/admin/users', headers: { cookie: admin.cookie }, payload: body });
    expect(without.statusCode).toBe(403);
    expect(without.json()).toMatchObject({ code: 'CSRF_TOKEN_INVALID' });
    const wrong = await server.app.inject({ method: 'POST', url: '/api/admin/users', headers: { cookie: admin.cookie, 'x-csrf-token': 'forged' }, payload: body });
    expect(wrong.statusCode).toBe(403);
    expect((await server.request('POST', '/api/admin/users', admin, body)).statusCode).toBe(201);
    const token = await server.token('admin', 'read-write');
    expect((await server.request('POST', '/api/admin/users', token, { ...body, email: 'other@example.com' })).statusCode).toBe(201);
  });

  it('accepts API tokens until they expire or are revoked; a read-only token cannot change anything', async () => {
    const readOnly = await server.token('admin', 'read', 1);
    expect((await server.request('GET', '/api/admin/users', readOnly)).statusCode).toBe(200);
    const refused = await server.request('POST', '/api/admin/users', readOnly, { email: 'x@example.com', password: 'a long enough password', role: 'auditor' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'TOKEN_READ_ONLY' });
    server.advance(24 * 60 * MINUTE);
    expect((await server.request('GET', '/api/auth/me', readOnly)).statusCode).toBe(401);

    const admin = await server.signIn('admin');
    const created = await server.request('POST', '/api/admin/tokens', admin, { name: 'ci', access: 'read', expiresInDays: 30 });
    expect(created.statusCode).toBe(201);
    const { id, secret } = created.json<{ id: string; secret: string }>();
    expect(secret).toMatch(/^oet_/);
    const listed = await server.request('GET', '/api/admin/tokens', admin);
    expect(listed.body).not.toContain(secret);
    expect(JSON.stringify(await server.store.serverAccounts.listTokens())).not.toContain(secret);
    expect((await server.request('GET', '/api/auth/me', { bearer: secret })).json()).toMatchObject({ via: 'token', canWrite: false });
    expect((await server.request('DELETE', `/api/admin/tokens/${id}`, admin)).statusCode).toBe(204);
    expect((await server.request('GET', '/api/auth/me', { bearer: secret })).statusCode).toBe(401);
    expect((await server.request('GET', '/api/auth/me', { bearer: 'x'.repeat(5000) })).statusCode).toBe(401);
  });

  it('ends every session of a user whose role changes, and never leaves the installation without an admin', async () => {
    const admin = await server.signIn('admin', { email: 'only-admin@example.com' });
    const auditor = await server.signIn('auditor', { email: 'auditor@example.com' });
    const auditorUser = await server.store.serverAccounts.findUserByEmail('auditor@example.com');
    const adminUser = await server.store.serverAccounts.findUserByEmail('only-admin@example.com');
    expect((await server.request('PATCH', `/api/admin/users/${auditorUser?.id ?? ''}`, admin, { role: 'reviewer', reviewAppIds: ['0oa1'] })).json()).toMatchObject({ role: 'reviewer', reviewAppIds: ['0oa1'] });
    expect((await server.request('GET', '/api/auth/me', auditor)).statusCode).toBe(401);
    const demote = await server.request('PATCH', `/api/admin/users/${adminUser?.id ?? ''}`, admin, { role: 'auditor' });
    expect(demote.statusCode).toBe(409);
    expect(demote.json()).toMatchObject({ code: 'LAST_ADMIN' });
    expect((await server.request('DELETE', `/api/admin/users/${adminUser?.id ?? ''}`, admin)).statusCode).toBe(409);
    const audit = await server.request('GET', '/api/audit-log?action=server-user.update', admin);
    expect(audit.json()).toMatchObject({ items: [{ actor: 'api:only-admin@example.com', details: { target: 'auditor@example.com', role: 'reviewer' } }] });
  });

  it('limits sign-in attempts per client address', async () => {
    const limited = await startTestServer({ loginAttemptsPerMinute: 3 });
    try {
      const statuses = [];
      for (let i = 0; i < 4; i += 1) statuses.push((await limited.request('POST', '/api/auth/login', undefined, { email: 'a@example.com', password: 'x' })).statusCode);
      expect(statuses).toEqual([401, 401, 401, 429]);
    } finally {
      await limited.close();
    }
  });
});
