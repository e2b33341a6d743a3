import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readCredentialFromFlags, splitCredential } from './connection-credential.js';
import { InvalidInputError } from './errors.js';
import { recordAudit, withoutSecrets } from './audit.js';
import type { AuditLogRepository } from '../store/connection-types.js';

const TOKEN = '00flag-token-0123456789abcdefghijklmnopq';
const files: Record<string, string> = {
  '/run/token': `${TOKEN}\n`,
  '/run/key.pem': generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
};
const readText = (path: string): Promise<string> => (path in files ? Promise.resolve(files[path] ?? '') : Promise.reject(Object.assign(new Error('nope'), { code: 'ENOENT' })));

describe('credentials from flags', () => {
  it('reads a token file, the environment, or an OAuth key; nothing given is undefined', async () => {
    expect((await readCredentialFromFlags({ tokenFile: '/run/token' }, {}, readText))?.credential).toEqual({ kind: 'ssws', token: TOKEN });
    expect((await readCredentialFromFlags({}, { OKTA_API_TOKEN: TOKEN }, readText))?.credential).toEqual({ kind: 'ssws', token: TOKEN });
    expect(await readCredentialFromFlags({}, {}, readText)).toBeUndefined();
    const oauth = await readCredentialFromFlags({ clientId: '0oaapp', privateKey: '/run/key.pem', keyId: 'kid-1', dpop: 'on' }, {}, readText);
    expect(oauth?.credential).toMatchObject({ kind: 'oauth', clientId: '0oaapp', keyId: 'kid-1', dpop: 'on' });
    expect(splitCredential(oauth!.credential).info).toEqual({ kind: 'oauth', clientId: '0oaapp', keyId: 'kid-1', dpop: 'on' });
  });

  it('refuses OAuth parts without a client id, a token file with one, and an unreadable key, in one line', async () => {
    await expect(readCredentialFromFlags({ dpop: 'on' }, {}, readText)).rejects.toThrow(/--dpop are for OAuth: add --client-id/);
    await expect(readCredentialFromFlags({ clientId: '0oa', tokenFile: '/run/token', privateKey: '/run/key.pem' }, {}, readText)).rejects.toThrow(InvalidInputError);
    await expect(readCredentialFromFlags({ clientId: '0oa', privateKey: '/run/missing.pem' }, {}, readText)).rejects.toThrow('cannot read the private key file "/run/missing.pem": ENOENT');
    await expect(readCredentialFromFlags({ clientId: '0oa', privateKey: '/run/token' }, {}, readText)).rejects.toThrow(/neither a PEM private key nor a JWK/);
  });
});

describe('the audit log never records a secret value', () => {
  it('replaces the value of every secret-looking key, at any depth', async () => {
    expect(withoutSecrets({ token: TOKEN, nested: [{ privateKey: 'x', clientId: '0oa' }], apiToken: 'y', changed: { name: { from: 'a', to: 'b' } } })).toEqual({
      token: '[not recorded]',
      nested: [{ privateKey: '[not recorded]', clientId: '0oa' }],
      apiToken: '[not recorded]',
      changed: { name: { from: 'a', to: 'b' } },
    });
    const recorded: unknown[] = [];
    const auditLog: AuditLogRepository = {
      record: (entry) => {
        recorded.push(entry);
        return Promise.resolve({ id: '1', at: new Date(0), ...entry });
      },
      list: () => Promise.resolve([]),
    };
    await recordAudit({ auditLog }, { actor: 'cli:alice', action: 'sync.now', details: { secret: TOKEN } });
    expect(JSON.stringify(recorded)).not.toContain(TOKEN);
  });
});
