import { simulatedNotice } from './org-identity.js';
import { z } from 'zod';
import type { EvidenceArtifact } from './artifact.js';
import type { testRunSummary } from './artifacts/security-test-results.js';
import { CSV_DIALECT } from './csv.js';
import { DATA_ACCESS } from './data-access.js';
import { describeGaps, incompleteWarning } from './completeness.js';
import { controlReferences, type ArtifactCompleteness, type ControlReference, type ExportContext } from './header.js';
import type { WrittenFile } from './write-artifact.js';

export const MANIFEST_FILE = 'manifest.json';
/**
 * 2: every artifact file begins with its header (JSON `{"header"}`, a first JSON Lines line `{"header": …}`, CSV
 * identity columns), which verification checks against the manifest. Version 1 exports still verify, without that.
 */
export const MANIFEST_VERSION = 2;
export const MANIFEST_VERSIONS_READ = [1, 2] as const;

export interface ManifestArtifact {
  id: string;
  title: string;
  description: string;
  complete: boolean;
  warning?: string;
  gaps: string[];
  datasets: string[];
  files: string[];
  controls: ControlReference[];
}

/** The security tests shipped with the export, or why there are none. */
export type ManifestSecurityTests = ReturnType<typeof testRunSummary> | { included: false; reason: string };

export interface ManifestSigner {
  algorithm: 'Ed25519';
  publicKeyPem: string;
  publicKeyFingerprint: string;
}

export interface ManifestSignature {
  algorithm: 'Ed25519';
  signedContent: string;
  /** Base64 of the 64-byte signature. */
  value: string;
}

/**
 * What a downstream service's export covers (issue 15). Such an export has its own chain, `chain` here, apart from the
 * Okta org's: one chain per connection, and a GitHub connection (or an imported service) is its own.
 */
export interface ManifestDownstream {
  /** The chain key: `downstream:<service id>`, never an Okta domain. */
  chain: string;
  service: { id: string; name: string; kind: string; oktaAppId: string | null };
  /** The service's stored read the coverage was evaluated over, and when it was read. */
  snapshotId: string;
  readAt: string;
  evaluatedAt: string;
}

/** Key order is the order a person reads the file in; the signature covers the canonical (sorted) form. */
export interface Manifest {
  warning?: string;
  complete: boolean;
  manifestVersion: typeof MANIFEST_VERSION;
  tool: ExportContext['tool'];
  org: string;
  simulated?: string;
  /** Only in a downstream service's export: which service and read, and the chain it belongs to. */
  downstream?: ManifestDownstream;
  identity: ExportContext['identity'];
  syncId: string | null;
  snapshotId: string;
  snapshotCreatedAt: string;
  generatedAt: string;
  collectionWindow: ExportContext['collectionWindow'];
  datasets: ExportContext['datasets'];
  artifacts: ManifestArtifact[];
  files: WrittenFile[];
  securityTests: ManifestSecurityTests;
  csvDialect: typeof CSV_DIALECT;
  dataAccess: typeof DATA_ACCESS;
  chain: { sequence: number; previousManifestSha256: string | null };
  signer: ManifestSigner;
  signature?: ManifestSignature;
}

export const SIGNED_CONTENT =
  'the UTF-8 bytes of this manifest without its "signature" member, in canonical JSON (RFC 8785: members sorted by key, no whitespace)';

export interface ExportedArtifact {
  artifact: EvidenceArtifact;
  completeness: ArtifactCompleteness;
  files: WrittenFile[];
}

export function buildManifest(input: {
  context: ExportContext;
  exported: readonly ExportedArtifact[];
  securityTests: ManifestSecurityTests;
  chain: Manifest['chain'];
  signer: ManifestSigner;
  downstream?: ManifestDownstream | undefined;
}): Manifest {
  const { context, exported, securityTests, chain, signer, downstream } = input;
  // The snapshot's gaps, plus what only an artifact knows (no System Log window): said once, at the top.
  const gaps = [...describeGaps(context.datasets), ...exported.flatMap(({ completeness }) => completeness.gaps)];
  const uniqueGaps = [...new Set(gaps)];
  const warning = incompleteWarning(uniqueGaps);
  return {
    ...(warning === undefined ? {} : { warning }),
    complete: uniqueGaps.length === 0,
    manifestVersion: MANIFEST_VERSION,
    tool: context.tool,
    org: context.org,
    ...simulatedNotice(context.identity),
    ...(downstream === undefined ? {} : { downstream }),
    identity: context.identity,
    syncId: context.syncId,
    snapshotId: context.snapshotId,
    snapshotCreatedAt: context.snapshotCreatedAt,
    generatedAt: context.generatedAt,
    collectionWindow: context.collectionWindow,
    datasets: context.datasets,
    artifacts: exported.map(({ artifact, completeness, files }) => ({
      id: artifact.id,
      title: artifact.title,
      description: artifact.description,
      complete: completeness.complete,
      ...(completeness.warning === undefined ? {} : { warning: completeness.warning }),
      gaps: completeness.gaps,
      datasets: [...artifact.datasets],
      files: files.map((file) => file.path),
      controls: controlReferences(artifact.controls),
    })),
    files: exported.flatMap(({ files }) => files).sort((a, b) => (a.path < b.path ? -1 : 1)),
    securityTests,
    csvDialect: CSV_DIALECT,
    dataAccess: DATA_ACCESS,
    chain,
    signer,
  };
}

const SHA256_HEX = /^[0-9a-f]{64}$/;
/** A file name in the export's top directory: no separators, no `..`, nothing hidden. */
export const EXPORT_FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * The parts of a manifest that verification relies on. Other members are covered by the signature, which is checked
 * over the manifest as parsed JSON, not over this schema's output.
 */
export const manifestSchema = z.looseObject({
  manifestVersion: z.union(MANIFEST_VERSIONS_READ.map((version) => z.literal(version))),
  complete: z.boolean(),
  warning: z.string().optional(),
  org: z.string(),
  syncId: z.string().nullable(),
  generatedAt: z.string(),
  snapshotId: z.string().optional(),
  identity: z.looseObject({ domain: z.string(), orgId: z.string().nullable(), orgKind: z.string() }).optional(),
  artifacts: z.array(z.looseObject({ id: z.string(), complete: z.boolean(), files: z.array(z.string()) })).optional(),
  files: z.array(
    z.looseObject({
      path: z.string().regex(EXPORT_FILE_NAME, 'a plain file name').refine((path) => path !== MANIFEST_FILE, 'not manifest.json itself'),
      sha256: z.string().regex(SHA256_HEX),
      bytes: z.number().int().nonnegative(),
    }),
  ),
  chain: z.object({ sequence: z.number().int().positive(), previousManifestSha256: z.string().regex(SHA256_HEX).nullable() }),
  signer: z.object({ algorithm: z.literal('Ed25519'), publicKeyPem: z.string(), publicKeyFingerprint: z.string() }),
  signature: z.object({ algorithm: z.literal('Ed25519'), signedContent: z.string(), value: z.string() }),
});
export type ParsedManifest = z.output<typeof manifestSchema>;
