/**
 * Test helpers for the auth tests: a minimal app (auth + two scoped routes), a fake clock, key pairs, and signed
 * client assertions and DPoP proofs. Not used by the simulator itself.
 */
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import type { SimContext } from '../context.js';
import { simulatorOptionsSchema } from '../options.js';
import { buildOrg } from '../org/build.js';
import { newStats } from '../stats.js';
import { CLIENT_ASSERTION_TYPE } from './client-assertion.js';
import { resolveOAuthClients } from './clients.js';
import { accessTokenHash } from './dpop-proof.js';
import { registerAuth } from './index.js';

export const BASE_URL = 'http://127.0.0.1:9999';
export const TOKEN_URL = `${BASE_URL}/oauth2/v1/token`;
export const SSWS_TOKEN = '00test-ssws-token-0123456789abcdefghijkl';
export const START_MS = Date.parse('2026-06-01T12:00:00Z');

export interface FakeClock {
  now: number;
  advance(ms: number): void;
}

export function fakeClock(start = START_MS): FakeClock {
  return {
    now: start,
    advance(ms) {
      this.now += ms;
    },
  };
}

export interface TestKey {
  alg: 'RS256' | 'ES256';
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export async function makeKey(alg: 'RS256' | 'ES256', kid?: string): Promise<TestKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg);
  const publicJwk = await exportJWK(publicKey);
  return { alg, privateKey, publicJwk: kid === undefined ? publicJwk : { ...publicJwk, kid } };
}

export interface TestClient {
  clientId: string;
  key: TestKey;
  requireDpop?: boolean;
  scopes?: string[];
}

export interface TestApp {
  app: FastifyInstance;
  ctx: SimContext;
  clock: FakeClock;
}

/** Auth plus `/api/v1/users` (okta.users.read), `/api/v1/logs` (okta.logs.read) and an unauthenticated `/__sim/stats`. */
export async function buildTestApp(clients: TestClient[] = []): Promise<TestApp> {
  const clock = fakeClock();
  const org = buildOrg({ sswsTokens: [SSWS_TOKEN] });
  org.oauthClients.push(
    ...(await resolveOAuthClients(
      clients.map((c) => ({
        clientId: c.clientId,
        publicKey: JSON.stringify(c.key.publicJwk),
        requireDpop: c.requireDpop ?? true,
        ...(c.scopes ? { scopes: c.scopes } : {}),
      })),
    )),
  );
  const ctx: SimContext = { org, options: simulatorOptionsSchema.parse({}), stats: newStats(), clock: () => clock.now, baseUrl: BASE_URL };
  const app = Fastify({ logger: false });
  registerAuth(app, ctx);
  app.get('/api/v1/users', { config: { scope: 'okta.users.read' } }, (request, reply) => reply.send({ principal: request.principal }));
  app.get('/api/v1/logs', { config: { scope: 'okta.logs.read' } }, (_request, reply) => reply.send([]));
  app.get('/__sim/stats', (_request, reply) => reply.send(ctx.stats));
  await app.ready();
  return { app, ctx, clock };
}

const seconds = (ms: number): number => Math.floor(ms / 1000);

export interface AssertionOptions {
  clientId: string;
  key: TestKey;
  nowMs: number;
  aud?: string;
  /** Seconds since the epoch; `null` leaves the claim out. Default: now + 5 min. */
  exp?: number | null;
  iat?: number;
  /** Default: a random UUID; `null` leaves the claim out. */
  jti?: string | null;
  iss?: string;
  sub?: string;
  /** Header kid; default: the key's kid. */
  kid?: string;
  /** Sign with this key instead (e.g. a key the client never registered). */
  signWith?: TestKey;
}

export async function signAssertion(o: AssertionOptions): Promise<string> {
  const claims: Record<string, unknown> = { iss: o.iss ?? o.clientId, sub: o.sub ?? o.clientId, aud: o.aud ?? TOKEN_URL };
  const exp = o.exp === undefined ? seconds(o.nowMs) + 300 : o.exp;
  if (exp !== null) claims.exp = exp;
  claims.iat = o.iat ?? seconds(o.nowMs);
  const jti = o.jti === undefined ? randomUUID() : o.jti;
  if (jti !== null) claims.jti = jti;
  const signer = o.signWith ?? o.key;
  const kid = o.kid ?? (typeof o.key.publicJwk.kid === 'string' ? o.key.publicJwk.kid : undefined);
  return new SignJWT(claims).setProtectedHeader({ alg: signer.alg, ...(kid === undefined ? {} : { kid }) }).sign(signer.privateKey);
}

export interface ProofOptions {
  key: TestKey;
  htm: string;
  htu: string;
  nowMs: number;
  nonce?: string;
  /** The access token to hash into `ath`. */
  accessToken?: string;
  /** Overrides the computed `ath`. */
  ath?: string;
  jti?: string;
  iat?: number;
  typ?: string;
}

export async function signProof(o: ProofOptions): Promise<string> {
  const claims: Record<string, unknown> = { htm: o.htm, htu: o.htu, iat: o.iat ?? seconds(o.nowMs), jti: o.jti ?? randomUUID() };
  if (o.nonce !== undefined) claims.nonce = o.nonce;
  if (o.ath !== undefined) claims.ath = o.ath;
  else if (o.accessToken !== undefined) claims.ath = accessTokenHash(o.accessToken);
  const { kid: _kid, ...jwk } = o.key.publicJwk;
  return new SignJWT(claims).setProtectedHeader({ alg: o.key.alg, typ: o.typ ?? 'dpop+jwt', jwk }).sign(o.key.privateKey);
}

export async function postToken(
  app: FastifyInstance,
  form: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: '/oauth2/v1/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', ...headers },
    payload: new URLSearchParams(form).toString(),
  });
}

/** The standard client-credentials form around an assertion. */
export function tokenForm(assertion: string, scope = 'okta.users.read'): Record<string, string> {
  return { grant_type: 'client_credentials', scope, client_assertion_type: CLIENT_ASSERTION_TYPE, client_assertion: assertion };
}

/** Runs the whole DPoP token dance (proof → use_dpop_nonce → proof with nonce) and returns the access token. */
export async function fetchDpopToken(t: TestApp, client: TestClient, scope = 'okta.users.read'): Promise<string> {
  const nowMs = t.clock.now;
  const first = await postToken(t.app, tokenForm(await signAssertion({ clientId: client.clientId, key: client.key, nowMs }), scope), {
    dpop: await signProof({ key: client.key, htm: 'POST', htu: TOKEN_URL, nowMs }),
  });
  const nonce = first.headers['dpop-nonce'];
  if (first.statusCode !== 400 || typeof nonce !== 'string') throw new Error(`expected use_dpop_nonce, got ${first.statusCode} ${first.body}`);
  const second = await postToken(t.app, tokenForm(await signAssertion({ clientId: client.clientId, key: client.key, nowMs }), scope), {
    dpop: await signProof({ key: client.key, htm: 'POST', htu: TOKEN_URL, nowMs, nonce }),
  });
  if (second.statusCode !== 200) throw new Error(`token request failed: ${second.statusCode} ${second.body}`);
  return (second.json<{ access_token: string }>()).access_token;
}

/** A Bearer token for a client that does not require DPoP. */
export async function fetchBearerToken(t: TestApp, client: TestClient, scope = 'okta.users.read'): Promise<string> {
  const assertion = await signAssertion({ clientId: client.clientId, key: client.key, nowMs: t.clock.now });
  const response = await postToken(t.app, tokenForm(assertion, scope));
  if (response.statusCode !== 200) throw new Error(`token request failed: ${response.statusCode} ${response.body}`);
  return (response.json<{ access_token: string }>()).access_token;
}

/** A resource call with a DPoP-bound token and a fresh proof for exactly this request. */
export async function callWithDpop(
  t: TestApp,
  client: TestClient,
  accessToken: string,
  url: string,
  proof: Partial<ProofOptions> = {},
): Promise<LightMyRequestResponse> {
  const htu = BASE_URL + (url.split('?')[0] ?? url);
  const dpop = await signProof({ key: client.key, htm: 'GET', htu, nowMs: t.clock.now, accessToken, ...proof });
  return t.app.inject({ method: 'GET', url, headers: { authorization: `DPoP ${accessToken}`, dpop } });
}
