/** Evidence: artifacts of the current snapshot, the signed and chained manifest, export and verification. */
export { defineArtifact, type ArtifactDefinition, type EvidenceArtifact, type SnapshotSource } from './artifact.js';
export { EVIDENCE_ARTIFACTS } from './artifacts/index.js';
export { CSV_DIALECT, csvCell, csvLine } from './csv.js';
export { DATA_ACCESS } from './data-access.js';
export { EVIDENCE_ERROR_CODES, EvidenceError, isEvidenceError, type EvidenceErrorCode } from './errors.js';
export { exportEvidence, type EvidenceExport, type ExportEvidenceOptions } from './export.js';
export { KEY_DIR_ENV, signingKeyDirectory } from './key-location.js';
export { MANIFEST_FILE, type Manifest } from './manifest.js';
export { packEvidence } from './pack.js';
export { runForExport, testRunForSnapshot, type TestRunForExport } from './test-run.js';
export {
  PRIVATE_KEY_FILE,
  PUBLIC_KEY_FILE,
  keyFingerprint,
  loadOrCreateSigningKey,
  readLocalPublicKey,
  readTrustedKey,
  type SigningKey,
} from './signing-key.js';
export { verifyEvidence, type TrustBasis, type VerifyOptions, type VerifyProblem, type VerifyReport } from './verify.js';
