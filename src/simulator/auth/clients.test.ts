import { generateKeyPairSync } from 'node:crypto';
import { exportJWK, exportSPKI, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { InvalidClientKeyError, resolveOAuthClients } from './clients.js';
import { READ_SCOPES } from './scopes.js';

describe('resolveOAuthClients', () => {
  it('reads a PEM SPKI RSA key, defaults to all read scopes and keeps requireDpop', async () => {
    const { publicKey } = await generateKeyPair('RS256', { extractable: true });
    const [client] = await resolveOAuthClients([{ clientId: '0oa1', publicKey: await exportSPKI(publicKey), requireDpop: false }]);
    expect(client).toMatchObject({ clientId: '0oa1', requireDpop: false, scopes: [...READ_SCOPES] });
    expect(client?.publicKeys).toHaveLength(1);
    expect(client?.publicKeys[0]).toMatchObject({ kty: 'RSA', e: 'AQAB' });
  });

  it('reads a PEM EC key and a JWK with its kid, keeping configured scopes', async () => {
    const ec = await generateKeyPair('ES256', { extractable: true });
    const rsa = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(rsa.publicKey)), kid: 'key-1' };
    const clients = await resolveOAuthClients([
      { clientId: 'ec', publicKey: await exportSPKI(ec.publicKey), requireDpop: true },
      { clientId: 'jwk', publicKey: JSON.stringify(jwk), requireDpop: true, scopes: ['okta.logs.read'] },
    ]);
    expect(clients[0]?.publicKeys[0]).toMatchObject({ kty: 'EC', crv: 'P-256' });
    expect(clients[1]?.publicKeys[0]).toMatchObject({ kty: 'RSA', kid: 'key-1' });
    expect(clients[1]?.scopes).toEqual(['okta.logs.read']);
  });

  it('reads a JWKS with several keys and drops private members of a pasted private JWK', async () => {
    const a = await generateKeyPair('RS256', { extractable: true });
    const b = await generateKeyPair('ES256');
    const privateJwk = { ...(await exportJWK(a.privateKey)), kid: 'a' };
    const jwks = { keys: [privateJwk, { ...(await exportJWK(b.publicKey)), kid: 'b' }] };
    const [client] = await resolveOAuthClients([{ clientId: 'set', publicKey: JSON.stringify(jwks), requireDpop: true }]);
    expect(client?.publicKeys.map((k) => k.kid)).toEqual(['a', 'b']);
    expect(client?.publicKeys[0]).not.toHaveProperty('d');
  });

  it('rejects unreadable key text with an error naming the client', async () => {
    const attempt = resolveOAuthClients([{ clientId: 'broken-app', publicKey: 'not a key', requireDpop: true }]);
    await expect(attempt).rejects.toThrow(InvalidClientKeyError);
    await expect(attempt).rejects.toThrow(/broken-app/);
  });

  it('rejects a malformed PEM, a symmetric JWK and a short RSA key', async () => {
    const pem = '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----';
    await expect(resolveOAuthClients([{ clientId: 'pem', publicKey: pem, requireDpop: true }])).rejects.toThrow(/"pem".*PEM/);
    const oct = JSON.stringify({ kty: 'oct', k: 'c2VjcmV0' });
    await expect(resolveOAuthClients([{ clientId: 'oct', publicKey: oct, requireDpop: true }])).rejects.toThrow(/"oct".*RSA and EC/);
    const short = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    await expect(resolveOAuthClients([{ clientId: 'short', publicKey: short, requireDpop: true }])).rejects.toThrow(/"short".*1024 bits/);
  });

  it('rejects a client id configured twice', async () => {
    const jwk = JSON.stringify(await exportJWK((await generateKeyPair('ES256')).publicKey));
    const twice = [
      { clientId: 'dup', publicKey: jwk, requireDpop: true },
      { clientId: 'dup', publicKey: jwk, requireDpop: true },
    ];
    await expect(resolveOAuthClients(twice)).rejects.toThrow(/"dup".*twice/);
  });
});
