/** The storage layer's public surface: open a database, use the repositories, branch on StoreError codes. */
export { DEFAULT_SQLITE_PATH, openDatabase, parseDatabaseTarget, type DatabaseTarget, type OpenDatabaseOptions } from './database.js';
export { STORE_DIALECTS, type StoreDialect } from './dialect-profile.js';
export { STORE_ERROR_CODES, StoreError, isStoreError, redactConnectionSecrets, type StoreErrorCode } from './errors.js';
export { ENTITY_KINDS } from './repositories/entity-tables.js';
export type * from './store.js';
export * from './types.js';
export * from './connection-types.js';
export * from './server-types.js';
export * from './downstream-types.js';
export * from './downstream-store-types.js';
