import { createReadStream } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { Env } from '../config/env.js';
import { installationDir } from '../config/installation.js';
import { MANIFEST_FILE, packEvidence, verifyEvidence, readLocalPublicKey, type Manifest, type VerifyProblem } from '../evidence/index.js';
import { DOWNSTREAM_EVIDENCE_FOLDER } from './downstream/evidence.js';
import { NotFoundError } from './read/errors.js';

/**
 * Where the scheduler keeps each org's exports: `<installation>/evidence/<domain>/<export id>/`, and those of each
 * downstream service mapped to the org (a GitHub connection, an imported service) in their own chains beside them:
 * `<installation>/evidence/<domain>/downstream/<service id>/<export id>/`.
 */
export function evidenceRoot(databaseUrl: string, env: Env): string {
  return join(installationDir(databaseUrl, env), 'evidence');
}

/**
 * An export id is the folder name the pipeline gives it (`exportFolderName`): time, then the sync id. Only names of
 * this shape are ever joined to a path, so no client value can climb out of the org's folder.
 */
export const EXPORT_ID = /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z-[A-Za-z0-9_-]{1,100}$/;
/** An org domain as the store keys it (also the folder name under the evidence root). */
const ORG_DOMAIN = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/;

export interface EvidenceExportSummary {
  id: string;
  org: string;
  syncId: string | null;
  generatedAt: string;
  complete: boolean;
  files: number;
  sequence: number | null;
  /** The frameworks the export's artifacts are mapped to (from the manifest's controls), in the manifest's order. */
  frameworks: string[];
  /** Evidence of the built-in simulated org says so (the manifest's `simulated` note); null for a real org. */
  simulated: string | null;
  /** A downstream service's export (its own chain): the service; null for the org's own exports. */
  service: { id: string; name: string; kind: string } | null;
}

export interface EvidenceExportVerification {
  id: string;
  ok: boolean;
  trust: { kind: 'trusted-key' | 'local-key' | 'untrusted'; fingerprint: string } | null;
  manifestSha256: string | null;
  problems: VerifyProblem[];
  warnings: string[];
}

export interface EvidenceExportLocation {
  /** `<installation>/evidence`. */
  root: string;
  /** The installation's signing-key folder: its public key is what a kept export is trusted by. */
  keyDir: string;
}

function orgFolder(location: EvidenceExportLocation, org: string): string {
  if (!ORG_DOMAIN.test(org)) throw new NotFoundError(`No evidence for "${org}": use an org domain from GET /api/orgs.`);
  return join(location.root, org);
}

/** A service's folder name as `downstreamEvidenceFolder` writes it: only such names are joined to a path. */
const SERVICE_FOLDER = /^[A-Za-z0-9_-]{1,100}$/;

/** Folders under `folder` whose names match `shape`; none when `folder` does not exist. */
async function subfolders(folder: string, shape: RegExp): Promise<string[]> {
  try {
    const entries = await readdir(folder, { withFileTypes: true });
    return entries.filter((entry) => entry.isDirectory() && shape.test(entry.name)).map((entry) => entry.name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Every folder that holds exports of the org: its own, then each downstream service's. */
async function exportFolders(location: EvidenceExportLocation, org: string): Promise<string[]> {
  const folder = orgFolder(location, org);
  const services = join(folder, DOWNSTREAM_EVIDENCE_FOLDER);
  return [folder, ...(await subfolders(services, SERVICE_FOLDER)).sort().map((name) => join(services, name))];
}

/** The export's folder, wherever among the org's folders it is (export ids are unique: time, then a sync or read id). */
async function exportFolder(location: EvidenceExportLocation, org: string, id: string): Promise<string | undefined> {
  if (!EXPORT_ID.test(id)) throw new NotFoundError(`No evidence export "${id}" of ${org}: use an id from the export list.`);
  for (const folder of await exportFolders(location, org)) {
    if ((await subfolders(folder, EXPORT_ID)).includes(id)) return join(folder, id);
  }
  return undefined;
}

/** The manifest's own fields, loosely: a damaged one is listed (and fails verification), never a crash. */
async function readManifest(directory: string): Promise<Manifest | undefined> {
  try {
    const parsed: unknown = JSON.parse(await readFile(join(directory, MANIFEST_FILE), 'utf8'));
    const candidate = parsed as Partial<Manifest> | null;
    if (typeof candidate !== 'object' || candidate === null || !Array.isArray(candidate.files) || typeof candidate.generatedAt !== 'string') return undefined;
    return parsed as Manifest;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || error instanceof SyntaxError) return undefined;
    throw error;
  }
}

/**
 * The exports kept for an org and for the downstream services mapped to it, newest first (a folder without a readable
 * manifest is listed as incomplete). A service's exports name it (`service`); their `sequence` is in its own chain.
 */
export async function listEvidenceExports(location: EvidenceExportLocation, org: string): Promise<EvidenceExportSummary[]> {
  const found: { id: string; directory: string }[] = [];
  for (const folder of await exportFolders(location, org)) {
    for (const id of await subfolders(folder, EXPORT_ID)) found.push({ id, directory: join(folder, id) });
  }
  found.sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  return Promise.all(
    found.map(async ({ id, directory }) => {
      const manifest = await readManifest(directory);
      return {
        id,
        org,
        syncId: manifest?.syncId ?? null,
        generatedAt: manifest?.generatedAt ?? '',
        complete: manifest?.complete === true,
        files: manifest?.files.length ?? 0,
        sequence: manifest === undefined ? null : (manifest as Partial<Manifest>).chain?.sequence ?? null,
        frameworks: manifest === undefined ? [] : frameworksOf(manifest),
        simulated: typeof manifest?.simulated === 'string' ? manifest.simulated : null,
        service: serviceOf(manifest),
      };
    }),
  );
}

/** The downstream service a manifest names, loosely read (a damaged member gives null, never a crash). */
function serviceOf(manifest: Manifest | undefined): EvidenceExportSummary['service'] {
  const service = (manifest?.downstream as Partial<NonNullable<Manifest['downstream']>> | undefined)?.service as Partial<NonNullable<Manifest['downstream']>['service']> | undefined;
  if (typeof service?.id !== 'string' || typeof service.name !== 'string' || typeof service.kind !== 'string') return null;
  return { id: service.id, name: service.name, kind: service.kind };
}

/** Framework ids named by the artifacts' control references; a damaged manifest yields what it can. */
function frameworksOf(manifest: Manifest): string[] {
  const artifacts: unknown = (manifest as Partial<Manifest>).artifacts;
  if (!Array.isArray(artifacts)) return [];
  const seen = new Set<string>();
  for (const artifact of artifacts as Partial<Manifest['artifacts'][number]>[]) {
    for (const control of Array.isArray(artifact.controls) ? artifact.controls : []) {
      if (typeof control.framework === 'string') seen.add(control.framework);
    }
  }
  return [...seen];
}

async function existingExport(location: EvidenceExportLocation, org: string, id: string): Promise<{ directory: string; manifest: Manifest }> {
  const directory = await exportFolder(location, org, id);
  const manifest = directory === undefined ? undefined : await readManifest(directory);
  if (directory === undefined || manifest === undefined) throw new NotFoundError(`No evidence export "${id}" of ${org}: use an id from the export list.`);
  return { directory, manifest };
}

/**
 * The export packed as a ZIP and streamed. The ZIP writer needs a seekable file, so it packs into a private temporary
 * folder that is removed once the stream ends or is abandoned; memory stays at one chunk whatever the export's size.
 */
export async function openEvidenceZip(location: EvidenceExportLocation, org: string, id: string): Promise<{ fileName: string; stream: Readable }> {
  const { directory, manifest } = await existingExport(location, org, id);
  const scratch = await mkdtemp(join(tmpdir(), 'oe-zip-'));
  const target = join(scratch, `${id}.zip`);
  try {
    await packEvidence(directory, target, manifest);
  } catch (error) {
    await rm(scratch, { recursive: true, force: true });
    throw error;
  }
  const stream = createReadStream(target);
  stream.once('close', () => void rm(scratch, { recursive: true, force: true }));
  return { fileName: `${org}-${id}.zip`, stream };
}

/** Verifies a kept export against the installation's own public key (every problem listed, not just the first). */
export async function verifyKeptExport(location: EvidenceExportLocation, org: string, id: string): Promise<EvidenceExportVerification> {
  const { directory } = await existingExport(location, org, id);
  const warnings: string[] = [];
  let localKey;
  try {
    const local = await readLocalPublicKey(location.keyDir);
    localKey = local === undefined ? undefined : { publicKey: local.publicKey, source: local.path };
  } catch (error) {
    warnings.push(error instanceof Error ? error.message : String(error));
  }
  const report = await verifyEvidence(directory, { localKey, full: true });
  return {
    id,
    ok: report.ok,
    // The key's source is a path on the server: not for the client.
    trust: report.trust === undefined ? null : { kind: report.trust.kind, fingerprint: report.trust.fingerprint },
    manifestSha256: report.manifestSha256 ?? null,
    problems: report.problems,
    warnings: [...warnings, ...report.warnings],
  };
}
