import { Migrator, type Kysely, type Migration, type MigrationProvider, type MigrationResult } from 'kysely';
import type { StoreDatabase } from '../schema.js';
import type { DialectProfile } from '../dialect-profile.js';
import { StoreError } from '../errors.js';
import { initialSchema } from './0001-initial-schema.js';
import { checkResultsAndReviews } from './0002-check-results-and-reviews.js';
import { evidenceChainSchema } from './0003-evidence-chain.js';
import { syncBudgetSchema } from './0004-sync-budget.js';
import { connectionsSchema } from './0005-connections.js';
import { syncLeasesSchema } from './0006-sync-leases.js';
import { identityProviderSchema } from './0007-identity-provider-and-org-identity.js';
import { serverAccountsSchema } from './0008-server-accounts.js';
import { syncOrgIdentitySchema } from './0009-sync-org-identity.js';
import { webhooksSchema } from './0010-webhooks.js';
import { downstreamServicesSchema } from './0011-downstream-services.js';
import { downstreamPassthroughSchema } from './0012-downstream-passthrough.js';
import { syncLogEventTypesSchema } from './0013-sync-log-event-types.js';
import { checkEntityStatusIndexSchema } from './0014-check-entity-status-index.js';
import { logEventFilterIndexesSchema } from './0015-log-event-filter-indexes.js';
import { logEventTargetsSchema } from './0016-log-event-targets.js';
import { userSearchTextSchema } from './0017-user-search-text.js';
import { accountChangeNotificationsSchema } from './0018-account-change-notifications.js';

/** Migrations live in code (not read from a folder at run time) so the bundled CLI carries them. */
function migrationProvider(profile: DialectProfile): MigrationProvider {
  const types = profile.columnTypes;
  const migrations: Record<string, Migration> = {
    '0001-initial-schema': initialSchema(types),
    '0002-check-results-and-reviews': checkResultsAndReviews(types),
    '0003-evidence-chain': evidenceChainSchema(types),
    '0004-sync-budget': syncBudgetSchema(types),
    '0005-connections': connectionsSchema(types),
    '0006-sync-leases': syncLeasesSchema(types),
    '0007-identity-provider-and-org-identity': identityProviderSchema(types),
    '0008-server-accounts': serverAccountsSchema(types),
    '0009-sync-org-identity': syncOrgIdentitySchema(types),
    '0010-webhooks': webhooksSchema(types),
    '0011-downstream-services': downstreamServicesSchema(types),
    '0012-downstream-passthrough': downstreamPassthroughSchema(types),
    '0013-sync-log-event-types': syncLogEventTypesSchema(types),
    '0014-check-entity-status-index': checkEntityStatusIndexSchema,
    '0015-log-event-filter-indexes': logEventFilterIndexesSchema,
    '0016-log-event-targets': logEventTargetsSchema(types),
    '0017-user-search-text': userSearchTextSchema(types),
    '0018-account-change-notifications': accountChangeNotificationsSchema(profile.name),
  };
  return { getMigrations: () => Promise.resolve(migrations) };
}

/**
 * Brings the schema up to date; safe to call on every open. Kysely records applied migrations in
 * `kysely_migration` and serialises concurrent runs (an advisory lock on PostgreSQL, an immediate transaction on
 * SQLite). `schema` must be given on PostgreSQL: Kysely looks for its tables across all schemas otherwise, and would
 * take another schema's migration table for ours.
 */
export async function migrateToLatest(
  db: Kysely<StoreDatabase>,
  profile: DialectProfile,
  location: string,
  schema: string | undefined,
): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider(profile), ...(schema === undefined ? {} : { migrationTableSchema: schema }) });
  let { error, results } = await migrator.migrateToLatest();
  for (let retry = 1; retry <= CATALOG_RACE_RETRIES && error !== undefined && isCatalogRace(error, results); retry += 1) {
    ({ error, results } = await migrator.migrateToLatest());
  }
  if (error === undefined) return;
  // A read-only database (opened so, a replica, a file without write permission) is usable when nothing is pending:
  // the migrator's lock write failed, not a migration.
  if (error instanceof StoreError && error.code === 'STORE_READ_ONLY' && (await nothingPending(migrator))) return;
  if (error instanceof StoreError && error.code !== 'STORE_QUERY_FAILED') throw error;
  const failed = results?.find((result) => result.status === 'Error')?.migrationName;
  const detail = error instanceof Error ? error.message : 'unknown error';
  const newer = detail.includes('corrupted migrations')
    ? ' The database was migrated by a newer okta-evidence version: upgrade okta-evidence or use another database.'
    : '';
  throw new StoreError(
    'STORE_MIGRATION_FAILED',
    `Could not update the database schema at ${location}${failed === undefined ? '' : ` (migration ${failed})`}: ${detail}.${newer}`,
    { cause: error },
  );
}

/** How often a migration run is retried after another schema of the database changed under its catalog read. */
const CATALOG_RACE_RETRIES = 3;
/** PostgreSQL: undefined schema, table or column (a schema dropped, a table or column removed meanwhile). */
const CATALOG_RACE_CODES = new Set(['3F000', '42P01', '42703']);

/**
 * Before running anything, Kysely's migrator reads the tables and columns of every schema of the database (to find
 * its own table), calling PostgreSQL functions on each. If another schema is dropped or changed while that read runs
 * (another installation, a test suite cleaning up), the read fails with "schema does not exist" or "column does not
 * exist" though nothing of ours is wrong: that run is retried, as long as no migration of ours had failed.
 */
export function isCatalogRace(error: unknown, results: readonly MigrationResult[] | undefined): boolean {
  if (results?.some((result) => result.status === 'Error') === true) return false;
  const cause = error instanceof StoreError ? error.cause : error;
  const code = typeof cause === 'object' && cause !== null && 'code' in cause ? cause.code : undefined;
  return typeof code === 'string' && CATALOG_RACE_CODES.has(code);
}

async function nothingPending(migrator: Migrator): Promise<boolean> {
  try {
    return (await migrator.getMigrations()).every((migration) => migration.executedAt !== undefined);
  } catch {
    return false;
  }
}
