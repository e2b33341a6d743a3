import type { CompiledQuery, DatabaseConnection, Dialect, Driver, QueryCompiler, QueryResult, TransactionSettings } from 'kysely';
import { StoreError } from './errors.js';

/** Turns whatever a driver throws into a StoreError; dialect-specific (SQLite result codes, PostgreSQL SQLSTATEs). */
export type ToStoreError = (error: unknown) => StoreError;

/**
 * Wraps a Kysely dialect so every driver call (connect, query, begin, commit, rollback) reports failures as
 * StoreError. Doing it at the driver means no repository, migration or transaction can let a raw driver error out.
 */
export function withStoreErrors(dialect: Dialect, toStoreError: ToStoreError): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createDriver: () => new StoreErrorDriver(dialect.createDriver(), toStoreError),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
  };
}

class StoreErrorConnection implements DatabaseConnection {
  constructor(
    readonly inner: DatabaseConnection,
    private readonly toStoreError: ToStoreError,
  ) {}

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    try {
      return await this.inner.executeQuery<R>(compiledQuery);
    } catch (error) {
      throw this.toStoreError(error);
    }
  }

  async *streamQuery<R>(compiledQuery: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    try {
      yield* this.inner.streamQuery<R>(compiledQuery, chunkSize);
    } catch (error) {
      throw this.toStoreError(error);
    }
  }
}

class StoreErrorDriver implements Driver {
  constructor(
    private readonly inner: Driver,
    private readonly toStoreError: ToStoreError,
  ) {}

  init(): Promise<void> {
    return this.guard(() => this.inner.init());
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new StoreErrorConnection(await this.guard(() => this.inner.acquireConnection()), this.toStoreError);
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.guard(() => this.inner.beginTransaction(unwrap(connection), settings));
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.guard(() => this.inner.commitTransaction(unwrap(connection)));
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.guard(() => this.inner.rollbackTransaction(unwrap(connection)));
  }

  savepoint(connection: DatabaseConnection, name: string, compileQuery: QueryCompiler['compileQuery']): Promise<void> {
    return this.guard(() => {
      if (this.inner.savepoint === undefined) throw noSavepoints();
      return this.inner.savepoint(unwrap(connection), name, compileQuery);
    });
  }

  rollbackToSavepoint(connection: DatabaseConnection, name: string, compileQuery: QueryCompiler['compileQuery']): Promise<void> {
    return this.guard(() => {
      if (this.inner.rollbackToSavepoint === undefined) throw noSavepoints();
      return this.inner.rollbackToSavepoint(unwrap(connection), name, compileQuery);
    });
  }

  releaseSavepoint(connection: DatabaseConnection, name: string, compileQuery: QueryCompiler['compileQuery']): Promise<void> {
    return this.guard(() => {
      if (this.inner.releaseSavepoint === undefined) throw noSavepoints();
      return this.inner.releaseSavepoint(unwrap(connection), name, compileQuery);
    });
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection(unwrap(connection));
  }

  destroy(): Promise<void> {
    return this.guard(() => this.inner.destroy());
  }

  private async guard<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw this.toStoreError(error);
    }
  }
}

function unwrap(connection: DatabaseConnection): DatabaseConnection {
  return connection instanceof StoreErrorConnection ? connection.inner : connection;
}

function noSavepoints(): StoreError {
  return new StoreError('STORE_QUERY_FAILED', 'This database driver does not support savepoints.');
}
