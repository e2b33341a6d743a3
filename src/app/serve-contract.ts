import type { Env } from '../config/env.js';
import type { ConnectionRecord } from '../store/connection-types.js';
import type { GithubConnectionRecord } from '../store/downstream-store-types.js';
import type { EvidenceExportLocation } from './evidence-exports.js';
import type { ServerStore } from './read/context.js';
import type { SecretKeyLocation } from './secrets/secret-key.js';
import type { SyncProgressHub } from './sync-progress-hub.js';

/**
 * How `okta-evidence serve` starts the HTTP adapter. The CLI calls a `StartServer`, main.ts injects the server's
 * implementation: the two adapters share this contract and never import each other.
 */
export interface StartServerOptions {
  store: ServerStore;
  host: string;
  port: number;
  /** Trust X-Forwarded-* from a reverse proxy that terminates TLS (cookies become Secure). */
  trustProxy: boolean;
  tls?: { certFile: string; keyFile: string };
  version: string;
  /** Log requests (JSON lines on stdout); off in tests. */
  log: boolean;
  secretKey?: SecretKeyLocation | undefined;
  /** The environment, for HTTPS_PROXY/NO_PROXY when Test connection reaches Okta or GitHub. */
  env?: Env | undefined;
  /** Sync Now; absent when the server runs without a scheduler (`--no-scheduler`). */
  syncNow?: ((connection: ConnectionRecord, actor: string) => Promise<void>) | undefined;
  /** Sync Now of a GitHub connection, on the same scheduler; absent without one. */
  githubSyncNow?: ((connection: GithubConnectionRecord, actor: string) => Promise<void>) | undefined;
  syncProgress?: Pick<SyncProgressHub, 'subscribe'> | undefined;
  /** Where the scheduler keeps evidence exports and the installation's signing key, for the evidence resources. */
  evidence?: EvidenceExportLocation | undefined;
  /** The built web console to serve (default: the installation's dist/console). */
  consoleDir?: string | undefined;
}

export interface RunningServer {
  /** Where the server listens, e.g. http://127.0.0.1:3000. */
  url: string;
  close(): Promise<void>;
}

export type StartServer = (options: StartServerOptions) => Promise<RunningServer>;
