import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportPKCS8, generateKeyPair } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { InvalidInputError } from './errors.js';
import { resolveSyncConfig, type SyncFlags } from './sync-config.js';

const scratch = mkdtempSync(join(tmpdir(), 'okta-evidence-sync-config-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const TOKEN = '00token-for-the-config-tests-0123456789';
const flags = (overrides: Partial<SyncFlags> = {}): SyncFlags => ({
  domain: 'acme.okta.com',
  logWindowDays: 7,
  logRetentionDays: 400,
  timeout: 300,
  dpop: 'auto',
  ...overrides,
});

async function usageError(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof InvalidInputError)) throw new Error(`expected a InvalidInputError, got ${String(error)}`);
  return error.message;
}

describe('resolveSyncConfig', () => {
  it('takes the domain, the SSWS token from the environment, and the default database', async () => {
    const config = await resolveSyncConfig(flags({ domain: 'https://ACME.okta.com/', timeout: 1.5 }), { OKTA_API_TOKEN: TOKEN });
    expect(config).toMatchObject({
      org: 'acme.okta.com',
      baseUrl: undefined,
      databaseUrl: './data/okta-evidence.sqlite',
      timeoutMs: 1_500,
      logRetentionDays: 400,
      json: false,
    });
    expect(config.auth.kind).toBe('ssws');
    expect(config.auth.secrets()).toEqual([TOKEN]);
  });

  it('reads the token from OKTA_API_TOKEN_FILE and the database from DATABASE_URL unless --db says otherwise', async () => {
    const file = join(scratch, 'token');
    writeFileSync(file, `${TOKEN}\n`);
    const env = { OKTA_API_TOKEN_FILE: file, DATABASE_URL: 'postgres://evidence@db/evidence' };
    expect(await resolveSyncConfig(flags(), env)).toMatchObject({ databaseUrl: 'postgres://evidence@db/evidence' });
    expect(await resolveSyncConfig(flags({ db: './other.sqlite' }), env)).toMatchObject({ databaseUrl: './other.sqlite' });
  });

  it('builds OAuth from --client-id and --private-key, with the token URL on the base-URL override', async () => {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    const keyFile = join(scratch, 'key.pem');
    writeFileSync(keyFile, await exportPKCS8(privateKey));
    const config = await resolveSyncConfig(flags({ clientId: '0oa-service-app', privateKey: keyFile, baseUrl: 'http://127.0.0.1:8080', dpop: 'off' }), {});
    expect(config.auth.kind).toBe('oauth');
    expect(config.baseUrl?.href).toBe('http://127.0.0.1:8080/');
  });

  it('accepts a log retention as long as the log window', async () => {
    expect(await resolveSyncConfig(flags({ logWindowDays: 30, logRetentionDays: 30 }), { OKTA_API_TOKEN: TOKEN })).toMatchObject({ logWindowDays: 30, logRetentionDays: 30 });
  });

  it.each([
    [flags({ domain: 'acme.example.com' }), { OKTA_API_TOKEN: TOKEN }, /must end with \.okta\.com/],
    [flags({ baseUrl: 'http://proxy.example.com' }), { OKTA_API_TOKEN: TOKEN }, /http:\/\/ only for loopback/],
    [flags(), { OKTA_API_TOKEN: 'SSWS 00abcdefghijklmnop' }, /give only the token/],
    [flags(), { OKTA_API_TOKEN: TOKEN, OKTA_API_TOKEN_FILE: '/nope' }, /keep only one/],
    [flags({ clientId: '0oa1', privateKey: join(scratch, 'missing.pem') }), {}, /cannot read the private key file .*missing\.pem.*does not exist/],
    [flags({ logWindowDays: 30, logRetentionDays: 29 }), { OKTA_API_TOKEN: TOKEN }, /--log-retention-days \(29\) must be at least --log-window-days \(30\)/],
  ])('turns a bad value into one usage line (%#)', async (input, env, message) => {
    expect(await usageError(resolveSyncConfig(input, env))).toMatch(message);
  });

  it('checks the log window, the retention and the re-verification share against the one set of ranges', async () => {
    const env = { OKTA_API_TOKEN: TOKEN };
    expect(await usageError(resolveSyncConfig(flags({ logWindowDays: 91 }), env))).toBe('--log-window-days must be a whole number from 1 to 90, got 91');
    expect(await usageError(resolveSyncConfig(flags({ logWindowDays: 30, logRetentionDays: 10 }), env))).toBe(
      '--log-retention-days (10) must be at least --log-window-days (30): shorter, it would delete events the evidence covers',
    );
    expect(await usageError(resolveSyncConfig(flags({ reverifyShare: 0.9 }), env))).toBe('--reverify-share must be a number from 0 to 0.8, got 0.9');
    expect((await resolveSyncConfig(flags(), env)).reverifyShare).toBe(0.02);
    expect((await resolveSyncConfig(flags({ reverifyShare: 0 }), env)).reverifyShare).toBe(0);
  });
});
