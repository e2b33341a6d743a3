import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../store/database.js';
import type { CliIo } from './io.js';
import { runCli } from './program.js';

const scratch = mkdtempSync(join(tmpdir(), 'okta-evidence-demo-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('okta-evidence demo', () => {
  it('syncs a simulated org into the store, prints the summary and exits 0', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = { out: (line) => out.push(line), err: (line) => err.push(line), untilStopped: () => new Promise(() => undefined) };
    const db = join(scratch, 'demo.sqlite');

    const evidenceDir = join(scratch, 'evidence', 'latest');
    expect(await runCli(['demo', '--users', '40', '--db', db, '--out', evidenceDir], io)).toBe(0);
    expect(err).toEqual([]);
    expect(out[0]).toMatch(/^Simulated Okta org demo\.okta\.com \(40 users, seed 7, rate limits off\) at http:\/\/127\.0\.0\.1:\d+; syncing it…$/);
    expect(out[1]).toMatch(/^Sync \S+ of demo\.okta\.com succeeded \(complete\) in [\d.]+ s: [\d,]+ requests, 0 throttled \(429\)\.$/);
    expect(out[2]).toMatch(/^ {2}users 40 · groups \d+ · group memberships [\d,]+ · apps \d+ · app assignments [\d,]+ · policies \d+ · admin roles \d+ · log events [\d,]+ · factors [\d,]+$/);
    expect(out[3]?.startsWith(`Stored in ${db} (snapshot `)).toBe(true);
    expect(out).toContain('Security tests:');
    for (const title of ['MFA Enabled for All Users', 'Password Policy Compliance', 'Inactive User Accounts', 'Application Access Review']) {
      expect(out.some((line) => line.includes(title)), title).toBe(true);
    }
    const evidenceLine = out.find((line) => line.startsWith('Evidence: '));
    expect(evidenceLine).toContain(evidenceDir);
    expect(evidenceLine).toContain('verified');

    // The export is a real, verifiable one: the CLI's verify agrees with the demo.
    const verifyOut: string[] = [];
    const verifyIo: CliIo = { ...io, out: (line) => verifyOut.push(line) };
    expect(await runCli(['evidence', 'verify', evidenceDir, '--trusted-key', join(scratch, 'keys', 'evidence-ed25519.pub.pem')], verifyIo)).toBe(0);

    // A second demo keeps the first export: it is moved aside, not overwritten.
    expect(await runCli(['demo', '--users', '40', '--db', db, '--out', evidenceDir], io)).toBe(0);
    expect(readdirSync(join(scratch, 'evidence')).filter((name) => name.startsWith('export-'))).toHaveLength(1);

    const store = await openDatabase(db);
    try {
      expect(await store.syncs.latest('demo.okta.com')).toMatchObject({ status: 'succeeded', trigger: 'demo', complete: true });
    } finally {
      await store.close();
    }
  });
});
