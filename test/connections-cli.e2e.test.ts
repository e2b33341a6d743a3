import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../src/cli/io.js';
import { runCli } from '../src/cli/program.js';
import type { Env } from '../src/okta/auth/load-credentials.js';
import { startSimulator, type SimulatorHandle } from '../src/simulator/server.js';
import { TEST_CLIENT } from './sync-cli-kit.js';

/*
 * The connection commands end to end: the CLI in-process against a simulator on loopback and a SQLite file, as an
 * operator would run them.
 */

let dir: string;
let db: string;
let sim: SimulatorHandle;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'oe-connections-cli-'));
  db = join(dir, 'evidence.sqlite');
  sim = await startSimulator({ users: 30, seed: 5, rateLimits: 'off', port: 0 });
});
afterEach(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

async function cli(args: string[], env: Env = {}): Promise<{ exitCode: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), untilStopped: () => new Promise(() => undefined), isTTY: false, env };
  const exitCode = await runCli(args, io, { clientTuning: TEST_CLIENT });
  return { exitCode, out, err };
}

function connectAcme(extra: string[] = [], env: Env = { OKTA_API_TOKEN: sim.token }) {
  return cli(['connect', '--name', 'acme', '--domain', 'acme.okta.com', '--base-url', sim.baseUrl, '--db', db, ...extra], env);
}

describe('okta-evidence connect and connections', () => {
  it('connects, lists, shows, tests and syncs a stored connection, then removes it', async () => {
    const connected = await connectAcme(['--sync-interval', '1h']);
    expect(connected.exitCode, connected.err.join('\n')).toBe(0);
    expect(connected.out[0]).toContain(`Test connection to acme.okta.com: org ${sim.org.orgId} (Identity Engine)`);
    expect(connected.out.join('\n')).toMatch(/users\s+readable/);
    expect(connected.out).toContain('Saved connection "acme" (acme.okta.com): Auto Sync on, every 1h, System Log window 7 days, budget 5m per sync, 30 evidence exports kept.');

    const list = await cli(['connections', 'list', '--db', db, '--json']);
    const [listed] = JSON.parse(list.out[0] ?? '[]') as { name: string; org: { orgId: string } }[];
    expect(listed).toMatchObject({ name: 'acme', org: { orgId: sim.org.orgId } });
    expect(list.out.join('')).not.toContain(sim.token);

    const synced = await cli(['sync', '--connection', 'acme', '--db', db, '--json']);
    expect(synced.exitCode, synced.err.join('\n')).toBe(0);
    expect(JSON.parse(synced.out[0] ?? '{}')).toMatchObject({ status: 'succeeded', complete: true });

    const shown = await cli(['connections', 'show', 'ACME', '--db', db]);
    expect(shown.out.join('\n')).toMatch(/last sync\s+\d{4}-/);
    expect(shown.out.join('\n')).toContain('connection.create');

    const tested = await cli(['connections', 'test', 'acme', '--db', db]);
    expect(tested.exitCode).toBe(0);

    const removed = await cli(['connections', 'remove', 'acme', '--db', db]);
    expect(removed.out[0]).toBe('Removed connection "acme" and its credential. The snapshots, results and evidence of acme.okta.com are kept.');
    expect((await cli(['connections', 'show', 'acme', '--db', db])).err).toEqual(['error: no connection named "acme" (there are no connections yet: add one with "okta-evidence connect")']);
  });

  it('refuses to save a connection that cannot read users: exit 2, the per-dataset report on stderr', async () => {
    const refused = await connectAcme([], { OKTA_API_TOKEN: '00not-the-token-0123456789abcdefghijklmn' });
    expect(refused.exitCode).toBe(2);
    expect(refused.err.join('\n')).toMatch(/users\s+failing/);
    expect(refused.err.at(-1)).toMatch(/^error: not saved: Test connection could not read users of acme\.okta\.com: The API token is invalid or expired/);
    expect((await cli(['connections', 'list', '--db', db])).out).toEqual(['No connections yet: add one with okta-evidence connect --name N --domain D.']);
  });

  it('answers bad input with one line and exit 2, losing nothing', async () => {
    expect((await connectAcme()).exitCode).toBe(0);
    const badInterval = await cli(['connections', 'update', 'acme', '--sync-interval', '6x', '--db', db]);
    expect(badInterval).toMatchObject({ exitCode: 2, err: ['error: the sync interval (--sync-interval) must be a duration such as 6h, 15m or 90s (between 15m and 24h), got "6x"'] });
    expect((await cli(['connections', 'update', 'acme', '--sync-interval', '25h', '--db', db])).exitCode).toBe(2);
    expect((await cli(['connections', 'update', 'acme', '--log-window-days', '0', '--db', db])).exitCode).toBe(2);
    const duplicate = await cli(['connect', '--name', 'acme', '--domain', 'globex.okta.com', '--skip-test', '--db', db], { OKTA_API_TOKEN: sim.token });
    expect(duplicate.exitCode).toBe(2);
    expect(duplicate.err[0]).toContain('a connection is already named "acme"');
    const unknown = await cli(['sync', '--connection', 'globex', '--db', db]);
    expect(unknown).toMatchObject({ exitCode: 2, err: ['error: no connection named "globex" (known: acme)'] });
    const both = await cli(['sync', '--connection', 'acme', '--domain', 'acme.okta.com', '--db', db]);
    expect(both.exitCode).toBe(2);
    expect(both.err[0]).toContain('--domain cannot be combined with --connection');
    expect((await cli(['sync', '--db', db])).err).toEqual(['error: give --domain D for a one-off sync, or --connection N for a stored connection']);
    const listed = JSON.parse((await cli(['connections', 'list', '--db', db, '--json'])).out[0] ?? '[]') as { settings: { syncIntervalS: number } }[];
    expect(listed).toHaveLength(1);
    expect(listed[0]?.settings.syncIntervalS).toBe(21_600);
  });

  it('warns about a token file other users can read, and stores the token anyway', async () => {
    const tokenFile = join(dir, 'token');
    await writeFile(tokenFile, `${sim.token}\n`);
    await chmod(tokenFile, 0o644);
    const connected = await connectAcme(['--token-file', tokenFile], {});
    expect(connected.exitCode, connected.err.join('\n')).toBe(0);
    if (process.platform !== 'win32') expect(connected.err.join('\n')).toContain(`warning: ${tokenFile} is readable by other users (mode 644): run chmod 600 on it`);
  });

  it('rotates the secret key, after which the stored connection still syncs', async () => {
    expect((await connectAcme()).exitCode).toBe(0);
    const rotated = await cli(['secrets', 'rotate-key', '--db', db]);
    expect(rotated.exitCode, rotated.err.join('\n')).toBe(0);
    expect(rotated.out[0]).toMatch(/^Re-encrypted 1 stored credential with secret key [0-9a-f]{16} \(was [0-9a-f]{16}\)\.$/);
    expect(rotated.out[1]).toContain('The old key is kept as');
    const synced = await cli(['sync', '--connection', 'acme', '--db', db, '--json']);
    expect(synced.exitCode, synced.err.join('\n')).toBe(0);
  });

  it('says what to do when the secret key is missing, without touching the stored credential', async () => {
    expect((await connectAcme()).exitCode).toBe(0);
    await rm(join(dir, 'secret.key'));
    const failed = await cli(['sync', '--connection', 'acme', '--db', db]);
    expect(failed.exitCode).toBe(2);
    expect(failed.err[0]).toContain(`restore ${join(dir, 'secret.key')} from this installation's backup`);
  });
});
