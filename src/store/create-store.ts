import type { Kysely } from 'kysely';
import type { DialectProfile } from './dialect-profile.js';
import { createIdGenerator, type IdGenerator } from './ids.js';
import { createAccessReviewRepository } from './repositories/access-reviews.js';
import { createAuditLogRepository } from './repositories/audit-log.js';
import { createCheckResultRepository } from './repositories/check-results.js';
import { createCheckpointRepository } from './repositories/checkpoints.js';
import { createConnectionRepository } from './repositories/connections.js';
import { createDownstreamRepository } from './repositories/downstream.js';
import { createEntityRepository } from './repositories/entities.js';
import { createDownstreamPassthroughRepository } from './repositories/downstream-passthrough.js';
import { createGithubConnectionRepository } from './repositories/github-connections.js';
import { createEvidenceChainRepository } from './repositories/evidence-chain.js';
import { createLogEventRepository } from './repositories/log-events.js';
import { createProgressRepository } from './repositories/progress.js';
import { createSnapshotRepository } from './repositories/snapshots.js';
import { createSyncHistoryRepository } from './repositories/sync-history.js';
import { createSyncLeaseRepository } from './repositories/sync-leases.js';
import { createServerAccountRepository } from './repositories/server-accounts.js';
import { createSnapshotPageRepository } from './repositories/snapshot-pages.js';
import { createWebhookRepository } from './repositories/webhooks.js';
import type { RepositoryContext } from './repositories/context.js';
import type { StoreDatabase, StoreDb } from './schema.js';
import type { Store, StoreRepositories } from './store.js';

export interface CreateStoreOptions {
  readonly profile: DialectProfile;
  readonly location: string;
  readonly now: () => Date;
}

/** Binds the repositories to a database handle; the same code serves the root handle and a transaction. */
function createRepositories(db: StoreDb, profile: DialectProfile, now: () => Date, newId: IdGenerator, afterCommit: RepositoryContext['afterCommit']): StoreRepositories {
  const ctx: RepositoryContext = { db, profile, now, newId, afterCommit };
  return {
    syncs: createSyncHistoryRepository(ctx),
    snapshots: createSnapshotRepository(ctx),
    entities: createEntityRepository(ctx),
    logEvents: createLogEventRepository(ctx),
    checkpoints: createCheckpointRepository(ctx),
    progress: createProgressRepository(ctx),
    evidenceChain: createEvidenceChainRepository(ctx),
    checkResults: createCheckResultRepository(ctx),
    accessReviews: createAccessReviewRepository(ctx),
    connections: createConnectionRepository(ctx),
    auditLog: createAuditLogRepository(ctx),
    leases: createSyncLeaseRepository(ctx),
    serverAccounts: createServerAccountRepository(ctx),
    pages: createSnapshotPageRepository(ctx),
    webhooks: createWebhookRepository(ctx),
    passthrough: createDownstreamPassthroughRepository(ctx),
    downstream: createDownstreamRepository(ctx),
    githubConnections: createGithubConnectionRepository(ctx),
  };
}

export function createStore(db: Kysely<StoreDatabase>, options: CreateStoreOptions): Store {
  const { profile, location, now } = options;
  // One generator for the store's lifetime, shared with its transactions, so its ids keep increasing.
  const newId = createIdGenerator();
  return {
    ...createRepositories(db, profile, now, newId, (action) => action(db)),
    dialect: profile.name,
    location,
    async transaction(work) {
      const committed: ((root: StoreDb) => Promise<void>)[] = [];
      const deferUntilCommit = (action: (root: StoreDb) => Promise<void>) => Promise.resolve(void committed.push(action));
      const result = await db.transaction().execute((trx) => work(createRepositories(trx, profile, now, newId, deferUntilCommit)));
      for (const action of committed) await action(db);
      return result;
    },
    close: () => db.destroy(),
  };
}
