import { evidenceIdentity } from './org-identity.js';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Store } from '../store/store.js';
import type { SnapshotRecord, SyncRecord, TimeWindow } from '../store/types.js';
import { DEFAULT_CHECK_SETTINGS } from '../checks/settings.js';
import { DAY_MS } from '../config/runtime.js';
import { VERSION } from '../version.js';
import type { EvidenceArtifact, SnapshotSource } from './artifact.js';
import { EVIDENCE_ARTIFACTS } from './artifacts/index.js';
import { securityTestResultsArtifact, testRunSummary } from './artifacts/security-test-results.js';
import { availableLog, resolveAuditPeriod, type AuditPeriodInput } from './audit-period.js';
import { datasetCompleteness } from './completeness.js';
import { logEventTypesOf } from './log-event-types.js';
import { EvidenceError } from './errors.js';
import { artifactCompleteness, artifactHeader, type ExportContext } from './header.js';
import { MANIFEST_FILE, buildManifest, type ExportedArtifact, type Manifest, type ManifestDownstream, type ManifestSecurityTests } from './manifest.js';
import { packEvidence } from './pack.js';
import { signManifest } from './signature.js';
import type { SigningKey } from './signing-key.js';
import type { TestRunForExport } from './test-run.js';
import { writeArtifact } from './write-artifact.js';

export interface ExportEvidenceOptions {
  store: Store;
  org: string;
  /** Created by the export; if it exists it must be an empty directory. */
  outDir: string;
  /** Also pack the export into this ZIP, which must not exist; checked before anything is written. */
  zip?: string;
  signingKey: SigningKey;
  now: () => Date;
  /** Default: the six artifacts. */
  artifacts?: readonly EvidenceArtifact[];
  /**
   * The security tests over this snapshot (see `testRunForSnapshot`), exported as the `security-test-results`
   * artifact and summarised in the manifest. Without it the manifest says the tests are not included.
   */
  tests?: TestRunForExport;
  /** An audit period (`--from/--to`, see audit-period.ts); without it the export covers the last sync's window. */
  period?: AuditPeriodInput;
  /**
   * A downstream service's export: named in the manifest, and chained in `downstream.chain` instead of the org's
   * chain (one chain per connection: the org's own exports never see a link of a service's).
   */
  downstream?: ManifestDownstream | undefined;
}

export interface EvidenceExport {
  directory: string;
  manifest: Manifest;
  /** SHA-256 of manifest.json as written: the next export of the org names it as its predecessor. */
  manifestSha256: string;
  /** The ZIP written, when one was asked for. */
  zip?: string;
}

/**
 * Exports the org's current snapshot: each artifact streamed from the store into a staging directory beside
 * `outDir`, then the signed manifest, then one rename. The chain head moves in the same transaction as the manifest
 * is written and the directory renamed, so a failed export neither leaves a half-written directory under `outDir`
 * nor advances the chain.
 */
export async function exportEvidence(options: ExportEvidenceOptions): Promise<EvidenceExport> {
  const { store, org, signingKey, downstream } = options;
  const chainKey = downstream?.chain ?? org;
  const outDir = resolve(options.outDir);
  const zip = options.zip === undefined ? undefined : resolve(options.zip);
  await requireEmptyTarget(outDir);
  if (zip !== undefined) await requireNoFile(zip);
  const snapshot = await store.snapshots.current(org);
  if (snapshot === undefined) {
    throw new EvidenceError('EVIDENCE_NO_SNAPSHOT', `No successful sync of ${org} in ${store.location}: run okta-evidence sync first.`);
  }
  const tests = options.tests;
  if (tests !== undefined && tests.summary.snapshotId !== snapshot.id) {
    throw new EvidenceError('EVIDENCE_SNAPSHOT_CHANGED', `A sync of ${org} finished while the export was being prepared (the tests ran over snapshot ${tests.summary.snapshotId}, now ${snapshot.id} is current); export again.`);
  }
  const securityTests: ManifestSecurityTests =
    tests === undefined
      ? { included: false, reason: 'the security tests were not run for this export (run okta-evidence tests, or export without --no-tests)' }
      : testRunSummary(tests.summary, tests.source);
  const artifacts = [...(options.artifacts ?? EVIDENCE_ARTIFACTS), ...(tests === undefined ? [] : [securityTestResultsArtifact(tests.summary)])];
  const sync = snapshot.syncId === null ? undefined : await store.syncs.get(snapshot.syncId);
  const lastWindow = sync?.logWindow ?? null;
  const period = options.period === undefined ? null : resolveAuditPeriod(options.period, await availableLog(store.logEvents, org, lastWindow), org);
  const generatedAt = options.now();
  const context = await exportContext(store, snapshot, sync, generatedAt, period);
  const reviewDays = reviewPeriodDays(tests?.summary.settings);
  const source: SnapshotSource = {
    org,
    snapshotId: snapshot.id,
    logWindow: period ?? lastWindow,
    auditPeriod: period,
    reviewPeriod: period ?? { since: new Date(generatedAt.getTime() - reviewDays * DAY_MS), until: generatedAt },
    completeDatasets: new Set(context.datasets.filter((entry) => entry.complete).map((entry) => entry.dataset)),
    entities: store.entities,
    logEvents: store.logEvents,
    checkResults: store.checkResults,
    accessReviews: store.accessReviews,
  };

  // Evidence holds personal data (names, e-mail addresses, sign-in events): readable by its owner only, whatever the
  // umask. The staging folder becomes the export folder, so it keeps 0700.
  await mkdir(dirname(outDir), { recursive: true, mode: 0o700 });
  const staging = join(dirname(outDir), `.${basename(outDir)}.partial-${randomBytes(4).toString('hex')}`);
  await mkdir(staging, { mode: 0o700 });
  // Set once this export wrote its ZIP: removed again if the export fails after that.
  const written = { zip: false };
  try {
    const exported: ExportedArtifact[] = [];
    for (const artifact of artifacts) {
      const completeness = artifactCompleteness(artifact, context, artifact.gaps(source));
      const files = await writeArtifact(artifact, source, staging, artifactHeader(artifact, context, completeness));
      exported.push({ artifact, completeness, files });
    }
    return await store.transaction(async (tx) => {
      const head = await tx.evidenceChain.head(chainKey);
      const chain = { sequence: (head?.sequence ?? 0) + 1, previousManifestSha256: head?.manifestSha256 ?? null };
      const signer = { algorithm: 'Ed25519' as const, publicKeyPem: signingKey.publicKeyPem, publicKeyFingerprint: signingKey.fingerprint };
      const manifest = signManifest(buildManifest({ context, exported, securityTests, chain, signer, downstream }), signingKey.privateKey);
      const bytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
      await writeFile(join(staging, MANIFEST_FILE), bytes, { flag: 'wx', mode: 0o600 });
      const manifestSha256 = createHash('sha256').update(bytes).digest('hex');
      // Packed before the chain moves: a ZIP that cannot be written (it appeared meanwhile, the disk is full) fails
      // the export with no trace in the chain.
      if (zip !== undefined) {
        await packOrFail(staging, zip, manifest);
        written.zip = true;
      }
      const appended = await tx.evidenceChain.append(chainKey, {
        previousSha256: chain.previousManifestSha256,
        manifestSha256,
        sequence: chain.sequence,
        syncId: context.syncId,
        generatedAt: new Date(context.generatedAt),
      });
      if (!appended) {
        throw new EvidenceError('EVIDENCE_CHAIN_CONFLICT', `Another evidence export of ${downstream === undefined ? org : downstream.service.name} finished while this one ran; run the export again to chain after it.`);
      }
      // Inside the transaction: if the rename fails, the chain does not move.
      await moveIntoPlace(staging, outDir);
      return { directory: outDir, manifest, manifestSha256, ...(zip === undefined ? {} : { zip }) };
    });
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    if (zip !== undefined && written.zip) await rm(zip, { force: true });
    throw error;
  }
}

/** The review period of the test run's settings (stored as JSON), else the default. */
function reviewPeriodDays(settings: unknown): number {
  const days = (settings as { reviewPeriodDays?: unknown } | null | undefined)?.reviewPeriodDays;
  return typeof days === 'number' && Number.isInteger(days) && days > 0 ? days : DEFAULT_CHECK_SETTINGS.reviewPeriodDays;
}

async function packOrFail(staging: string, zip: string, manifest: Manifest): Promise<void> {
  try {
    await packEvidence(staging, zip, manifest);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw zipExists(zip);
    throw error;
  }
}

async function requireNoFile(path: string): Promise<void> {
  if (await stat(path).then(() => true, () => false)) throw zipExists(path);
}

function zipExists(path: string): EvidenceError {
  return new EvidenceError('EVIDENCE_OUT_EXISTS', `${path} already exists; choose a new export name (an export never overwrites an earlier one).`);
}

async function exportContext(store: Store, snapshot: SnapshotRecord, sync: SyncRecord | undefined, generatedAt: Date, period: TimeWindow | null): Promise<ExportContext> {
  const errorCounts = new Map<string, number>();
  for await (const error of store.entities.stream('collectionErrors', snapshot.id)) {
    errorCounts.set(error.dataset, (errorCounts.get(error.dataset) ?? 0) + 1);
  }
  const window = period ?? sync?.logWindow ?? null;
  const eventTypes = window === null ? null : logEventTypesOf(await store.syncs.logReadsCovering(snapshot.org, window));
  return {
    org: snapshot.org,
    syncId: snapshot.syncId,
    snapshotId: snapshot.id,
    snapshotCreatedAt: snapshot.createdAt.toISOString(),
    generatedAt: generatedAt.toISOString(),
    collectionWindow: {
      syncStartedAt: sync?.startedAt.toISOString() ?? null,
      syncEndedAt: sync?.endedAt?.toISOString() ?? null,
      systemLog: window === null ? null : { since: window.since.toISOString(), until: window.until.toISOString() },
      auditPeriod: period === null ? null : { since: period.since.toISOString(), until: period.until.toISOString() },
      systemLogEventTypes: eventTypes,
    },
    datasets: datasetCompleteness(snapshot.datasets, errorCounts),
    tool: { name: 'okta-evidence', version: VERSION },
    identity: evidenceIdentity(snapshot.org, sync?.orgIdentity ?? null),
  };
}

async function requireEmptyTarget(outDir: string): Promise<void> {
  const entries = await readdir(outDir).catch((error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return [];
    if (code === 'ENOTDIR') throw new EvidenceError('EVIDENCE_OUT_EXISTS', `${outDir} is a file; give a directory to create.`);
    throw error;
  });
  if (entries.length > 0) {
    throw new EvidenceError('EVIDENCE_OUT_EXISTS', `${outDir} already exists and is not empty; choose a new directory (an export never mixes with other files).`);
  }
}

async function moveIntoPlace(staging: string, outDir: string): Promise<void> {
  await requireEmptyTarget(outDir);
  // rename() replaces an empty directory on POSIX but not on Windows; removing it first works on both.
  if (await stat(outDir).then(() => true, () => false)) await rmdir(outDir);
  await rename(staging, outDir);
}
