import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { signingKeyDirectory } from './key-location.js';

describe('signingKeyDirectory', () => {
  it('is keys/ beside the SQLite file, as an absolute path (existing installations keep their key)', () => {
    expect(signingKeyDirectory({ databaseUrl: 'data/okta-evidence.sqlite', env: {} })).toBe(resolve('data', 'keys'));
    expect(signingKeyDirectory({ databaseUrl: '/var/lib/oe/db.sqlite', env: {} })).toBe('/var/lib/oe/keys');
  });

  it('is the user’s config folder for PostgreSQL, never the working directory', () => {
    const home = '/home/auditor';
    expect(signingKeyDirectory({ databaseUrl: 'postgres://oe@db.example.com/oe', env: { HOME: home } })).toBe(join(home, '.config', 'okta-evidence', 'keys'));
    expect(signingKeyDirectory({ databaseUrl: 'postgres://oe@db.example.com/oe', env: { XDG_CONFIG_HOME: '/etc/xdg-test' } })).toBe('/etc/xdg-test/okta-evidence/keys');
    expect(signingKeyDirectory({ databaseUrl: 'postgres://oe@db.example.com/oe', env: { OKTA_EVIDENCE_HOME: '/srv/oe' } })).toBe('/srv/oe/keys');
  });

  it('prefers --key-dir, then OKTA_EVIDENCE_KEY_DIR, both made absolute', () => {
    const env = { OKTA_EVIDENCE_KEY_DIR: 'mounted/keys', HOME: '/home/x' };
    expect(signingKeyDirectory({ keyDir: '/opt/keys', databaseUrl: 'postgres://h/db', env })).toBe('/opt/keys');
    expect(signingKeyDirectory({ databaseUrl: 'postgres://h/db', env })).toBe(resolve('mounted/keys'));
    expect(signingKeyDirectory({ keyDir: ' ', databaseUrl: 'postgres://h/db', env: { HOME: '/home/x' } })).toBe('/home/x/.config/okta-evidence/keys');
  });
});
