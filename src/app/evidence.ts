import type { KeyObject } from 'node:crypto';
import { ENV, envValue, type Env } from '../config/env.js';
import {
  defaultKeyDirectory,
  exportEvidence,
  isEvidenceError,
  loadOrCreateSigningKey,
  packEvidence,
  readLocalPublicKey,
  readTrustedKey,
  testRunForSnapshot,
  verifyEvidence,
  type EvidenceExport,
  type SigningKey,
  type TestRunForExport,
  type VerifyReport,
} from '../evidence/index.js';
import type { DatabaseTarget } from '../store/database.js';
import type { Store } from '../store/store.js';
import { currentSnapshot } from './current-snapshot.js';
import { resolveDatabaseUrl, withStore } from './database-url.js';
import { InvalidInputError, OperationFailedError } from './errors.js';

/** Where the signing key lives: the caller's choice, else OKTA_EVIDENCE_KEY_DIR, else keys/ beside the database. */
export function resolveKeyDirectory(choice: string | undefined, env: Env, target: DatabaseTarget): string {
  return choice ?? envValue(env, ENV.keyDir) ?? defaultKeyDirectory(target);
}

export interface ExportInput {
  database: string | Store;
  org?: string | undefined;
  outDir: string;
  keyDir: string;
  /** Include the security test results (the stored run over this snapshot, else run now with default settings). */
  tests: boolean;
  /** Also pack the export into `<outDir>.zip`. */
  zip?: boolean | undefined;
  now: () => Date;
}

export interface ExportResult {
  org: string;
  exported: EvidenceExport;
  key: SigningKey;
  tests: TestRunForExport | undefined;
  zipPath: string | undefined;
}

/**
 * Exports signed, chained evidence of the org's current snapshot. Bad input (an output directory in use, an unusable
 * key) is an input error; any other evidence failure a failed operation; both with the evidence layer's message.
 */
export function exportCurrentEvidence(input: ExportInput): Promise<ExportResult> {
  return withStore(input.database, (store) => evidenceFailures(() => exportFromStore(store, input)), { mustExist: true });
}

async function exportFromStore(store: Store, input: ExportInput): Promise<ExportResult> {
  const { org, snapshot } = await currentSnapshot(store, input.org);
  const key = await loadOrCreateSigningKey(input.keyDir);
  const tests = input.tests ? await testRunForSnapshot(store, snapshot, { now: input.now(), evaluate: true }) : undefined;
  const exported = await exportEvidence({ store, org, outDir: input.outDir, signingKey: key, now: input.now, tests });
  let zipPath: string | undefined;
  if (input.zip === true) {
    zipPath = `${exported.directory}.zip`;
    await packEvidence(exported.directory, zipPath, exported.manifest);
  }
  return { org, exported, key, tests, zipPath };
}

export interface VerifyInput {
  /** An export directory or its ZIP. */
  path: string;
  /** The public key file (PEM or JWK) the manifest must be signed by. */
  trustedKeyFile?: string | undefined;
  /** The export before this one, to check the chain. */
  previous?: string | undefined;
  /** Without a trusted key: this installation's key directory, when it holds a key. */
  keyDir?: string | undefined;
  databaseUrl?: string | undefined;
  env?: Env | undefined;
}

/** The report, and warnings about the installation's own key (a damaged key file is reported, not fatal). */
export async function verifyEvidenceExport(input: VerifyInput): Promise<{ report: VerifyReport; warnings: string[] }> {
  const warnings: string[] = [];
  const report = await evidenceFailures(async () => {
    const trustedKey = input.trustedKeyFile === undefined ? undefined : { publicKey: await readTrustedKey(input.trustedKeyFile), source: input.trustedKeyFile };
    const localKey = trustedKey === undefined ? await installationPublicKey(input, warnings) : undefined;
    return verifyEvidence(input.path, { trustedKey, localKey, previous: input.previous });
  }, ['EVIDENCE_NOT_FOUND', 'EVIDENCE_KEY_INVALID']);
  return { report, warnings };
}

async function installationPublicKey(input: VerifyInput, warnings: string[]): Promise<{ publicKey: KeyObject; source: string } | undefined> {
  const env = input.env ?? {};
  const { target } = resolveDatabaseUrl(input.databaseUrl, env);
  try {
    const local = await readLocalPublicKey(resolveKeyDirectory(input.keyDir, env, target));
    return local === undefined ? undefined : { publicKey: local.publicKey, source: local.path };
  } catch (error) {
    if (!isEvidenceError(error, 'EVIDENCE_KEY_INVALID')) throw error;
    warnings.push(error.message);
    return undefined;
  }
}

/** Evidence errors as the application's two kinds: `inputCodes` are the caller's to fix, the rest failed operations. */
async function evidenceFailures<T>(work: () => Promise<T>, inputCodes: readonly string[] = ['EVIDENCE_OUT_EXISTS', 'EVIDENCE_KEY_INVALID']): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isEvidenceError(error)) {
      if (inputCodes.includes(error.code)) throw new InvalidInputError(error.message, { cause: error });
      throw new OperationFailedError(error.message, { cause: error });
    }
    throw error;
  }
}
