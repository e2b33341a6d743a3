import type { KeyObject } from 'node:crypto';
import { resolve } from 'node:path';
import type { Env } from '../config/env.js';
import { signingKeyDirectory } from '../evidence/key-location.js';
import {
  exportEvidence,
  isEvidenceError,
  loadOrCreateSigningKey,
  readLocalPublicKey,
  readTrustedKey,
  testRunForSnapshot,
  verifyEvidence,
  type EvidenceExport,
  type SigningKey,
  type TestRunForExport,
  type VerifyReport,
} from '../evidence/index.js';
import type { Store } from '../store/store.js';
import { currentSnapshot } from './current-snapshot.js';
import { resolveDatabaseUrl, withStore } from './database-url.js';
import { InvalidInputError, OperationFailedError } from './errors.js';

/**
 * Where the installation's signing key lives: the caller's choice, else OKTA_EVIDENCE_KEY_DIR, else keys/ in the
 * installation folder (beside the SQLite file; the user's config folder for PostgreSQL) — never the working directory.
 */
export function resolveKeyDirectory(choice: string | undefined, env: Env, databaseUrl: string): string {
  return signingKeyDirectory({ keyDir: choice, databaseUrl, env });
}

/** The installation's signing key (created on first use), for `evidence key`: its fingerprint is what auditors pin. */
export function installationSigningKey(keyDir: string): Promise<SigningKey> {
  return evidenceFailures(() => loadOrCreateSigningKey(keyDir));
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
  /** An audit period: UTC dates (`2026-07-01`, `--to` takes the whole day) or ISO 8601 instants with a zone. */
  from?: string | undefined;
  to?: string | undefined;
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
  // The ZIP is checked before anything is written, so a failed export leaves no folder, ZIP or chain link behind.
  const zip = input.zip === true ? `${resolve(input.outDir)}.zip` : undefined;
  const period = { from: input.from, to: input.to };
  const exported = await exportEvidence({ store, org, outDir: input.outDir, zip, signingKey: key, now: input.now, tests, period });
  return { org, exported, key, tests, zipPath: exported.zip };
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
  /** Check everything and list every problem (default: stop at the first). */
  full?: boolean | undefined;
}

/** The report, and warnings about the installation's own key (a damaged key file is reported, not fatal). */
export async function verifyEvidenceExport(input: VerifyInput): Promise<{ report: VerifyReport; warnings: string[] }> {
  const warnings: string[] = [];
  const report = await evidenceFailures(async () => {
    const trustedKey = input.trustedKeyFile === undefined ? undefined : { publicKey: await readTrustedKey(input.trustedKeyFile), source: input.trustedKeyFile };
    const localKey = trustedKey === undefined ? await installationPublicKey(input, warnings) : undefined;
    return verifyEvidence(input.path, { trustedKey, localKey, previous: input.previous, full: input.full === true });
  }, ['EVIDENCE_NOT_FOUND', 'EVIDENCE_KEY_INVALID']);
  return { report, warnings };
}

async function installationPublicKey(input: VerifyInput, warnings: string[]): Promise<{ publicKey: KeyObject; source: string } | undefined> {
  const env = input.env ?? {};
  const { url } = resolveDatabaseUrl(input.databaseUrl, env);
  try {
    const local = await readLocalPublicKey(resolveKeyDirectory(input.keyDir, env, url));
    return local === undefined ? undefined : { publicKey: local.publicKey, source: local.path };
  } catch (error) {
    if (!isEvidenceError(error, 'EVIDENCE_KEY_INVALID')) throw error;
    warnings.push(error.message);
    return undefined;
  }
}

/** Evidence errors as the application's two kinds: `inputCodes` are the caller's to fix, the rest failed operations. */
async function evidenceFailures<T>(work: () => Promise<T>, inputCodes: readonly string[] = ['EVIDENCE_OUT_EXISTS', 'EVIDENCE_KEY_INVALID', 'EVIDENCE_PERIOD_INVALID', 'EVIDENCE_PERIOD_UNAVAILABLE']): Promise<T> {
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
