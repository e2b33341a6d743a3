/**
 * Shared set-up for the Okta client's end-to-end tests: real simulators on loopback (port 0), real HTTP, and clients
 * pointed at them through the operator base-URL override while the recorded domain stays `example.okta.com`.
 * Everything a helper starts is closed when the test that started it finishes.
 */
import { exportJWK, exportSPKI, generateKeyPair } from 'jose';
import type { webcrypto } from 'node:crypto';
import { request } from 'undici';
import { onTestFinished } from 'vitest';
import type { OAuthSigningAlg } from '../src/okta/auth/client-assertion.js';
import { createOAuthAuth, oauthTokenUrl, type DpopMode } from '../src/okta/auth/oauth.js';
import { createSswsAuth } from '../src/okta/auth/ssws.js';
import type { AuthStrategy } from '../src/okta/auth/types.js';
import { createOktaClient, type OktaClient, type OktaClientOptions } from '../src/okta/client.js';
import type { SimulatorOptionsInput } from '../src/simulator/options.js';
import { startSimulator, type SimulatorHandle } from '../src/simulator/server.js';
import type { SimStats } from '../src/simulator/stats.js';

export const DOMAIN = 'example.okta.com';

/** Fast retries: the simulator's faults are immediate, so the tests need no production-sized backoff. */
export const FAST_RETRY = { baseDelayMs: 10, maxDelayMs: 200 } as const;

/** A simulator on a free loopback port, closed after the current test. Rate limits are off unless `options` set them. */
export async function startTestSimulator(options: SimulatorOptionsInput = {}): Promise<SimulatorHandle> {
  const sim = await startSimulator({ rateLimits: 'off', port: 0, ...options });
  onTestFinished(() => sim.close());
  return sim;
}

export type TestClientOptions = Partial<Omit<OktaClientOptions, 'auth' | 'domain' | 'baseUrl'>>;

/** A client for `sim` with `auth`, closed after the current test. */
export function clientFor(sim: { baseUrl: string }, auth: AuthStrategy, options: TestClientOptions = {}): OktaClient {
  const client = createOktaClient({ domain: DOMAIN, baseUrl: new URL(sim.baseUrl), auth, ...options, retry: { ...FAST_RETRY, ...options.retry } });
  onTestFinished(() => client.close());
  return client;
}

export function sswsClient(sim: SimulatorHandle, options: TestClientOptions = {}): OktaClient {
  return clientFor(sim, createSswsAuth(sim.token), options);
}

export interface ClientKeyPair {
  alg: OAuthSigningAlg;
  privateKey: webcrypto.CryptoKey;
  /** The public key as the simulator's `oauthClients[].publicKey` takes it: PEM for RSA, JWK JSON for EC (both formats get used). */
  publicKeyText: string;
}

/** A fresh service-app key pair: RS256 (2048-bit RSA) or ES256 (P-256). */
export async function generateClientKey(alg: 'RS256' | 'ES256'): Promise<ClientKeyPair> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const publicKeyText = alg === 'RS256' ? await exportSPKI(publicKey) : JSON.stringify({ ...(await exportJWK(publicKey)), kid: 'test-key-1' });
  return { alg, privateKey, publicKeyText };
}

export interface OAuthClientSetup {
  clientId: string;
  key: ClientKeyPair;
  dpop?: DpopMode;
  scopes?: readonly string[];
}

/** A client authenticating as the service app `clientId` with `key`, at the simulator's own token endpoint. */
export function oauthClient(sim: SimulatorHandle, setup: OAuthClientSetup, options: TestClientOptions = {}): OktaClient {
  const auth = createOAuthAuth({
    tokenUrl: oauthTokenUrl(new URL(sim.baseUrl)),
    clientId: setup.clientId,
    privateKey: setup.key.privateKey,
    alg: setup.key.alg,
    dpop: setup.dpop,
    scopes: setup.scopes,
  });
  return clientFor(sim, auth, options);
}

/** `GET /__sim/stats`, over HTTP like any observer would read it. */
export async function fetchSimStats(sim: { baseUrl: string }): Promise<SimStats> {
  const response = await request(`${sim.baseUrl}/__sim/stats`);
  return (await response.body.json()) as SimStats;
}

/** A fresh signal for one call; these tests never abort unless they say so. */
export function noAbort(): AbortSignal {
  return new AbortController().signal;
}

/** Ids of a list of Okta entities. */
export function idsOf(items: readonly unknown[]): string[] {
  return items.map((item) => (item as { id: string }).id);
}
