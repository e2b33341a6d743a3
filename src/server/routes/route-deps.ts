import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { EvidenceExportLocation } from '../../app/evidence-exports.js';
import type { Accounts } from '../../app/accounts/accounts.js';
import type { ServerStore } from '../../app/read/context.js';
import type { SecretKeyLocation } from '../../app/secrets/secret-key.js';
import type { Env } from '../../config/env.js';
import type { ClientTuning } from '../../app/sync-session.js';
import type { SyncProgressHub } from '../../app/sync-progress-hub.js';
import type { ConnectionRecord } from '../../store/connection-types.js';
import type { GithubConnectionRecord } from '../../store/downstream-store-types.js';
import type { DeliveryDeps } from '../../app/webhooks/deliver.js';

/** The app as route modules see it: zod schemas typed through the type provider. */
export type ZodApp = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

export interface RouteDeps {
  store: ServerStore;
  accounts: Accounts;
  now: () => Date;
  secureCookies: boolean;
  loginAttemptsPerMinute: number;
  /** Where connection credentials are sealed; without it connections cannot be created or tested. */
  secretKey?: SecretKeyLocation | undefined;
  clientTuning?: ClientTuning | undefined;
  /** The environment, for HTTPS_PROXY/NO_PROXY when Test connection reaches Okta or GitHub. */
  env?: Env | undefined;
  /** Sync Now through the scheduler of this process; absent with --no-scheduler. */
  syncNow?: ((connection: ConnectionRecord, actor: string) => Promise<void>) | undefined;
  /** Sync Now of a GitHub connection, through the same scheduler; absent with --no-scheduler. */
  githubSyncNow?: ((connection: GithubConnectionRecord, actor: string) => Promise<void>) | undefined;
  /** Live progress of the syncs this process runs, for Server-Sent Events. */
  syncProgress?: Pick<SyncProgressHub, 'subscribe'> | undefined;
  /** Where the scheduler keeps evidence exports, and the key they are trusted by; absent: no exports to serve. */
  evidence?: EvidenceExportLocation | undefined;
  /** Overrides of how a test delivery is sent (tests inject fetch); default: the real fetch and clock. */
  webhookDelivery?: Partial<DeliveryDeps> | undefined;
  /** Comment lines on idle event streams, so proxies keep them open (default 15 s). */
  sseHeartbeatMs: number;
}
