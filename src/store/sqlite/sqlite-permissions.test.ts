import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../database.js';
import { makeUser } from '../testing/fixtures.js';

const root = mkdtempSync(join(tmpdir(), 'okta-evidence-perms-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const mode = (path: string) => statSync(path).mode & 0o777;

describe.skipIf(process.platform === 'win32')('a new SQLite database (issue 14 item 12)', () => {
  it('is created readable by its owner only, with its folder, -wal and -shm, whatever the umask', async () => {
    const path = join(root, 'new-folder', 'okta-evidence.sqlite');
    const store = await openDatabase(path);
    try {
      const snapshot = await store.snapshots.begin('acme.okta.com');
      await store.entities.upsert('users', snapshot.id, [makeUser({ id: '00u1' })]);
      expect(mode(join(root, 'new-folder'))).toBe(0o700);
      expect(mode(path)).toBe(0o600);
      for (const suffix of ['-wal', '-shm']) if (existsSync(path + suffix)) expect(mode(path + suffix)).toBe(0o600);
      expect(existsSync(`${path}-wal`)).toBe(true);
    } finally {
      await store.close();
    }
  });
});
