import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../store/database.js';
import type { CliIo } from './io.js';
import { runCli } from './program.js';
import { captureIo, seedSnapshot } from './testing/seed-store.js';

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
    // Off a terminal a sync slower than 5 s writes `progress:` lines; nothing else may reach stderr.
    expect(err.filter((line) => !line.startsWith('progress: '))).toEqual([]);
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

    // Simulated evidence says so in the manifest, naming the org, its engine and the token's admin (issue 12).
    const manifest = JSON.parse(readFileSync(join(evidenceDir, 'manifest.json'), 'utf8')) as { simulated?: string; identity: Record<string, unknown> };
    expect(manifest.simulated).toMatch(/^SIMULATED ORG/);
    expect(manifest.identity).toMatchObject({ orgKind: 'simulated', orgId: expect.stringMatching(/^00o/) as string, domain: 'demo.okta.com', engine: 'Identity Engine', unknown: [] });
    expect(manifest.identity.credential).toMatchObject({ type: 'ssws', principal: expect.stringMatching(/\(user 00u\w+\)$/) as string });

    // The export is a real, verifiable one: the CLI's verify agrees with the demo.
    const verifyOut: string[] = [];
    const verifyIo: CliIo = { ...io, out: (line) => verifyOut.push(line) };
    expect(await runCli(['evidence', 'verify', evidenceDir, '--trusted-key', join(scratch, 'keys', 'evidence-ed25519.pub.pem')], verifyIo)).toBe(0);
    expect(out.some((line) => line.includes(`--db ${db}`))).toBe(true);

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

  it('keeps its own database and signing key under ./data/demo/, so a real org’s tests and export still need no --org', async () => {
    const home = mkdtempSync(join(tmpdir(), 'okta-evidence-demo-home-'));
    const previous = process.cwd();
    process.chdir(home);
    try {
      // A real org synced into the default database, as `okta-evidence sync` leaves it.
      await seedSnapshot(join('data', 'okta-evidence.sqlite'), 'acme.okta.com', {});
      const demo = captureIo();
      expect(await runCli(['demo', '--users', '20', '--out', join(home, 'demo-evidence')], demo.io), demo.err.join('\n')).toBe(0);
      expect(existsSync(join(home, 'data', 'demo', 'okta-evidence.sqlite'))).toBe(true);
      expect(existsSync(join(home, 'data', 'demo', 'keys', 'evidence-ed25519.pub.pem'))).toBe(true);
      // The real database was not touched by the demo's org, nor its key folder created by the demo.
      expect(existsSync(join(home, 'data', 'keys'))).toBe(false);

      const tests = captureIo();
      expect(await runCli(['tests'], tests.io), tests.err.join('\n')).toBe(0);
      expect(tests.out[0]).toContain('Security tests for acme.okta.com');
      const exported = captureIo();
      expect(await runCli(['evidence', 'export', '--out', join(home, 'real-evidence')], exported.io), exported.err.join('\n')).toBe(0);
      expect(exported.out[0]).toContain('Evidence for acme.okta.com');
      const store = await openDatabase(join('data', 'okta-evidence.sqlite'));
      try {
        expect(await store.snapshots.currentOrgs()).toEqual(['acme.okta.com']);
      } finally {
        await store.close();
      }
    } finally {
      process.chdir(previous);
      rmSync(home, { recursive: true, force: true });
    }
  });
});
