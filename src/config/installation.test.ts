import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { installationDir } from './installation.js';

describe('installationDir', () => {
  it('is OKTA_EVIDENCE_HOME when set, made absolute', () => {
    expect(installationDir('postgres://db.example.com/x', { OKTA_EVIDENCE_HOME: 'srv/okta' })).toBe(resolve('srv/okta'));
  });

  it('is the folder of the SQLite file, whatever the current directory', () => {
    expect(installationDir('/var/lib/okta-evidence/store.sqlite', {})).toBe('/var/lib/okta-evidence');
    expect(installationDir('./data/okta-evidence.sqlite', {})).toBe(resolve('data'));
  });

  it('is a per-user config folder for PostgreSQL, never the current directory', () => {
    expect(installationDir('postgres://db.example.com/x', { HOME: '/home/audit' })).toBe(join('/home/audit', '.config', 'okta-evidence'));
    expect(installationDir('postgres://db.example.com/x', { XDG_CONFIG_HOME: '/etc/xdg', HOME: '/home/audit' })).toBe('/etc/xdg/okta-evidence');
  });
});
