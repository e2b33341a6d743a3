import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseDatabaseTarget } from '../store/database.js';

/** Names the installation's own folder (signing key, secret key); wins over the rule below. */
export const INSTALLATION_DIR_ENV = 'OKTA_EVIDENCE_HOME';

/**
 * The folder that belongs to one installation: its evidence signing key and the key that encrypts stored credentials
 * live here, never in the current working directory (two commands run from two folders must find the same keys).
 *
 * - `OKTA_EVIDENCE_HOME` when set;
 * - SQLite: the folder holding the database file (copying the folder moves the installation whole);
 * - PostgreSQL: `$XDG_CONFIG_HOME/okta-evidence`, else `~/.config/okta-evidence` — the database has no folder, and
 *   several machines sharing one database set `OKTA_EVIDENCE_HOME` (or the keys' own variables) to the same content.
 *
 * Always an absolute path.
 */
export function installationDir(databaseUrl: string, env: Readonly<Record<string, string | undefined>>): string {
  const configured = env[INSTALLATION_DIR_ENV]?.trim();
  if (configured !== undefined && configured !== '') return resolve(configured);
  const target = parseDatabaseTarget(databaseUrl);
  if (target.dialect === 'sqlite' && target.path !== ':memory:') return dirname(resolve(target.path));
  const xdg = env.XDG_CONFIG_HOME?.trim();
  const configRoot = xdg !== undefined && xdg !== '' ? xdg : join(env.HOME ?? homedir(), '.config');
  return resolve(configRoot, 'okta-evidence');
}
