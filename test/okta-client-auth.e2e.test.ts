import { describe, expect, it } from 'vitest';
import { createSswsAuth } from '../src/okta/auth/ssws.js';
import { isOktaClientError, type OktaClientError } from '../src/okta/errors.js';
import {
  clientFor,
  fetchSimStats,
  generateClientKey,
  idsOf,
  noAbort,
  oauthClient,
  sswsClient,
  startTestSimulator,
  type ClientKeyPair,
} from './okta-client-kit.js';

/** The rejection of `promise`, which must be an OktaClientError. */
async function oktaErrorOf(promise: Promise<unknown>): Promise<OktaClientError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isOktaClientError(error)) throw new Error(`expected an OktaClientError, got ${String(error)}`);
  return error;
}

/** Every text an error can leak through: message, JSON record, string form, stack. */
function everyTextOf(error: OktaClientError): string {
  return [error.message, JSON.stringify(error), String(error), error.stack ?? ''].join('\n');
}

describe('Okta client with an SSWS API token against the simulator', () => {
  it('pages through every user with search=status pr, deprovisioned users included', async () => {
    const sim = await startTestSimulator({ users: 450, seed: 11 });
    const client = sswsClient(sim);

    const pages = client.paginate('/api/v1/users', { signal: noAbort(), query: { search: 'status pr', limit: 200 } });
    const { items, summary } = await pages.collect();

    const orgIds = sim.org.users.map((u) => u.id);
    expect(summary).toMatchObject({ finished: true, complete: true, pages: 3, items: 450 });
    expect(summary.error).toBeUndefined();
    expect(new Set(idsOf(items))).toEqual(new Set(orgIds));
    expect(items).toHaveLength(orgIds.length); // no duplicates across pages
    const deprovisioned = sim.org.users.filter((u) => u.status === 'DEPROVISIONED').map((u) => u.id);
    expect(deprovisioned.length).toBeGreaterThan(0);
    expect(idsOf(items)).toEqual(expect.arrayContaining(deprovisioned));
    expect(client.stats()).toMatchObject({ requests: 3, retries: 0, throttled: 0 });
  });

  it('reports a wrong token as OKTA_TOKEN_INVALID with the fix, never quoting the token', async () => {
    const sim = await startTestSimulator({ users: 10 });
    const wrongToken = '00wrongTOKENabcdefghijklmnopqrstuvwxyz01234';
    const client = clientFor(sim, createSswsAuth(wrongToken));

    const error = await oktaErrorOf(client.get('/api/v1/users', { signal: noAbort(), query: { limit: 5 } }));
    expect(error).toMatchObject({ code: 'OKTA_TOKEN_INVALID', status: 401, oktaErrorCode: 'E0000011', request: 'GET /api/v1/users' });
    expect(error.message).toContain('create a new one at Security › API › Tokens');
    expect(error.requestId).toBeTruthy();
    expect(everyTextOf(error)).not.toContain(wrongToken);
    expect(everyTextOf(error)).not.toContain(wrongToken.slice(0, 20));

    // The same through pagination: the summary records the error, still without the token.
    const { summary } = await client.paginate('/api/v1/users', { signal: noAbort() }).collect();
    expect(summary).toMatchObject({ complete: false, pages: 0 });
    expect(summary.error?.code).toBe('OKTA_TOKEN_INVALID');
    expect(JSON.stringify(summary)).not.toContain(wrongToken);
  });

  it('never quotes the accepted token in the errors of an authenticated session', async () => {
    const sim = await startTestSimulator({ users: 10 });
    const client = sswsClient(sim);
    const error = await oktaErrorOf(client.get('/api/v1/users/00unotthere0000000000', { signal: noAbort() }));
    expect(error.code).toBe('OKTA_NOT_FOUND');
    expect(everyTextOf(error)).not.toContain(sim.token);
  });
});

// The client's default DPoP mode, `auto`, against apps with and without DPoP; `false` (never send proofs) against a Bearer app.
describe.each([
  { alg: 'RS256', requireDpop: true, dpop: 'auto' },
  { alg: 'ES256', requireDpop: true, dpop: 'auto' },
  { alg: 'RS256', requireDpop: false, dpop: 'auto' },
  { alg: 'ES256', requireDpop: false, dpop: false },
] as const)('Okta client with OAuth ($alg, app requires DPoP: $requireDpop, client dpop: $dpop) against the simulator', ({ alg, requireDpop, dpop }) => {
  const clientId = `0oa-${alg.toLowerCase()}-${requireDpop ? 'dpop' : 'bearer'}`;
  let key: ClientKeyPair | undefined;
  const keyFor = async (): Promise<ClientKeyPair> => (key ??= await generateClientKey(alg));

  it('lists users across several pages, DPoP page 2+ included, with no protocol violations', async () => {
    const k = await keyFor();
    const sim = await startTestSimulator({ users: 120, oauthClients: [{ clientId, publicKey: k.publicKeyText, requireDpop }] });
    const client = oauthClient(sim, { clientId, key: k, dpop });

    const { items, summary } = await client.paginate('/api/v1/users', { signal: noAbort(), query: { limit: 25, search: 'status pr' } }).collect();
    expect(summary).toMatchObject({ complete: true, pages: 5, items: 120 });
    expect(summary.error).toBeUndefined();
    expect(new Set(idsOf(items))).toEqual(new Set(sim.org.users.map((u) => u.id)));
    const stats = await fetchSimStats(sim);
    expect(stats.protocolViolations).toEqual([]);
    // One token: with DPoP, the first token POST draws `use_dpop_nonce` and the second succeeds.
    expect(stats.tokenRequests).toBe(requireDpop ? 2 : 1);
    expect(client.stats()).toMatchObject({ retries: 0, challenges: 0 });
  });

  it('names the missing scope when the app lacks one (OKTA_SCOPE_MISSING)', async () => {
    const k = await keyFor();
    const sim = await startTestSimulator({ users: 10, oauthClients: [{ clientId, publicKey: k.publicKeyText, requireDpop, scopes: ['okta.users.read'] }] });
    const client = oauthClient(sim, { clientId, key: k, dpop, scopes: ['okta.users.read'] });

    await expect(client.get('/api/v1/users', { signal: noAbort(), query: { limit: 1 } })).resolves.toHaveLength(1);
    const error = await oktaErrorOf(client.get('/api/v1/logs', { signal: noAbort(), query: { limit: 1 } }));
    expect(error).toMatchObject({ code: 'OKTA_SCOPE_MISSING', status: 403 });
    expect(error.message).toContain('okta.logs.read');
  });

  it('reports a key that does not match the registered one as OKTA_OAUTH_TOKEN_FAILED', async () => {
    const registered = await keyFor();
    const other = await generateClientKey(alg);
    const sim = await startTestSimulator({ users: 10, oauthClients: [{ clientId, publicKey: registered.publicKeyText, requireDpop }] });
    const client = oauthClient(sim, { clientId, key: other, dpop });

    const error = await oktaErrorOf(client.get('/api/v1/users', { signal: noAbort() }));
    expect(error).toMatchObject({ code: 'OKTA_OAUTH_TOKEN_FAILED', oktaErrorCode: 'invalid_client' });
    expect(error.message).toContain(clientId);
    expect(everyTextOf(error)).not.toMatch(/eyJ[A-Za-z0-9_-]{20,}/); // no client assertion or proof
  });

  it('fetches one token for 20 concurrent calls', async () => {
    const k = await keyFor();
    const sim = await startTestSimulator({ users: 40, oauthClients: [{ clientId, publicKey: k.publicKeyText, requireDpop }] });
    const client = oauthClient(sim, { clientId, key: k, dpop });

    const ids = sim.org.users.slice(0, 20).map((u) => u.id);
    const factors = await Promise.all(ids.map((id) => client.get<unknown[]>(`/api/v1/users/${id}/factors`, { signal: noAbort() })));
    expect(factors).toHaveLength(20);
    for (const list of factors) expect(Array.isArray(list)).toBe(true);
    const stats = await fetchSimStats(sim);
    // With DPoP the token endpoint is hit twice for the one token: the nonce challenge, then the issue.
    expect(stats.tokenRequests).toBe(requireDpop ? 2 : 1);
    expect(stats.requestsByBucket['GET /api/v1/users']).toBe(20);
    expect(stats.protocolViolations).toEqual([]);
  });
});
