import { createHash, generateKeyPairSync } from 'node:crypto';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../store/database.js';
import { exportEvidence, type EvidenceExport } from './export.js';
import { MANIFEST_FILE, type Manifest } from './manifest.js';
import { packEvidence } from './pack.js';
import { signManifest } from './signature.js';
import { keyFingerprint, loadOrCreateSigningKey, type SigningKey } from './signing-key.js';
import { seedOrg } from './testing/seed-org.js';
import { verifyEvidence, type VerifyOptions } from './verify.js';

const root = mkdtempSync(join(tmpdir(), 'okta-evidence-verify-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let key: SigningKey;
let first: EvidenceExport;
let pristine: EvidenceExport;
beforeAll(async () => {
  const store = await openDatabase(join(root, 'db.sqlite'));
  try {
    const { org } = await seedOrg(store);
    key = await loadOrCreateSigningKey(join(root, 'keys'));
    const options = { store, org, signingKey: key, now: () => new Date('2024-06-08T01:00:00Z') };
    first = await exportEvidence({ ...options, outDir: join(root, 'first') });
    pristine = await exportEvidence({ ...options, outDir: join(root, 'pristine') });
  } finally {
    await store.close();
  }
});

let next = 0;
/** A copy of the pristine export to tamper with. */
function copy(): string {
  const dir = join(root, `copy-${(next += 1)}`);
  cpSync(pristine.directory, dir, { recursive: true });
  return dir;
}
const trusted = (): VerifyOptions => ({ trustedKey: { publicKey: key.publicKey, source: 'test key' } });
const manifestOf = (dir: string) => JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8')) as Manifest;
const writeManifest = (dir: string, manifest: Manifest) => writeFileSync(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);

function otherKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), fingerprint: keyFingerprint(publicKey), path: '', created: true };
}

/** An attacker's edit: change a file, fix its hash in the manifest, sign again with their own key. */
function tamperAndResign(dir: string, signer: SigningKey): void {
  appendFileSync(join(dir, 'okta-users.csv'), 'evil,row\r\n');
  const manifest = manifestOf(dir);
  const bytes = readFileSync(join(dir, 'okta-users.csv'));
  const file = manifest.files.find((f) => f.path === 'okta-users.csv')!;
  file.sha256 = createHash('sha256').update(bytes).digest('hex');
  file.bytes = bytes.length;
  manifest.signer = { algorithm: 'Ed25519', publicKeyPem: signer.publicKeyPem, publicKeyFingerprint: signer.fingerprint };
  writeManifest(dir, signManifest(manifest, signer.privateKey));
}

describe('verifyEvidence', () => {
  it('passes an intact export against the trusted key or the local key', async () => {
    const withTrusted = await verifyEvidence(pristine.directory, trusted());
    expect(withTrusted).toMatchObject({ ok: true, kind: 'directory', problems: [], warnings: [], trust: { kind: 'trusted-key', fingerprint: key.fingerprint } });
    expect(withTrusted.manifestSha256).toBe(pristine.manifestSha256);
    expect((await verifyEvidence(pristine.directory, { localKey: { publicKey: key.publicKey, source: 'local' } })).trust).toMatchObject({ kind: 'local-key' });
  });

  it('does not pass an intact export when there is no key to trust (issue 14 item 2): the files match, the signer is unknown', async () => {
    const alone = await verifyEvidence(pristine.directory);
    expect(alone).toMatchObject({ ok: false, problems: [], trust: { kind: 'untrusted', fingerprint: key.fingerprint } });
    expect(alone.trust).toMatchObject({ reason: expect.stringContaining('--trusted-key') as unknown });
  });

  it('fails a file changed by one byte, naming the file', async () => {
    const dir = copy();
    const path = join(dir, 'okta-users.json');
    const bytes = readFileSync(path);
    bytes[100] = bytes[100]! ^ 0x20;
    writeFileSync(path, bytes);
    const report = await verifyEvidence(dir, trusted());
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([{ file: 'okta-users.json', reason: expect.stringMatching(/^changed: SHA-256 is [0-9a-f]{64}, the manifest lists/) as unknown }]);
  });

  it('fails a truncated file by its size', async () => {
    const dir = copy();
    writeFileSync(join(dir, 'system-logs.jsonl'), '');
    expect((await verifyEvidence(dir, trusted())).problems).toEqual([{ file: 'system-logs.jsonl', reason: expect.stringMatching(/^changed: 0 bytes, the manifest lists \d+/) as unknown }]);
  });

  it('fails a removed file and an added one', async () => {
    const dir = copy();
    unlinkSync(join(dir, 'mfa-policies.json'));
    writeFileSync(join(dir, 'extra.csv'), 'a,b\r\n');
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'hidden.txt'), 'x');
    expect((await verifyEvidence(dir, { ...trusted(), full: true })).problems).toEqual([
      { file: 'mfa-policies.json', reason: 'listed in manifest.json but missing (removed after the export)' },
      { file: 'extra.csv', reason: 'not listed in manifest.json (added after the export)' },
      { file: 'sub/hidden.txt', reason: 'not listed in manifest.json (added after the export)' },
    ]);
  });

  it.skipIf(process.platform === 'win32')('fails a symbolic link in place of a file', async () => {
    const dir = copy();
    unlinkSync(join(dir, 'okta-users.csv'));
    symlinkSync(join(pristine.directory, 'okta-users.csv'), join(dir, 'okta-users.csv'));
    const problems = (await verifyEvidence(dir, trusted())).problems;
    expect(problems).toContainEqual({ file: 'okta-users.csv', reason: expect.stringMatching(/not a regular file \(a symbolic link\)/) as unknown });
  });

  it('fails a manifest edited after signing', async () => {
    const dir = copy();
    writeManifest(dir, { ...manifestOf(dir), complete: true, org: 'someone-else.example.com' });
    expect((await verifyEvidence(dir, trusted())).problems).toEqual([
      { file: MANIFEST_FILE, reason: 'the signature does not match the manifest: the manifest was changed after it was signed' },
    ]);
  });

  it('fails a manifest re-signed by another key: against the trusted key, the local key, and with no key at all', async () => {
    const dir = copy();
    const attacker = otherKey();
    tamperAndResign(dir, attacker);
    const report = await verifyEvidence(dir, trusted());
    expect(report).toMatchObject({ ok: false, problems: [], trust: { kind: 'untrusted', fingerprint: attacker.fingerprint } });
    expect(report.trust).toMatchObject({ reason: expect.stringContaining(`not the trusted key ${key.fingerprint}`) as unknown });
    const local = await verifyEvidence(dir, { localKey: { publicKey: key.publicKey, source: 'data/keys/evidence-ed25519.pem' } });
    expect(local.trust).toMatchObject({ kind: 'untrusted', reason: expect.stringContaining(`not this installation's key ${key.fingerprint} (data/keys/evidence-ed25519.pem)`) as unknown });
    // With no key to compare against, the files match the (attacker's) manifest, and that is not a pass.
    const alone = await verifyEvidence(dir);
    expect(alone).toMatchObject({ ok: false, trust: { kind: 'untrusted', fingerprint: attacker.fingerprint } });
  });

  it('rejects a manifest naming a member twice, whatever the signature (issue 14 item 3)', async () => {
    const dir = copy();
    const text = readFileSync(join(dir, MANIFEST_FILE), 'utf8');
    // An earlier "org" that JSON.parse ignores but other tools read; the signature still covers the parsed manifest.
    writeFileSync(join(dir, MANIFEST_FILE), text.replace('{\n', '{\n  "org": "evil.okta.com",\n'));
    const report = await verifyEvidence(dir, trusted());
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([{ file: MANIFEST_FILE, reason: expect.stringMatching(/^not a valid okta-evidence manifest \(duplicate member "org" at \$/) as unknown }]);
  });

  it('rejects a manifest nested thousands of levels deep without overflowing the stack', async () => {
    const dir = copy();
    const manifest = manifestOf(dir) as unknown as Record<string, unknown>;
    const text = JSON.stringify({ ...manifest, extra: 0 }).replace('"extra":0', `"extra":${'['.repeat(20_000)}${']'.repeat(20_000)}`);
    writeFileSync(join(dir, MANIFEST_FILE), text);
    const report = await verifyEvidence(dir, trusted());
    expect(report.problems[0]?.reason).toMatch(/nesting deeper than 32 levels at \$\.extra/);
  });

  it('fails a manifest whose signer fingerprint does not match its key, a missing manifest and a broken one', async () => {
    const mismatched = copy();
    const manifest = manifestOf(mismatched);
    manifest.signer.publicKeyFingerprint = otherKey().fingerprint;
    writeManifest(mismatched, signManifest(manifest, key.privateKey));
    expect((await verifyEvidence(mismatched, trusted())).problems[0]?.reason).toMatch(/publicKeyFingerprint does not match/);

    const missing = copy();
    unlinkSync(join(missing, MANIFEST_FILE));
    expect((await verifyEvidence(missing, trusted())).problems).toEqual([{ file: MANIFEST_FILE, reason: expect.stringMatching(/^missing/) as unknown }]);

    const broken = copy();
    writeFileSync(join(broken, MANIFEST_FILE), '{"manifestVersion": 1,');
    expect((await verifyEvidence(broken, trusted())).problems[0]).toMatchObject({ file: MANIFEST_FILE, reason: expect.stringMatching(/^unreadable/) as unknown });
  });

  it('refuses manifest paths that would reach outside the export', async () => {
    const dir = copy();
    const manifest = manifestOf(dir);
    manifest.files[0]!.path = '../pristine/okta-users.csv';
    writeManifest(dir, signManifest(manifest, key.privateKey));
    expect((await verifyEvidence(dir, trusted())).problems[0]).toMatchObject({ file: MANIFEST_FILE, reason: expect.stringMatching(/not a valid okta-evidence manifest \(files\.0\.path/) as unknown });
  });

  it('checks the chain link to the previous export', async () => {
    expect((await verifyEvidence(pristine.directory, { ...trusted(), previous: first.directory })).ok).toBe(true);
    const wrong = await verifyEvidence(pristine.directory, { ...trusted(), previous: pristine.directory });
    expect(wrong.problems[0]).toMatchObject({ file: MANIFEST_FILE, reason: expect.stringContaining('not the export before this one') as unknown });
  });

  it('verifies the ZIP of an export, and fails a ZIP whose content was changed', async () => {
    const zip = join(root, `evidence-${(next += 1)}.zip`);
    await packEvidence(pristine.directory, zip, pristine.manifest);
    expect(await verifyEvidence(zip, { ...trusted(), previous: first.directory })).toMatchObject({ ok: true, kind: 'zip', manifestSha256: pristine.manifestSha256 });

    const bytes = readFileSync(zip);
    const at = bytes.indexOf(Buffer.from('okta-users.csv')) + 'okta-users.csv'.length + 3;
    bytes[at] = bytes[at]! ^ 0xff;
    const damaged = join(root, `damaged-${next}.zip`);
    writeFileSync(damaged, bytes);
    const report = await verifyEvidence(damaged, trusted());
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.file)).toEqual(['okta-users.csv']);
  });

  it('fails a ZIP with an unlisted entry or a file missing', async () => {
    const dir = copy();
    writeFileSync(join(dir, 'extra.txt'), 'added');
    const zip = join(root, `extra-${(next += 1)}.zip`);
    await packEvidence(dir, zip, { ...pristine.manifest, files: [...pristine.manifest.files.slice(1), { ...pristine.manifest.files[0]!, path: 'extra.txt' }] });
    const problems = (await verifyEvidence(zip, { ...trusted(), full: true })).problems;
    expect(problems).toContainEqual({ file: pristine.manifest.files[0]!.path, reason: 'listed in manifest.json but missing (removed after the export)' });
    expect(problems).toContainEqual({ file: 'extra.txt', reason: 'not listed in manifest.json (added after the export)' });
  });

  it('stops at the first failure unless asked for a full report (issue 14 item 10)', async () => {
    const dir = copy();
    writeManifest(dir, { ...manifestOf(dir), generatedAt: '2030-01-01T00:00:00.000Z' });
    unlinkSync(join(dir, 'okta-users.csv'));
    writeFileSync(join(dir, 'added.txt'), 'x');
    const first = await verifyEvidence(dir, trusted());
    expect(first).toMatchObject({ ok: false, stoppedEarly: true, problems: [{ file: MANIFEST_FILE, reason: expect.stringMatching(/^the signature does not match/) as unknown }] });
    const all = await verifyEvidence(dir, { ...trusted(), full: true });
    expect(all.stoppedEarly).toBe(false);
    expect(all.problems.map((p) => p.file)).toEqual([MANIFEST_FILE, 'okta-users.csv', 'added.txt']);
  });

  it('reads no file past the size its manifest lists', async () => {
    const dir = copy();
    const listed = manifestOf(dir).files.find((f) => f.path === 'okta-users.csv')!;
    writeFileSync(join(dir, 'okta-users.csv'), Buffer.alloc(listed.bytes + 5_000_000, 0x41));
    const report = await verifyEvidence(dir, trusted());
    expect(report.problems).toEqual([{ file: 'okta-users.csv', reason: `changed: larger than the ${listed.bytes} bytes the manifest lists` }]);
  });

  it.skipIf(process.platform === 'win32')('escapes control characters in the names of added files (issue 14 item 9)', async () => {
    const dir = copy();
    writeFileSync(join(dir, 'x\u001b[31m\nFAIL forged'), 'x');
    const report = await verifyEvidence(dir, trusted());
    expect(report.problems).toEqual([{ file: 'x\\x1b[31m\\x0aFAIL forged', reason: 'not listed in manifest.json (added after the export)' }]);
  });
});
