import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MANIFEST_FILE, type Manifest } from '../evidence/manifest.js';
import { signManifest } from '../evidence/signature.js';
import { PUBLIC_KEY_FILE, keyFingerprint } from '../evidence/signing-key.js';
import { completeDatasets, seedOrg } from '../evidence/testing/seed-org.js';
import { openDatabase } from '../store/database.js';
import { runCli } from './program.js';
import { captureIo, tempDatabases } from './testing/seed-store.js';

const ORG = 'acme.okta.com';
const temp = tempDatabases();
afterAll(() => temp.dispose());
let next = 0;

/** A SQLite database with one synced org; its key directory is keys/ beside it. */
async function syncedDatabase(options: Parameters<typeof seedOrg>[1] = {}): Promise<{ db: string; keys: string }> {
  next += 1;
  const db = temp.path(`evidence-${next}/okta-evidence.sqlite`);
  const store = await openDatabase(db);
  try {
    await seedOrg(store, { org: ORG, ...options });
  } finally {
    await store.close();
  }
  return { db, keys: temp.path(`evidence-${next}/keys`) };
}

async function run(args: string[], env: Record<string, string> = {}) {
  const cli = captureIo(env);
  const code = await runCli(args, cli.io);
  return { code, out: cli.out.join('\n'), err: cli.err.join('\n') };
}

describe('okta-evidence evidence export / verify', () => {
  it('exports signed evidence (creating the key on first use), then verifies the directory and its ZIP against this installation’s key', async () => {
    const { db, keys } = await syncedDatabase();
    const out = temp.path(`out-${next}`);
    const exported = await run(['evidence', 'export', '--db', db, '--out', out, '--zip']);
    expect(exported.code, exported.err).toBe(0);
    expect(exported.err).toContain(`Created the evidence signing key ${join(keys, 'evidence-ed25519.pem')}`);
    expect(exported.out).toContain(`Evidence for ${ORG}`);
    expect(exported.out).toContain('chain #1');
    expect(exported.out).toContain('security tests: 5 checks over this snapshot (run now with the default settings');
    expect(exported.out).toContain(`zip: ${out}.zip`);
    expect(existsSync(join(keys, PUBLIC_KEY_FILE))).toBe(true);

    for (const target of [out, `${out}.zip`]) {
      const verified = await run(['evidence', 'verify', target, '--db', db]);
      expect(verified.code, verified.err).toBe(0);
      expect(verified.out).toContain(`OK ${target}: 19 files match manifest.json for ${ORG}`);
      expect(verified.out).toContain('this installation’s key');
      expect(verified.err).toBe('');
    }
    // An auditor with the public key only.
    const audited = await run(['evidence', 'verify', `${out}.zip`, '--trusted-key', join(keys, PUBLIC_KEY_FILE), '--key-dir', temp.path('no-keys-here')]);
    expect(audited.code).toBe(0);
    expect(audited.out).toContain('(trusted key');

    const second = temp.path(`out-${next}-second`);
    const again = await run(['evidence', 'export', '--db', db, '--out', second, '--no-tests']);
    expect(again.out).toContain('chain #2');
    expect(again.out).not.toContain('security tests');
    expect((JSON.parse(readFileSync(join(second, MANIFEST_FILE), 'utf8')) as Manifest).securityTests).toMatchObject({ included: false });
    expect((await run(['evidence', 'verify', second, '--db', db, '--previous', `${out}.zip`])).code).toBe(0);
  });

  it('exits 1 naming the file and the reason when a file was changed, removed or added', async () => {
    const { db } = await syncedDatabase();
    const out = temp.path(`out-${next}`);
    expect((await run(['evidence', 'export', '--db', db, '--out', out])).code).toBe(0);
    appendFileSync(join(out, 'okta-users.csv'), '00u9,intruder@example.com\r\n');
    writeFileSync(join(out, 'notes.txt'), 'added');
    const first = await run(['evidence', 'verify', out, '--db', db]);
    expect(first.code).toBe(1);
    expect(first.err).toContain('1 problem (stopped at the first; --full lists them all)');
    const result = await run(['evidence', 'verify', out, '--db', db, '--full']);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^FAIL okta-users\.csv: changed: larger than the \d+ bytes the manifest lists$/m);
    expect(result.err).toContain('FAIL notes.txt: not listed in manifest.json (added after the export)');
    expect(result.err).toContain(`error: ${out} failed verification: 2 problems`);
  });

  it('exports an audit period with --from/--to, and refuses a bad or unavailable one with exit 2 and what is available', async () => {
    const { db } = await syncedDatabase();
    const out = temp.path(`out-${next}`);
    const exported = await run(['evidence', 'export', '--db', db, '--out', out, '--from', '2024-06-02', '--to', '2024-06-04']);
    expect(exported.code, exported.err).toBe(0);
    expect(exported.out).toContain('audit period 2024-06-02T00:00:00.000Z to 2024-06-05T00:00:00.000Z');
    const reversed = await run(['evidence', 'export', '--db', db, '--out', temp.path(`out-${next}-b`), '--from', '2024-06-05', '--to', '2024-06-02']);
    expect(reversed).toMatchObject({ code: 2, err: expect.stringContaining('--from 2024-06-05 is not before --to 2024-06-02') as unknown });
    const beyond = await run(['evidence', 'export', '--db', db, '--out', temp.path(`out-${next}-c`), '--from', '2023-01-01']);
    expect(beyond).toMatchObject({ code: 2, err: expect.stringContaining('covers 2024-05-31T23:59:59.999Z to 2024-06-08T00:00:00.000Z') as unknown });
    expect(existsSync(temp.path(`out-${next}-c`))).toBe(false);
  });

  it('exits 1 when the manifest was re-signed by another key, against the local key and against --trusted-key', async () => {
    const { db, keys } = await syncedDatabase();
    const out = temp.path(`out-${next}`);
    expect((await run(['evidence', 'export', '--db', db, '--out', out])).code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, MANIFEST_FILE), 'utf8')) as Manifest;
    const attacker = generateKeyPairSync('ed25519');
    manifest.generatedAt = '2030-01-01T00:00:00.000Z';
    manifest.signer = { algorithm: 'Ed25519', publicKeyPem: attacker.publicKey.export({ type: 'spki', format: 'pem' }).toString(), publicKeyFingerprint: keyFingerprint(attacker.publicKey) };
    writeFileSync(join(out, MANIFEST_FILE), JSON.stringify(signManifest(manifest, attacker.privateKey), null, 2));

    const local = await run(['evidence', 'verify', out, '--db', db]);
    expect(local.code).toBe(1);
    expect(local.err).toContain(`files intact but signer not trusted: signed by key ${keyFingerprint(attacker.publicKey)}, and it is not this installation's key`);
    const trusted = await run(['evidence', 'verify', out, '--trusted-key', join(keys, PUBLIC_KEY_FILE)]);
    expect(trusted.code).toBe(1);
    expect(trusted.err).toContain('not the trusted key');
    // An auditor on another machine, with no key at all: the re-signed export must not pass (issue 14 item 2).
    const elsewhere = await run(['evidence', 'verify', out, '--db', temp.path(`elsewhere-${next}/okta-evidence.sqlite`)]);
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.out).toBe('');
    expect(elsewhere.err).toContain(`files intact but signer not trusted: signed by key ${keyFingerprint(attacker.publicKey)}`);
    expect(elsewhere.err).toContain('--trusted-key');
  });

  it('prints the installation’s key fingerprint in the export summary and with `evidence key`', async () => {
    const { db, keys } = await syncedDatabase();
    const out = temp.path(`out-${next}`);
    const exported = await run(['evidence', 'export', '--db', db, '--out', out, '--no-tests']);
    const fingerprint = (JSON.parse(readFileSync(join(out, MANIFEST_FILE), 'utf8')) as Manifest).signer.publicKeyFingerprint;
    expect(exported.out).toContain(`signing key fingerprint ${fingerprint}`);
    const key = await run(['evidence', 'key', '--db', db]);
    expect(key.code, key.err).toBe(0);
    expect(key.out.split('\n')[0]).toBe(fingerprint);
    expect(key.out).toContain(join(keys, PUBLIC_KEY_FILE));
  });

  it('finds a PostgreSQL installation’s key in its installation folder, not in the working directory (issue 14 item 4)', async () => {
    const { db } = await syncedDatabase();
    const out = temp.path(`out-${next}`);
    const home = temp.path(`home-${next}`);
    const postgres = 'postgres://oe@db.example.com/okta_evidence';
    // The key of that installation, created where it belongs (no database connection is needed to find it).
    const created = await run(['evidence', 'key', '--db', postgres], { HOME: home });
    expect(created.err).toContain(join(home, '.config', 'okta-evidence', 'keys'));
    const keyDir = join(home, '.config', 'okta-evidence', 'keys');
    expect((await run(['evidence', 'export', '--db', db, '--out', out, '--no-tests', '--key-dir', keyDir])).code).toBe(0);
    const verified = await run(['evidence', 'verify', out, '--db', postgres], { HOME: home });
    expect(verified.code, verified.err).toBe(0);
    expect(verified.out).toContain(`this installation’s key ${join(keyDir, 'evidence-ed25519.pem')}`);
  });

  it('prints a JSON report with --json, and warns when the evidence is incomplete', async () => {
    const datasets = completeDatasets().map((d) => (d.dataset === 'factors' ? { ...d, state: 'partial' as const, reason: 'budget ran out' } : d));
    const { db } = await syncedDatabase({ datasets });
    const out = temp.path(`out-${next}`);
    const exported = await run(['evidence', 'export', '--db', db, '--out', out]);
    expect(exported.code).toBe(0);
    expect(exported.err).toContain('WARNING: INCOMPLETE EVIDENCE: factors: partial (budget ran out)');
    const verified = await run(['evidence', 'verify', out, '--db', db, '--json']);
    expect(verified.code).toBe(0);
    expect(JSON.parse(verified.out)).toMatchObject({ ok: true, org: ORG, complete: false, problems: [], chain: { sequence: 1 }, trust: { kind: 'local-key' } });
    expect(verified.err).toContain('warning: INCOMPLETE EVIDENCE');
  });

  it('reads the key directory from OKTA_EVIDENCE_KEY_DIR and the database from DATABASE_URL', async () => {
    const { db } = await syncedDatabase();
    const keys = temp.path(`custom-keys-${next}`);
    const out = temp.path(`out-${next}`);
    const env = { DATABASE_URL: db, OKTA_EVIDENCE_KEY_DIR: keys };
    expect((await run(['evidence', 'export', '--out', out], env)).code).toBe(0);
    expect(existsSync(join(keys, 'evidence-ed25519.pem'))).toBe(true);
    expect((await run(['evidence', 'verify', out], env)).out).toContain(keys);
  });

  it('is a usage error (exit 2) to export into a non-empty directory, to verify a path that does not exist, or to omit --org with several orgs', async () => {
    const { db } = await syncedDatabase();
    const busy = temp.path(`busy-${next}`);
    mkdirSync(busy);
    writeFileSync(join(busy, 'mine.txt'), 'x');
    const exported = await run(['evidence', 'export', '--db', db, '--out', busy]);
    expect(exported.code).toBe(2);
    expect(exported.err).toContain('already exists and is not empty');
    expect((await run(['evidence', 'verify', temp.path('nothing-here')])).code).toBe(2);
    expect((await run(['evidence', 'export', '--db', db])).code).toBe(2);

    const store = await openDatabase(db);
    await seedOrg(store, { org: 'other.okta.com' }).finally(() => store.close());
    const ambiguous = await run(['evidence', 'export', '--db', db, '--out', temp.path(`amb-${next}`)]);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.err).toContain('--org');
    expect((await run(['evidence', 'export', '--db', db, '--org', 'other.okta.com', '--out', temp.path(`amb-${next}`)])).code).toBe(0);
  });

  it('exits 1 when nothing was synced', async () => {
    const result = await run(['evidence', 'export', '--db', temp.path('never-synced.sqlite'), '--out', temp.path('never')]);
    expect(result.code).toBe(1);
    expect(result.err).toContain('okta-evidence sync');
  });
});
