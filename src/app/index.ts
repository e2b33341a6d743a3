/**
 * The application layer: the operations every surface offers (the CLI today, the HTTP server and the scheduler next).
 * Adapters import from here and nowhere below; see README.md in this folder for which function does what.
 */
export { InvalidInputError, OperationFailedError } from './errors.js';
export { NOT_SYNCED_HINT, databaseExists, resolveDatabaseUrl, withStore } from './database-url.js';
export { currentSnapshot } from './current-snapshot.js';
export { createEgressDispatcher, proxyDispatcher } from './egress.js';
export { DPOP_CHOICES, resolveSyncConfig, type SyncConfig, type SyncFlags } from './sync-config.js';
export { runSyncSession, type ClientTuning, type SyncSessionInput } from './sync-session.js';
export { exportFolderName, pruneExports, runSyncPipeline, type EvidenceTarget, type SyncPipelineInput, type SyncPipelineOutcome } from './pipeline.js';
export { runTests, testSnapshot, type RunTestsInput, type TestsRun } from './tests.js';
export { exportCurrentEvidence, resolveKeyDirectory, verifyEvidenceExport, type ExportInput, type ExportResult, type VerifyInput } from './evidence.js';
export { attestReview, type AttestReviewInput } from './review.js';
export { readLatestResults, readSyncHistory, type HistoryInput } from './history.js';
export { DEMO_DATABASE_PATH, runDemoTestsAndEvidence, type DemoEvidence, type DemoEvidenceInput } from './demo-evidence.js';
