import { StoreError } from '../errors.js';

/*
 * The one place where database values become record values and back. Dates are epoch milliseconds on both
 * databases; booleans are written as 0/1 (PostgreSQL's boolean input accepts '1'/'0'); JSON is written as text and,
 * on both databases, read back as text (the PostgreSQL pool's type parser leaves json/jsonb unparsed) so there is a
 * single decoding path and a JSON string value can never be mistaken for already-parsed JSON.
 */

export function writeDate(date: Date): number {
  const ms = date.getTime();
  if (!Number.isFinite(ms)) throw new StoreError('STORE_INVALID_INPUT', 'Cannot store an invalid Date.');
  return ms;
}

export function writeNullableDate(date: Date | null | undefined): number | null {
  return date === null || date === undefined ? null : writeDate(date);
}

export function writeBoolean(value: boolean): number {
  return value ? 1 : 0;
}

/**
 * What a NUL character (U+0000) is stored as, on both databases: U+2400 SYMBOL FOR NULL. PostgreSQL's text and jsonb
 * cannot hold U+0000 at all (a profile field with one would fail every write), and SQLite does the same so both return
 * the same record. Okta data has no use for NUL; a reader who sees ␀ knows one was there.
 */
export const NUL_REPLACEMENT = '\u2400';

/** Text as stored: NUL replaced (see NUL_REPLACEMENT). */
export function writeText<T extends string | null | undefined>(value: T): T {
  return (typeof value === 'string' && value.includes('\u0000') ? value.replaceAll('\u0000', NUL_REPLACEMENT) : value) as T;
}

/** An escape `\u0000` in JSON text, not preceded by an odd number of backslashes (which would make it literal text). */
const JSON_NUL_ESCAPE = /(?<!\\)((?:\\\\)*)\\u0000/g;

export function writeJson(value: unknown): string {
  // `undefined` has no JSON form; store it as JSON null rather than a missing value.
  const text = JSON.stringify(value ?? null);
  // JSON.stringify writes U+0000 (in keys and values alike) as the escape \u0000, never as the raw character.
  return text.includes('\\u0000') ? text.replace(JSON_NUL_ESCAPE, `$1${NUL_REPLACEMENT}`) : text;
}

export function readString(value: unknown, column: string): string {
  if (typeof value === 'string') return value;
  throw unexpected(column, value);
}

export function readNullableString(value: unknown, column: string): string | null {
  return value === null || value === undefined ? null : readString(value, column);
}

/** PostgreSQL returns `bigint` as a string; SQLite returns numbers (or bigints when safe integers are on). */
export function readNumber(value: unknown, column: string): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    if (Number.isFinite(parsed)) return parsed;
  }
  throw unexpected(column, value);
}

export function readNullableNumber(value: unknown, column: string): number | null {
  return value === null || value === undefined ? null : readNumber(value, column);
}

export function readDate(value: unknown, column: string): Date {
  return new Date(readNumber(value, column));
}

export function readNullableDate(value: unknown, column: string): Date | null {
  return value === null || value === undefined ? null : readDate(value, column);
}

export function readBoolean(value: unknown, column: string): boolean {
  if (value === true || value === 1 || value === 1n) return true;
  if (value === false || value === 0 || value === 0n) return false;
  throw unexpected(column, value);
}

export function readJson(value: unknown, column: string): unknown {
  if (typeof value !== 'string') throw unexpected(column, value);
  try {
    return JSON.parse(value) as unknown;
  } catch (error) {
    throw new StoreError('STORE_QUERY_FAILED', `Column ${column} holds text that is not JSON.`, { cause: error });
  }
}

export function readNullableJson(value: unknown, column: string): unknown {
  return value === null || value === undefined ? null : readJson(value, column);
}

function unexpected(column: string, value: unknown): StoreError {
  return new StoreError('STORE_QUERY_FAILED', `Column ${column} holds an unexpected ${typeof value} value.`);
}
