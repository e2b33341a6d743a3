import { createHash, type KeyObject } from 'node:crypto';
import { EvidenceError, isEvidenceError } from './errors.js';
import { openBundle, type EvidenceBundle } from './bundle.js';
import { MANIFEST_FILE, manifestSchema, type ParsedManifest } from './manifest.js';
import { verifyManifestSignature } from './signature.js';
import { keyFingerprint, publicKeyFromPem } from './signing-key.js';

export interface VerifyProblem {
  /** The file at fault, relative to the export (manifest.json for signature and trust problems). */
  file: string;
  reason: string;
}

/** Which key the signature was checked against, and so what a pass proves. */
export type TrustBasis =
  | { kind: 'trusted-key'; fingerprint: string; source: string }
  | { kind: 'local-key'; fingerprint: string; source: string }
  /** Only the manifest's own key: proves the files match the manifest, not who signed it. */
  | { kind: 'manifest-key'; fingerprint: string };

export interface VerifyOptions {
  /** The key the manifest must be signed by (auditors: the org's published public key). */
  trustedKey?: { publicKey: KeyObject; source: string };
  /** This installation's key, used when no trusted key is given. */
  localKey?: { publicKey: KeyObject; source: string };
  /** The export before this one: its manifest's hash must be this one's `chain.previousManifestSha256`. */
  previous?: string;
}

export interface VerifyReport {
  ok: boolean;
  kind: EvidenceBundle['kind'];
  location: string;
  problems: VerifyProblem[];
  warnings: string[];
  manifest?: ParsedManifest;
  manifestSha256?: string;
  trust?: TrustBasis;
}

/** Manifests are kilobytes; a cap keeps a crafted one from exhausting memory. */
const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;

/**
 * Checks an export (directory or ZIP) against its manifest: the signature over the manifest, the key that made it,
 * every listed file's size and SHA-256, and that nothing unlisted was added. Every problem is collected (not just
 * the first), each naming its file. Only an unreadable path throws.
 */
export async function verifyEvidence(location: string, options: VerifyOptions = {}): Promise<VerifyReport> {
  const bundle = await openBundle(location);
  try {
    const report: VerifyReport = { ok: false, kind: bundle.kind, location: bundle.location, problems: [...bundle.irregular], warnings: [] };
    const loaded = await loadManifest(bundle, report.problems);
    if (loaded === undefined) return report;
    const { raw, manifest, sha256 } = loaded;
    report.manifest = manifest;
    report.manifestSha256 = sha256;
    report.trust = checkSignature(raw, manifest, options, report);
    await checkFiles(bundle, manifest, report.problems);
    if (options.previous !== undefined) await checkPrevious(options.previous, manifest, report.problems);
    if (!manifest.complete) report.warnings.push(manifest.warning ?? 'INCOMPLETE EVIDENCE: the manifest says some datasets are incomplete.');
    report.ok = report.problems.length === 0;
    return report;
  } finally {
    await bundle.close();
  }
}

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
  try {
    bytes = await readAll(bundle, MANIFEST_FILE, MAX_MANIFEST_BYTES);
    raw = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    return fail(`unreadable (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail(`not a valid okta-evidence manifest (${issue === undefined ? 'unknown issue' : `${issue.path.join('.')}: ${issue.message}`})`);
  }
  return { raw: raw as object, manifest: parsed.data, sha256: createHash('sha256').update(bytes).digest('hex') };
}

function checkSignature(raw: object, manifest: ParsedManifest, options: VerifyOptions, report: VerifyReport): TrustBasis | undefined {
  const problem = (reason: string): undefined => {
    report.problems.push({ file: MANIFEST_FILE, reason });
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
    report.warnings.push(
      `no trusted key: the signature is valid for the key inside the manifest (${fingerprint}), which proves the files match the manifest but not who signed it. Compare that fingerprint with the one the org published, or pass --trusted-key FILE.`,
    );
    return { kind: 'manifest-key', fingerprint };
  }
  const trusted = keyFingerprint(expected.publicKey);
  const kind = options.trustedKey === undefined ? 'local-key' : 'trusted-key';
  if (trusted !== fingerprint) {
    const hint =
      kind === 'local-key'
        ? `this installation's key ${trusted} (${expected.source}); if the export comes from another installation, verify with --trusted-key and its public key`
        : `the trusted key ${trusted} (${expected.source})`;
    return problem(`signed by key ${fingerprint}, not by ${hint}: the manifest may have been re-signed by someone else`);
  }
  return { kind, fingerprint, source: expected.source };
}

async function checkFiles(bundle: EvidenceBundle, manifest: ParsedManifest, problems: VerifyProblem[]): Promise<void> {
  const listed = new Set<string>();
  for (const file of manifest.files) {
    if (listed.has(file.path)) {
      problems.push({ file: file.path, reason: 'listed more than once in manifest.json' });
      continue;
    }
    listed.add(file.path);
    if (!bundle.names.includes(file.path)) {
      problems.push({ file: file.path, reason: 'listed in manifest.json but missing (removed after the export)' });
      continue;
    }
    const hash = createHash('sha256');
    let bytes = 0;
    try {
      for await (const chunk of bundle.read(file.path)) {
        hash.update(chunk);
        bytes += chunk.length;
      }
    } catch (error) {
      problems.push({ file: file.path, reason: isEvidenceError(error) ? `damaged in the archive: ${error.message}` : `unreadable: ${String(error)}` });
      continue;
    }
    const sha256 = hash.digest('hex');
    if (bytes !== file.bytes) problems.push({ file: file.path, reason: `changed: ${bytes} bytes, the manifest lists ${file.bytes}` });
    else if (sha256 !== file.sha256) problems.push({ file: file.path, reason: `changed: SHA-256 is ${sha256}, the manifest lists ${file.sha256}` });
  }
  for (const name of bundle.names) {
    if (name !== MANIFEST_FILE && !listed.has(name)) problems.push({ file: name, reason: 'not listed in manifest.json (added after the export)' });
  }
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
