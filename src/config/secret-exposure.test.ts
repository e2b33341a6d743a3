import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { passwordInArgumentWarning, readableByOthersWarning } from './secret-exposure.js';

const root = mkdtempSync(join(tmpdir(), 'okta-evidence-secrets-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('secret exposure warnings (issue 14 item 12)', () => {
  it.skipIf(process.platform === 'win32')('warns about a token file others can read, not about a private one', async () => {
    const path = join(root, 'token');
    writeFileSync(path, '00token');
    chmodSync(path, 0o644);
    expect(await readableByOthersWarning(path, 'API token file')).toBe(`the API token file ${path} is readable by other users (mode 644): run chmod 600 on it`);
    chmodSync(path, 0o600);
    expect(await readableByOthersWarning(path, 'API token file')).toBeUndefined();
  });

  it('warns about a password in --db, never repeating it', () => {
    const warning = passwordInArgumentWarning('--db', 'postgres://oe:s3cretPassw0rd@db.example.com/oe');
    expect(warning).toMatch(/^the password in --db is visible to other users.*DATABASE_URL.*PGPASSWORD/);
    expect(warning).not.toContain('s3cretPassw0rd');
    expect(passwordInArgumentWarning('--db', 'postgres://oe@db.example.com/oe')).toBeUndefined();
    expect(passwordInArgumentWarning('--db', './data/okta-evidence.sqlite')).toBeUndefined();
    expect(passwordInArgumentWarning('--db', undefined)).toBeUndefined();
  });
});
