import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { DownstreamMfaEvaluation } from '../../checks/downstream/passthrough-types.js';
import { EVIDENCE_RETENTION, checkInteger } from '../../config/settings.js';
import { downstreamMfaCoverageArtifact } from '../../evidence/artifacts/downstream-mfa-coverage.js';
import { mfaPoliciesArtifact } from '../../evidence/artifacts/mfa-policies.js';
import { userAppAssignmentsArtifact } from '../../evidence/artifacts/user-app-assignments.js';
import { exportEvidence, loadOrCreateSigningKey, type Manifest } from '../../evidence/index.js';
import type { Store } from '../../store/store.js';
import { exportFolderName, pruneExports } from '../pipeline.js';

/*
 * A downstream service's evidence (issue 15), kept like an Okta connection's: one signed export per evaluation after
 * a read, in the Okta org's evidence folder under `downstream/<service id>/`, with its own retention count and its
 * own chain (`downstream:<service id>`). One chain per connection: a GitHub connection is its own connection, so its
 * exports never become links of the Okta org's chain (whose folder, listing and `--previous` checks stay gap-free),
 * and the org's exports never become links of the service's. A GitHub connection reads into exactly one service, so
 * the service's chain is the connection's; it outlives a removed connection, as the service's reads do.
 */

/** Where the exports live and what signs them: the installation's evidence root (`<installation>/evidence`). */
export interface DownstreamEvidenceTarget {
  root: string;
  keyDir: string;
  /** Exports kept per service, the newest first (default: the evidence retention default, 30). */
  keep?: number | undefined;
}

/** What was written, as the Okta pipeline reports its export. */
export interface DownstreamEvidenceSummary {
  directory: string;
  manifestSha256: string;
  sequence: number;
  files: number;
  manifest: Manifest;
  /** Older exports of the service deleted by the retention count. */
  pruned: string[];
}

/** The sub-folder of an org's evidence folder that holds its services' exports (never an export id's shape). */
export const DOWNSTREAM_EVIDENCE_FOLDER = 'downstream';

/** The chain of a service's exports; the colon keeps it apart from every Okta domain. */
export function downstreamChainKey(serviceId: string): string {
  return `downstream:${serviceId}`;
}

/** File-name-safe folder of a service: `<root>/<okta domain>/downstream/<service id>`. */
export function downstreamEvidenceFolder(root: string, oktaOrg: string, serviceId: string): string {
  return join(root, oktaOrg, DOWNSTREAM_EVIDENCE_FOLDER, serviceId.replace(/[^A-Za-z0-9_-]/g, '_'));
}

/**
 * Writes the service's signed export — the coverage artifact beside the Okta artifacts its links rest on
 * (mfa-policies, user-app-assignments, from the Okta snapshot the evaluation used) — named after the service's read,
 * chained in the service's chain, then applies the retention count to the service's folder.
 */
export async function exportDownstreamEvidence(
  store: Store,
  evaluation: DownstreamMfaEvaluation,
  read: { snapshotId: string },
  target: DownstreamEvidenceTarget,
  now: Date,
): Promise<DownstreamEvidenceSummary> {
  const keep = checkInteger(EVIDENCE_RETENTION, target.keep ?? EVIDENCE_RETENTION.default, 'evidence retention');
  const { service } = evaluation;
  const folder = downstreamEvidenceFolder(target.root, service.oktaOrg, service.id);
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const signingKey = await loadOrCreateSigningKey(target.keyDir);
  const exported = await exportEvidence({
    store,
    org: service.oktaOrg,
    outDir: join(folder, exportFolderName(now, read.snapshotId)),
    signingKey,
    now: () => now,
    artifacts: [mfaPoliciesArtifact, userAppAssignmentsArtifact, downstreamMfaCoverageArtifact(evaluation)],
    downstream: {
      chain: downstreamChainKey(service.id),
      service: { id: service.id, name: service.name, kind: service.kind, oktaAppId: service.oktaAppId },
      snapshotId: read.snapshotId,
      readAt: evaluation.readAt,
      evaluatedAt: evaluation.evaluatedAt,
    },
  });
  const pruned = await pruneExports(folder, keep);
  return { directory: exported.directory, manifestSha256: exported.manifestSha256, sequence: exported.manifest.chain.sequence, files: exported.manifest.files.length, manifest: exported.manifest, pruned };
}
