import { join, resolve } from 'node:path';
import { installationDir } from '../config/installation.js';

/** Moves the signing key out of the installation folder (e.g. onto a mount a secret manager fills). */
export const KEY_DIR_ENV = 'OKTA_EVIDENCE_KEY_DIR';
/** The folder under the installation's own (see `installationDir`) that holds the signing key. */
export const KEYS_SUBFOLDER = 'keys';

/**
 * The folder of the installation's Ed25519 signing key, always absolute: the `--key-dir` flag, else
 * OKTA_EVIDENCE_KEY_DIR, else `keys/` in the installation's folder (beside the SQLite file, as before, or the user's
 * config folder for PostgreSQL). Never the working directory: two exports run from two folders must sign with one key,
 * or the chain ends up signed by two.
 */
export function signingKeyDirectory(input: { keyDir?: string | undefined; databaseUrl: string; env: Readonly<Record<string, string | undefined>> }): string {
  const flag = nonEmpty(input.keyDir);
  if (flag !== undefined) return resolve(flag);
  const configured = nonEmpty(input.env[KEY_DIR_ENV]);
  if (configured !== undefined) return resolve(configured);
  return join(installationDir(input.databaseUrl, input.env), KEYS_SUBFOLDER);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
