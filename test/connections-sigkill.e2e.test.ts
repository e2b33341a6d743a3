import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/store/database.js';

/*
 * `connect` killed with SIGKILL at assorted moments (starting, opening the database, sealing, writing): whatever the
 * moment, the database opens afterwards and every stored connection has its audit entry and vice versa, since both
 * are written in one transaction. The assertions hold wherever the kill lands, so the test does not depend on speed.
 */

const ROOT = resolve(import.meta.dirname, '..');
const TOKEN = '00sigkill-test-token-0123456789abcdefghij';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'oe-sigkill-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Runs `connect` in its own process; kills it with SIGKILL after `killAfterMs` unless it has ended. */
function connectKilled(db: string, name: string, killAfterMs: number | null): Promise<number | string | null> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'connect', '--name', name, '--domain', `${name}.okta.com`, '--skip-test', '--db', db], {
      cwd: ROOT,
      env: { ...process.env, OKTA_API_TOKEN: TOKEN, OKTA_EVIDENCE_HOME: dir },
      stdio: 'ignore',
    });
    const timer = killAfterMs === null ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      done(code ?? signal);
    });
  });
}

describe('connect under SIGKILL', () => {
  it('leaves every connection with its audit entry, whatever the moment of the kill', async () => {
    const db = join(dir, 'evidence.sqlite');
    const delays = [1000, 2500, 4000, 5000, 6000];
    for (const [i, delay] of delays.entries()) await connectKilled(db, `org${i}`, delay);
    expect(await connectKilled(db, 'final', null)).toBe(0);

    const store = await openDatabase(db);
    try {
      const connections = await store.connections.list();
      const created = (await store.auditLog.list({ limit: 1000 })).filter((e) => e.action === 'connection.create');
      expect(connections.map((c) => c.id).sort()).toEqual(created.map((e) => e.connectionId).sort());
      expect(connections.map((c) => c.name)).toContain('final');
      for (const c of connections) expect(await store.connections.readSealedSecret(c.id)).toMatch(/^oes1\./);
    } finally {
      await store.close();
    }
  }, 120_000);
});
