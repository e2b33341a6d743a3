import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sswsTokenId } from './ssws.js';
import { buildTestApp, SSWS_TOKEN, type TestApp } from './test-kit.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.app.close();
});

const get = (url: string, authorization?: string) =>
  t.app.inject({ method: 'GET', url, headers: authorization === undefined ? {} : { authorization } });

describe('SSWS API tokens', () => {
  it('accepts a known token and sets an ssws principal with a stable, non-secret token id', async () => {
    const response = await get('/api/v1/users?limit=2', `SSWS ${SSWS_TOKEN}`);
    expect(response.statusCode).toBe(200);
    const { principal } = response.json<{ principal: { kind: string; tokenId: string } }>();
    expect(principal).toEqual({ kind: 'ssws', tokenId: sswsTokenId(SSWS_TOKEN) });
    expect(principal.tokenId).toMatch(/^00T[A-Za-z0-9]{17}$/);
    expect(principal.tokenId).not.toContain(SSWS_TOKEN.slice(0, 8));
    expect(sswsTokenId(SSWS_TOKEN)).toBe(principal.tokenId);
  });

  it('carries every read scope: scoped routes need no OAuth scope', async () => {
    expect((await get('/api/v1/logs', `SSWS ${SSWS_TOKEN}`)).statusCode).toBe(200);
  });

  it.each([
    ['an unknown token', 'SSWS 00not-a-real-token'],
    ['a missing header', undefined],
    ['an unknown scheme', `Basic ${Buffer.from('a:b').toString('base64')}`],
    ['a scheme without a token', 'SSWS'],
  ])('answers %s with 401 E0000011', async (_case, authorization) => {
    const response = await get('/api/v1/users', authorization);
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ errorCode: 'E0000011', errorSummary: 'Invalid token provided', errorLink: 'E0000011' });
    expect(response.json<{ errorId: string }>().errorId).toMatch(/^oae/);
    expect(response.body).not.toContain('00not-a-real-token');
  });

  it('accepts the scheme in any case, as HTTP auth schemes are case-insensitive', async () => {
    expect((await get('/api/v1/users', `ssws ${SSWS_TOKEN}`)).statusCode).toBe(200);
  });

  it('leaves paths outside /api/v1 unauthenticated', async () => {
    expect((await get('/__sim/stats')).statusCode).toBe(200);
  });

  it('authenticates unknown /api/v1 paths before they are found missing', async () => {
    expect((await get('/api/v1/nope')).statusCode).toBe(401);
    expect((await get('/api/v1/nope', `SSWS ${SSWS_TOKEN}`)).statusCode).toBe(404);
  });

  it('revokes the token after N requests under the revokeTokenAfterRequests fault, read at request time', async () => {
    t.ctx.options.faults.revokeTokenAfterRequests = 2;
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await get('/api/v1/users', `SSWS ${SSWS_TOKEN}`)).statusCode);
    expect(statuses).toEqual([200, 200, 401, 401]);
    const revoked = await get('/api/v1/users', `SSWS ${SSWS_TOKEN}`);
    expect(revoked.json()).toMatchObject({ errorCode: 'E0000011' });

    t.ctx.options.faults.revokeTokenAfterRequests = null;
    expect((await get('/api/v1/users', `SSWS ${SSWS_TOKEN}`)).statusCode).toBe(200);
  });
});
