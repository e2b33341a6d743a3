import { userInfo } from 'node:os';
import type { ConnectionDeps } from '../app/connections.js';
import { resolveDatabaseUrl } from '../app/database-url.js';
import { secretKeyLocation } from '../app/secrets/secret-key.js';
import type { ClientTuning } from '../app/sync-session.js';
import { openDatabase } from '../store/database.js';
import type { CliIo } from './io.js';

/** `cli:<OS user>`: who made a change from the command line, for the audit log. */
export function cliActor(io: CliIo): string {
  let name: string | undefined;
  try {
    name = userInfo().username;
  } catch {
    name = io.env?.USER ?? io.env?.USERNAME;
  }
  return `cli:${name === undefined || name === '' ? 'unknown' : name}`;
}

/** Opens the database `--db` (or DATABASE_URL) names, runs `work` with the connection operations' deps, closes it. */
export async function withConnectionDeps<T>(db: string | undefined, io: CliIo, work: (deps: ConnectionDeps) => Promise<T>, clientTuning?: ClientTuning): Promise<T> {
  const env = io.env ?? {};
  const { url } = resolveDatabaseUrl(db, env);
  const store = await openDatabase(url);
  try {
    return await work({ store, secretKey: secretKeyLocation(url, env), actor: cliActor(io), ...(clientTuning === undefined ? {} : { clientTuning }) });
  } finally {
    await store.close();
  }
}
