import { userInfo } from 'node:os';
import { resolveDatabaseUrl, secretKeyLocation, withStore, type ClientTuning, type ConnectionDeps } from '../app/index.js';
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
  return withStore(url, (store) => work({ store, secretKey: secretKeyLocation(url, env), actor: cliActor(io), env, ...(clientTuning === undefined ? {} : { clientTuning }) }));
}
