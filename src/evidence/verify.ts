import { createHash, type KeyObject } from 'node:crypto';
import { printable } from '../text/printable.js';
import { EvidenceError, isEvidenceError } from './errors.js';
import { openBundle, type EvidenceBundle } from './bundle.js';
import { MANIFEST_FILE, manifestSchema, type ParsedManifest } from './manifest.js';
import { verifyManifestSignature } from './signature.js';
import { keyFingerprint, publicKeyFromPem } from './signing-key.js';
import { jsonStructureProblem } from './strict-json.js';
import { headerProblems } from './verify-headers.js';

export interface VerifyProblem {
  /** The file at fault, relative to the export (manifest.json for signature problems), control characters escaped. */
  file: string;
  reason: string;
}

/**
 * Who signed, and whether that signer is trusted: the key given as trusted, else this installation's own key.
 * `untrusted` means the signature is valid for the key inside the manifest, which proves the files match the
 * manifest but not who wrote it: anyone can re-sign a changed export with a key of their own.
 */
export type TrustBasis =
  | { kind: 'trusted-key'; fingerprint: string; source: string }
  | { kind: 'local-key'; fingerprint: string; source: string }
  | { kind: 'untrusted'; fingerprint: string; reason: string };

export interface VerifyOptions {
  /** The key the manifest must be signed by (auditors: the org's published public key). */
  trustedKey?: { publicKey: KeyObject; source: string };
  /** This installation's key, used when no trusted key is given. */
  localKey?: { publicKey: KeyObject; source: string };
  /** The export before this one: its manifest's hash must be this one's `chain.previousManifestSha256`. */
  previous?: string;
  /** Go on after the first failure and list every problem (default: stop at the first, reading nothing more). */
  full?: boolean;
}

export interface VerifyReport {
  /** True only when every file matches and the signer is trusted. */
  ok: boolean;
  kind: EvidenceBundle['kind'];
  location: string;
  problems: VerifyProblem[];
  warnings: string[];
  manifest?: ParsedManifest;
  manifestSha256?: string;
  trust?: TrustBasis;
  /** True when verification stopped at the first problem, so later checks did not run. */
  stoppedEarly: boolean;
}

/** Manifests are kilobytes; a cap keeps a crafted one from exhausting memory. */
const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;
/** A manifest nests five levels; more is crafted, and would overflow the recursive canonical JSON of the signature. */
const MAX_MANIFEST_DEPTH = 32;

/**
 * Checks an export (directory or ZIP) against its manifest: the manifest's form (no duplicate members), the signature
 * over it, the key that made it, every listed file's size and SHA-256, that nothing unlisted was added, and that each
 * artifact file's own header (JSON, the first JSON Lines line, CSV identity columns) agrees with the manifest. Stops at
 * the first problem unless `full`. No file is read past the size the manifest lists for it, so the bytes inflated
 * from a ZIP never exceed the manifest's total. Only an unreadable path throws.
 */
export async function verifyEvidence(location: string, options: VerifyOptions = {}): Promise<VerifyReport> {
  const bundle = await openBundle(location);
  const full = options.full === true;
  try {
    const report: VerifyReport = { ok: false, kind: bundle.kind, location: bundle.location, problems: [], warnings: [], stoppedEarly: false };
    const stop = (): boolean => {
      report.stoppedEarly = !full && report.problems.length > 0;
      return report.stoppedEarly;
    };
    report.problems.push(...bundle.irregular.map(({ file, reason }) => ({ file: printable(file), reason })));
    if (stop()) return report;
    const loaded = await loadManifest(bundle, report.problems);
    if (loaded === undefined) return report;
    const { raw, manifest, sha256 } = loaded;
    report.manifest = manifest;
    report.manifestSha256 = sha256;
    report.trust = checkSignature(raw, manifest, options, report.problems);
    if (stop()) return report;
    await checkFiles(bundle, manifest, report.problems, full);
    if (stop()) return report;
    report.problems.push(...(await headerProblems(bundle, manifest, new Set(report.problems.map((problem) => problem.file)))));
    if (stop()) return report;
    if (options.previous !== undefined) await checkPrevious(options.previous, manifest, report.problems);
    if (!manifest.complete) report.warnings.push(manifest.warning ?? 'INCOMPLETE EVIDENCE: the manifest says some datasets are incomplete.');
    stop();
    report.ok = report.problems.length === 0 && report.trust !== undefined && report.trust.kind !== 'untrusted';
    return report;
  } finally {
    await bundle.close();
  }
}

/** The bytes of `name`, at most `limit` of them: more is an error, and nothing past the limit is read. */
async function readAll(bundle: EvidenceBundle, name: string, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of bundle.read(name)) {
    length += chunk.length;
    if (length > limit) throw new EvidenceError('EVIDENCE_NOT_FOUND', `${name} is larger than ${limit} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

async function loadManifest(
  bundle: EvidenceBundle,
  problems: VerifyProblem[],
): Promise<{ raw: object; manifest: ParsedManifest; sha256: string } | undefined> {
  const fail = (reason: string): undefined => {
    problems.push({ file: MANIFEST_FILE, reason });
    return undefined;
  };
  if (!bundle.names.includes(MANIFEST_FILE)) return fail('missing: without it nothing in the export can be verified');
  let bytes: Buffer;
  let raw: unknown;
  let text: string;
  try {
    bytes = await readAll(bundle, MANIFEST_FILE, MAX_MANIFEST_BYTES);
    text = bytes.toString('utf8');
    raw = JSON.parse(text);
  } catch (error) {
    return fail(`unreadable (${printable(error instanceof Error ? error.message : String(error), 300)})`);
  }
  const structure = jsonStructureProblem(text, MAX_MANIFEST_DEPTH);
  if (structure !== undefined) return fail(`not a valid okta-evidence manifest (${printable(structure, 300)})`);
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail(`not a valid okta-evidence manifest (${issue === undefined ? 'unknown issue' : printable(`${issue.path.join('.')}: ${issue.message}`, 300)})`);
  }
  return { raw: raw as object, manifest: parsed.data, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** A problem when the signature does not hold; otherwise who signed and whether that key is trusted. */
function checkSignature(raw: object, manifest: ParsedManifest, options: VerifyOptions, problems: VerifyProblem[]): TrustBasis | undefined {
  const problem = (reason: string): undefined => {
    problems.push({ file: MANIFEST_FILE, reason });
    return undefined;
  };
  let signer: KeyObject;
  try {
    signer = publicKeyFromPem(manifest.signer.publicKeyPem);
  } catch {
    return problem('signer.publicKeyPem is not an Ed25519 public key');
  }
  const fingerprint = keyFingerprint(signer);
  if (fingerprint !== manifest.signer.publicKeyFingerprint) return problem(`signer.publicKeyFingerprint does not match signer.publicKeyPem (${fingerprint})`);
  if (!verifyManifestSignature(raw, manifest.signature.value, signer)) {
    return problem('the signature does not match the manifest: the manifest was changed after it was signed');
  }
  const expected = options.trustedKey ?? options.localKey;
  if (expected === undefined) {
    return {
      kind: 'untrusted',
      fingerprint,
      reason:
        'there is no key to trust here: pass --trusted-key with the public key the org published (`okta-evidence evidence key` prints an installation’s fingerprint), or --db to use this installation’s key',
    };
  }
  const trusted = keyFingerprint(expected.publicKey);
  const kind = options.trustedKey === undefined ? 'local-key' : 'trusted-key';
  if (trusted !== fingerprint) {
    const reason =
      kind === 'local-key'
        ? `it is not this installation's key ${trusted} (${expected.source}); if the export comes from another installation, verify with --trusted-key and its public key`
        : `it is not the trusted key ${trusted} (${expected.source}): the manifest may have been re-signed by someone else`;
    return { kind: 'untrusted', fingerprint, reason };
  }
  return { kind, fingerprint, source: expected.source };
}

async function checkFiles(bundle: EvidenceBundle, manifest: ParsedManifest, problems: VerifyProblem[], full: boolean): Promise<void> {
  const listed = new Set<string>();
  const names = new Set(bundle.names);
  for (const file of manifest.files) {
    if (!full && problems.length > 0) return;
    if (listed.has(file.path)) {
      problems.push({ file: file.path, reason: 'listed more than once in manifest.json' });
      continue;
    }
    listed.add(file.path);
    if (!names.has(file.path)) {
      problems.push({ file: file.path, reason: 'listed in manifest.json but missing (removed after the export)' });
      continue;
    }
    const problem = await checkFile(bundle, file);
    if (problem !== undefined) problems.push({ file: file.path, reason: problem });
  }
  for (const name of bundle.names) {
    if (!full && problems.length > 0) return;
    if (name !== MANIFEST_FILE && !listed.has(name)) problems.push({ file: printable(name), reason: 'not listed in manifest.json (added after the export)' });
  }
}

/** Hashes one file, reading at most one byte more than the manifest lists (enough to tell it grew). */
async function checkFile(bundle: EvidenceBundle, file: ParsedManifest['files'][number]): Promise<string | undefined> {
  const hash = createHash('sha256');
  let bytes = 0;
  try {
    for await (const chunk of bundle.read(file.path)) {
      const room = file.bytes + 1 - bytes;
      const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
      hash.update(part);
      bytes += part.length;
      if (bytes > file.bytes) return `changed: larger than the ${file.bytes} bytes the manifest lists`;
    }
  } catch (error) {
    return isEvidenceError(error) ? `damaged in the archive: ${printable(error.message, 500)}` : `unreadable: ${printable(String(error), 500)}`;
  }
  const sha256 = hash.digest('hex');
  if (bytes !== file.bytes) return `changed: ${bytes} bytes, the manifest lists ${file.bytes}`;
  if (sha256 !== file.sha256) return `changed: SHA-256 is ${sha256}, the manifest lists ${file.sha256}`;
  return undefined;
}

async function checkPrevious(previous: string, manifest: ParsedManifest, problems: VerifyProblem[]): Promise<void> {
  const bundle = await openBundle(previous);
  try {
    if (!bundle.names.includes(MANIFEST_FILE)) {
      problems.push({ file: MANIFEST_FILE, reason: `the previous export ${previous} has no manifest.json to chain to` });
      return;
    }
    const sha256 = createHash('sha256').update(await readAll(bundle, MANIFEST_FILE, MAX_MANIFEST_BYTES)).digest('hex');
    if (manifest.chain.previousManifestSha256 !== sha256) {
      problems.push({
        file: MANIFEST_FILE,
        reason: `chain.previousManifestSha256 is ${manifest.chain.previousManifestSha256 ?? 'null'}, but the manifest of ${previous} hashes to ${sha256}: not the export before this one`,
      });
    }
  } finally {
    await bundle.close();
  }
}
