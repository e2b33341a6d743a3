/**
 * The whole pipeline as an operator runs it, on both databases: a simulated org → `sync` → `tests` → `evidence
 * export` → `evidence verify`, then a tampered copy that verify must reject.
 */
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../src/cli/io.js';
import { runCli } from '../src/cli/program.js';
import { testBackends } from '../src/store/testing/test-backends.js';
import { startTestSimulator, syncSimulator } from './sync-cli-kit.js';

const backends = testBackends(process.env.TEST_DATABASE_URL);
const scratch = mkdtempSync(join(tmpdir(), 'okta-evidence-pipeline-'));
afterAll(async () => {
  await Promise.all(backends.map((backend) => backend.dispose()));
  rmSync(scratch, { recursive: true, force: true });
});

async function cli(args: string[]): Promise<{ exitCode: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), untilStopped: () => new Promise(() => undefined), isTTY: false, env: {} };
  return { exitCode: await runCli(args, io), out, err };
}

describe.each(backends.map((backend) => [backend.name, backend] as const))('simulator to verified evidence on %s', (name, backend) => {
  it('syncs, tests, exports and verifies; a changed byte fails verification', async () => {
    const { store, url } = await backend.open();
    await store.close();
    const sim = await startTestSimulator({ users: 150, seed: 5 });
    const keyDir = join(scratch, `${name}-keys`);
    const out = join(scratch, `${name}-export`);

    const synced = await syncSimulator(sim, url);
    expect(synced.exitCode, synced.err.join('\n')).toBe(0);
    expect(synced.json().counts.users).toBe(150);

    const tests = await cli(['tests', '--db', url, '--format', 'json']);
    expect(tests.exitCode, tests.err.join('\n')).toBe(0);
    const report = JSON.parse(tests.out.join('\n')) as { results: { id: string; entities: unknown[] }[] };
    expect(report.results.map((r) => r.id).sort()).toEqual(['application-access-review', 'inactive-user-accounts', 'mfa-enabled-all-users', 'mfa-enforced-at-sign-in', 'password-policy-compliance']);
    expect(report.results.find((r) => r.id === 'mfa-enabled-all-users')?.entities).toHaveLength(150);

    const exported = await cli(['evidence', 'export', '--db', url, '--out', out, '--key-dir', keyDir]);
    expect(exported.exitCode, exported.err.join('\n')).toBe(0);
    const trusted = join(keyDir, 'evidence-ed25519.pub.pem');
    const verified = await cli(['evidence', 'verify', out, '--trusted-key', trusted]);
    expect(verified.exitCode, verified.out.concat(verified.err).join('\n')).toBe(0);

    appendFileSync(join(out, 'okta-users.csv'), 'x');
    const tampered = await cli(['evidence', 'verify', out, '--trusted-key', trusted]);
    expect(tampered.exitCode).toBe(1);
    expect(tampered.out.concat(tampered.err).join('\n')).toMatch(/okta-users\.csv/);
  });
});
