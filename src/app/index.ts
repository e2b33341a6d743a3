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
export { runTests, runTestsStreamed, testSnapshot, type RunTestsInput, type StreamedTestsRun, type TestsRun } from './tests.js';
export { exportCurrentEvidence, installationSigningKey, resolveKeyDirectory, verifyEvidenceExport, type ExportInput, type ExportResult, type VerifyInput } from './evidence.js';
export { attestReview, type AttestReviewInput } from './review.js';
export { readLatestResults, readSyncHistory, type HistoryInput } from './history.js';
export { DEMO_DATABASE_PATH, runDemoTestsAndEvidence, type DemoEvidence, type DemoEvidenceInput } from './demo-evidence.js';
// Stored connections, Test connection, sealed credentials and the audit log (issue 9, "conn").
export {
  createConnection,
  updateConnection,
  removeConnection,
  ConnectionTestFailedError,
  type ConnectionDeps,
  type NewConnectionInput,
  type ConnectionUpdateInput,
  type SavedConnection,
} from './connections.js';
export { findConnection, listConnections } from './connection-lookup.js';
export { connectionReach, connectionSyncSettings, openStoredCredential, recordConnectionSync, testStoredConnection, type ConnectionReach } from './connection-access.js';
export { readCredentialFromFlags, type CredentialFlags, type CredentialSecret } from './connection-credential.js';
export {
  DEFAULT_CONNECTION_SETTINGS,
  checkConnectionName,
  checkProxyUrl,
  formatSeconds,
  resolveConnectionSettings,
  type ConnectionSettingsInput,
} from './connection-settings.js';
export { testConnection, type DatasetProbe, type ProbeState, type TestConnectionInput, type TestConnectionReport } from './test-connection.js';
export { changedFields, readAuditLog, recordAudit, withoutSecrets, type AuditInput } from './audit.js';
export { isSecretsError, SecretsError, type SecretsErrorCode } from './secrets/errors.js';
export { rotateSecretKey, type RotateKeyResult } from './secrets/rotate-key.js';
export { loadSecretKeyring, secretKeyLocation, SECRET_KEY_ENV, NEW_SECRET_KEY_ENV, type SecretKeyLocation } from './secrets/secret-key.js';
export { DPOP_MODES, type AuditEntry, type ConnectionRecord, type ConnectionSettings, type DpopSetting } from '../store/connection-types.js';
export {
  createGithubConnection,
  findGithubConnection,
  GithubConnectionTestFailedError,
  listGithubConnections,
  openGithubCredential,
  removeGithubConnection,
  testStoredGithubConnection,
  updateGithubConnection,
  type GithubConnectionUpdate,
  type NewGithubConnectionInput,
  type SavedGithubConnection,
} from './github/connections.js';
export { readGithubCredentialFlags, type GithubCredentialFlags } from './github/credential.js';
export { testGithubConnection, type GithubTestReport } from './github/test-connection.js';
export { DATASET_INFO as GITHUB_DATASET_INFO, GITHUB_DATASET_STATES, GITHUB_DATASETS } from '../github/datasets.js';
export { resolveGithubApi } from '../github/api-url.js';
export { DOWNSTREAM_SNAPSHOT_HANDLERS, runGithubSync, type DownstreamSnapshotStored, type GithubSyncOutcome } from './github/sync.js';
export type { GithubConnectionRecord } from '../store/downstream-store-types.js';
// Cross-IdP MFA passthrough over downstream services (issue 15).
export { runDownstreamPassthrough, type DownstreamPassthroughInput, type DownstreamPassthroughOutcome } from './downstream/passthrough.js';
export { attestServiceFact, type AttestServiceInput } from './downstream/attest.js';
export { importDownstreamService, type ImportServiceInput, type ImportServiceResult } from './downstream/import-service.js';
export { findDownstreamService } from './downstream/service-lookup.js';
export { latestPassthroughResults, serviceByIdOrName, type PassthroughResultsPage, type PassthroughResultsQuery } from './downstream/passthrough-results.js';
export type { DownstreamAccountResult, DownstreamMfaEvaluation } from '../checks/downstream/passthrough-types.js';
