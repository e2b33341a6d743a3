import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seedOrg } from '../src/evidence/testing/seed-org.js';
import { openDatabase } from '../src/store/database.js';

/*
 * Issue 14 item 16: how the real process ends — a reader that goes away, Ctrl-C, a database that cannot be used.
 * These run the CLI as a child process (`node --import tsx src/main.ts`), the only way to see its exit status and
 * signals. Nothing here waits on a timer: each step waits for the child's own output or exit.
 */

const root = mkdtempSync(join(tmpdir(), 'okta-evidence-process-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function start(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], { cwd: process.cwd(), env: { ...process.env, DATABASE_URL: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stderr })));
  return { child, exited };
}

describe('the okta-evidence process', { timeout: 120_000 }, () => {
  it('ends quietly with 0 when its reader goes away (okta-evidence tests | head)', async () => {
    const db = join(root, 'synced.sqlite');
    const store = await openDatabase(db);
    await seedOrg(store, { org: 'acme.okta.com' }).finally(() => store.close());
    const { child, exited } = start(['tests', '--db', db]);
    // The reader is gone before the first line is written, as when `head` has read what it wanted.
    child.stdout.destroy();
    const { code, stderr } = await exited;
    expect(stderr).not.toContain('EPIPE');
    expect(code).toBe(0);
  });

  it('exits 130 after Ctrl-C', async () => {
    const { child, exited } = start(['simulate', '--users', '5', '--port', '0', '--rate-limits', 'off', '--token', 'test-token-0123456789']);
    await new Promise<void>((resolve) => child.stdout.on('data', (chunk: Buffer) => (chunk.toString('utf8').includes('Okta simulator at') ? resolve() : undefined)));
    child.kill('SIGINT');
    expect((await exited).code).toBe(130);
  });

  it('exits 2, a configuration error, when --db cannot be used', async () => {
    const { exited } = start(['tests', '--db', 'postgres://nobody@127.0.0.1:1/okta_evidence']);
    const { code, stderr } = await exited;
    expect(stderr).toMatch(/^error: Cannot reach PostgreSQL/m);
    expect(code).toBe(2);
  });
});
