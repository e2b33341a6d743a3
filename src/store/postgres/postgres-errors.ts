import { StoreError, type StoreErrorCode } from '../errors.js';

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);

/** node-postgres puts the SQLSTATE (5 characters) in `code` for server errors and the errno name for socket errors. */
function codeOf(error: unknown): string {
  if (typeof error !== 'object' || error === null) return '';
  if ('code' in error && typeof error.code === 'string') return error.code;
  // Connecting to "localhost" tries ::1 and 127.0.0.1; Node reports both failures in an AggregateError.
  if (error instanceof AggregateError) return codeOf(error.errors[0]);
  return '';
}

function messageOf(error: unknown): string {
  if (error instanceof AggregateError && error.message === '') return error.errors.map(messageOf).join('; ');
  return error instanceof Error ? error.message : String(error);
}

/** Maps a node-postgres failure to a StoreError whose message names the fix. `location` is the redacted URL. */
export function postgresStoreError(error: unknown, location: string): StoreError {
  if (error instanceof StoreError) return error;
  const [code, message] = describe(codeOf(error), location, messageOf(error));
  return new StoreError(code, message, { cause: error });
}

function describe(code: string, location: string, detail: string): [StoreErrorCode, string] {
  const reach = `Check that PostgreSQL is running and reachable, and the host, port and database in --db / DATABASE_URL.`;
  if (NETWORK_CODES.has(code) || code.startsWith('08') || (code === '' && /timeout|terminated/i.test(detail))) {
    return ['STORE_UNAVAILABLE', `Cannot reach PostgreSQL at ${location} (${detail}). ${reach}`];
  }
  if (code === '28P01' || code === '28000') {
    return ['STORE_UNAVAILABLE', `PostgreSQL at ${location} refused the credentials (${detail}). Check the user and password in the URL.`];
  }
  if (code === '3D000') {
    return ['STORE_UNAVAILABLE', `The database in ${location} does not exist (${detail}). Create it (createdb) or fix the URL.`];
  }
  if (code === '57P01' || code === '57P02' || code === '57P03' || code === '53300' || code === '53200') {
    return ['STORE_UNAVAILABLE', `PostgreSQL at ${location} is not accepting work right now (${detail}). Retry when it is back.`];
  }
  if (code === '53100') {
    return ['STORE_DISK_FULL', `PostgreSQL at ${location} is out of disk space (${detail}). Free space on the server or prune old snapshots and log events.`];
  }
  if (code === '25006') {
    return ['STORE_READ_ONLY', `PostgreSQL at ${location} only allows reads (${detail}); is this a replica? Point --db at the primary.`];
  }
  if (code === '42501') {
    return ['STORE_READ_ONLY', `The PostgreSQL user in ${location} lacks a privilege (${detail}). Grant it CREATE and write access on the schema.`];
  }
  if (code === '55P03' || code === '40P01' || code === '40001') {
    return ['STORE_LOCKED', `PostgreSQL at ${location} could not take a lock (${detail}). Another sync may be writing; retry.`];
  }
  return ['STORE_QUERY_FAILED', `A database operation on ${location} failed: ${detail}`];
}
