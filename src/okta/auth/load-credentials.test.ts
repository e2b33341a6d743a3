import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OktaClientError } from '../errors.js';
import { createClientAssertion } from './client-assertion.js';
import { loadOAuthPrivateKey, loadSswsToken } from './load-credentials.js';

const TOKEN = '00abcDEFghiJKLmnoPQRstuVWXyz0123456789-_x';
let dir: string;

async function file(name: string, content: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

async function failure(promise: Promise<unknown>): Promise<OktaClientError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof OktaClientError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'okta-evidence-creds-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadSswsToken', () => {
  it('reads OKTA_API_TOKEN', async () => {
    await expect(loadSswsToken({ env: { OKTA_API_TOKEN: TOKEN } })).resolves.toBe(TOKEN);
  });

  it('reads OKTA_API_TOKEN_FILE and trims the trailing newline', async () => {
    const path = await file('token', `${TOKEN}\n`);
    await expect(loadSswsToken({ env: { OKTA_API_TOKEN_FILE: path } })).resolves.toBe(TOKEN);
  });

  it('prefers a token file named in the configuration', async () => {
    const path = await file('token-config', `${TOKEN}\r\n`);
    await expect(loadSswsToken({ env: { OKTA_API_TOKEN: 'ignored-env-token-value' }, tokenFile: path })).resolves.toBe(TOKEN);
  });

  it('uses an injected file reader', async () => {
    const reads: string[] = [];
    const readFile = (path: string) => {
      reads.push(path);
      return Promise.resolve(`${TOKEN}\n`);
    };
    await expect(loadSswsToken({ env: { OKTA_API_TOKEN_FILE: '/run/secrets/okta' }, readFile })).resolves.toBe(TOKEN);
    expect(reads).toEqual(['/run/secrets/okta']);
  });

  it('says where to put the token when none is set', async () => {
    const error = await failure(loadSswsToken({ env: {} }));
    expect(error.code).toBe('OKTA_AUTH_CONFIG_INVALID');
    expect(error.message).toContain('set OKTA_API_TOKEN or OKTA_API_TOKEN_FILE');
    expect(error.message).toContain('never read from command-line arguments');
  });

  it('treats a blank variable as unset', async () => {
    const error = await failure(loadSswsToken({ env: { OKTA_API_TOKEN: '  ' } }));
    expect(error.message).toContain('missing Okta API token');
  });

  it('refuses two sources at once', async () => {
    const error = await failure(loadSswsToken({ env: { OKTA_API_TOKEN: TOKEN, OKTA_API_TOKEN_FILE: '/tmp/x' } }));
    expect(error.message).toContain('keep only one');
  });

  it('names a missing file', async () => {
    const error = await failure(loadSswsToken({ env: { OKTA_API_TOKEN_FILE: join(dir, 'nope') } }));
    expect(error.message).toContain('the file does not exist');
    expect(error.message).toContain(join(dir, 'nope'));
  });

  it('names a directory', async () => {
    const error = await failure(loadSswsToken({ env: { OKTA_API_TOKEN_FILE: dir } }));
    expect(error.message).toContain('it is a directory');
  });

  it('names an unreadable file', async () => {
    const readFile = () => Promise.reject(Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' }));
    const error = await failure(loadSswsToken({ env: { OKTA_API_TOKEN_FILE: '/run/secrets/okta' }, readFile }));
    expect(error.message).toContain('cannot read the API token file "/run/secrets/okta": permission denied');
  });

  it('rejects an empty file', async () => {
    const path = await file('empty', '\n');
    const error = await failure(loadSswsToken({ env: { OKTA_API_TOKEN_FILE: path } }));
    expect(error.message).toContain('is empty');
  });

  it('rejects a file with two lines without quoting it', async () => {
    const path = await file('two-lines', `${TOKEN}\n${TOKEN}\n`);
    const error = await failure(loadSswsToken({ env: { OKTA_API_TOKEN_FILE: path } }));
    expect(error.message).toContain('contains spaces or line breaks');
    expect(error.message).not.toContain(TOKEN);
  });
});

function pkcs8(key: KeyObject): string {
  return key.export({ type: 'pkcs8', format: 'pem' }).toString();
}

describe('loadOAuthPrivateKey', () => {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const ec384 = generateKeyPairSync('ec', { namedCurve: 'P-384' });

  async function signsFor(loaded: Awaited<ReturnType<typeof loadOAuthPrivateKey>>, publicKey: KeyObject): Promise<void> {
    const jwt = await createClientAssertion({
      clientId: '0oaexample',
      tokenUrl: 'https://company.okta.com/oauth2/v1/token',
      privateKey: loaded.privateKey,
      alg: loaded.alg,
      keyId: loaded.keyId,
      nowMs: Date.now(),
    });
    const { protectedHeader } = await jwtVerify(jwt, publicKey);
    expect(protectedHeader.alg).toBe(loaded.alg);
  }

  it('loads an RSA PKCS#8 PEM as RS256 by default', async () => {
    const path = await file('rsa.pem', pkcs8(rsa.privateKey));
    const loaded = await loadOAuthPrivateKey({ env: { OKTA_OAUTH_PRIVATE_KEY_FILE: path } });
    expect(loaded.alg).toBe('RS256');
    expect(loaded.keyId).toBeUndefined();
    await signsFor(loaded, rsa.publicKey);
  });

  it('honours an explicit alg and kid', async () => {
    const path = await file('rsa-384.pem', pkcs8(rsa.privateKey));
    const loaded = await loadOAuthPrivateKey({ env: {}, keyFile: path, alg: 'RS512', keyId: 'kid-1' });
    expect(loaded).toMatchObject({ alg: 'RS512', keyId: 'kid-1' });
    await signsFor(loaded, rsa.publicKey);
  });

  it('converts a PKCS#1 RSA PEM', async () => {
    const path = await file('rsa-pkcs1.pem', rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString());
    const loaded = await loadOAuthPrivateKey({ env: {}, keyFile: path });
    await signsFor(loaded, rsa.publicKey);
  });

  it('loads EC keys with the algorithm of their curve', async () => {
    const p256 = await loadOAuthPrivateKey({ env: {}, keyFile: await file('ec.pem', pkcs8(ec.privateKey)) });
    expect(p256.alg).toBe('ES256');
    await signsFor(p256, ec.publicKey);
    const p384 = await loadOAuthPrivateKey({ env: {}, keyFile: await file('ec384.pem', pkcs8(ec384.privateKey)) });
    expect(p384.alg).toBe('ES384');
    await signsFor(p384, ec384.publicKey);
  });

  it('loads a private JWK with its kid and alg', async () => {
    const jwk = { ...rsa.privateKey.export({ format: 'jwk' }), kid: 'okta-kid-42', alg: 'RS384' };
    const loaded = await loadOAuthPrivateKey({ env: {}, keyFile: await file('rsa.jwk.json', JSON.stringify(jwk)) });
    expect(loaded).toMatchObject({ alg: 'RS384', keyId: 'okta-kid-42' });
    await signsFor(loaded, rsa.publicKey);
  });

  it('loads a JWKS holding one EC key', async () => {
    const jwks = { keys: [{ ...ec.privateKey.export({ format: 'jwk' }), kid: 'ec-kid' }] };
    const loaded = await loadOAuthPrivateKey({ env: {}, keyFile: await file('ec.jwks.json', JSON.stringify(jwks)) });
    expect(loaded).toMatchObject({ alg: 'ES256', keyId: 'ec-kid' });
    await signsFor(loaded, ec.publicKey);
  });

  const weak = generateKeyPairSync('rsa', { modulusLength: 1024 });
  const ed = generateKeyPairSync('ed25519');

  it.each([
    ['public.pem', () => rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString(), {}, 'public key or certificate'],
    ['public.jwk', () => JSON.stringify(rsa.publicKey.export({ format: 'jwk' })), {}, 'holds a public JWK'],
    [
      'encrypted.pem',
      () => rsa.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'example-pass' }).toString(),
      {},
      'is encrypted',
    ],
    ['garbage.txt', () => 'not a key', {}, 'neither a PEM private key nor a JWK'],
    ['broken.json', () => '{"kty": "RSA", "d": ', {}, 'is not valid JSON'],
    ['two.jwks', () => JSON.stringify({ keys: [{}, {}] }), {}, 'key set with 2 keys'],
    ['oct.jwk', () => JSON.stringify({ kty: 'oct', k: 'c2VjcmV0' }), {}, 'Okta accepts RSA or EC keys'],
    ['weak.pem', () => pkcs8(weak.privateKey), {}, 'Okta requires at least 2048'],
    ['ed.pem', () => pkcs8(ed.privateKey), {}, 'Okta accepts RSA or EC'],
    ['mismatch.pem', () => pkcs8(ec.privateKey), { alg: 'RS256' as const }, 'RS256 needs an RSA key'],
    ['curve.pem', () => pkcs8(ec.privateKey), { alg: 'ES384' as const }, 'ES384 needs the secp384r1 curve'],
    [
      'kid.jwk',
      () => JSON.stringify({ ...ec.privateKey.export({ format: 'jwk' }), kid: 'a' }),
      { keyId: 'b' },
      'does not match the JWK',
    ],
  ])('rejects %s', async (name, content, extra, expected) => {
    const text = content();
    const path = await file(name, text);
    const error = await failure(loadOAuthPrivateKey({ env: {}, keyFile: path, ...extra }));
    expect(error.code).toBe('OKTA_AUTH_CONFIG_INVALID');
    expect(error.message).toContain(expected);
    expect(error.message).not.toMatch(/MII|"d":/);
  });

  it('does not attach a JSON parse error (it quotes key material) as the cause', async () => {
    const error = await failure(loadOAuthPrivateKey({ env: {}, keyFile: await file('leaky.json', '{"d": "secret-key-material" oops') }));
    expect(error.cause).toBeUndefined();
    expect(JSON.stringify(error)).not.toContain('secret-key-material');
  });

  it('says how to configure a missing key', async () => {
    const error = await failure(loadOAuthPrivateKey({ env: {} }));
    expect(error.message).toContain('set OKTA_OAUTH_PRIVATE_KEY_FILE');
  });
});
