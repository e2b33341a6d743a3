import { OWN_MFA_STATES, type OwnMfaState } from '../../store/downstream-types.js';

/*
 * Strict reading of an imported service's accounts (issue 15: services without a connector). CSV (RFC 4180: a header
 * row, commas, double quotes with "" inside) or JSON (a list, or `{ "accounts": [...] }`). Columns / keys:
 * `account_id` (required), `login`, `email` (at least one of the two columns; a row may leave one empty), `own_mfa`
 * (optional: enabled, insecure, disabled, unknown; empty = unknown). Unknown columns, missing ones, duplicate account
 * ids and bad values are errors naming the row and the field — every problem at once, and nothing is imported.
 */

export interface ImportedAccountRow {
  accountId: string;
  login: string | null;
  email: string | null;
  ownMfa: OwnMfaState;
}

export class ImportFileError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`The import file has ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was imported: ${problems.slice(0, 20).join('; ')}${problems.length > 20 ? `; and ${problems.length - 20} more` : ''}.`);
    this.name = 'ImportFileError';
  }
}

const COLUMNS = ['account_id', 'login', 'email', 'own_mfa'] as const;
type Column = (typeof COLUMNS)[number];
/** JSON keys may be written camelCase as well. */
const ALIASES: Readonly<Record<string, Column>> = { account_id: 'account_id', accountid: 'account_id', login: 'login', email: 'email', own_mfa: 'own_mfa', ownmfa: 'own_mfa' };
export const MAX_IMPORT_ROWS = 100_000;

export function parseImportFile(text: string, format: 'csv' | 'json'): ImportedAccountRow[] {
  const records = format === 'csv' ? csvRecords(text) : jsonRecords(text);
  return validate(records);
}

/** Guesses the format from the file name, then from the first character. */
export function importFormat(fileName: string, text: string): 'csv' | 'json' {
  if (/\.json$/i.test(fileName)) return 'json';
  if (/\.csv$/i.test(fileName)) return 'csv';
  return /^\s*[[{]/.test(text) ? 'json' : 'csv';
}

interface RawRecord {
  /** How a problem names the record: `row 3` (CSV line of data, header = row 1) or `accounts[2]`. */
  where: string;
  values: Partial<Record<Column, unknown>>;
}

function csvRecords(text: string): RawRecord[] {
  const rows = parseCsv(text.replace(/^\uFEFF/, ''));
  const header = rows.shift();
  if (header === undefined || header.every((cell) => cell.trim() === '')) throw new ImportFileError(['the CSV is empty: expected a header row with account_id and login or email']);
  const columns: Column[] = [];
  const problems: string[] = [];
  header.forEach((cell, index) => {
    const column = ALIASES[cell.trim().toLowerCase()];
    if (column === undefined) problems.push(`header column ${index + 1} "${cell}" is not one of ${COLUMNS.join(', ')}`);
    else if (columns.includes(column)) problems.push(`header column ${column} appears twice`);
    else columns.push(column);
  });
  if (!columns.includes('account_id')) problems.push('missing column account_id');
  if (!columns.includes('login') && !columns.includes('email')) problems.push('missing column login or email (at least one is required)');
  if (problems.length > 0) throw new ImportFileError(problems);
  const records: RawRecord[] = [];
  rows.forEach((cells, index) => {
    const where = `row ${index + 2}`;
    if (cells.length === 1 && cells[0] === '') return; // a blank line (the file's last newline)
    if (cells.length !== header.length) problems.push(`${where}: ${cells.length} fields where the header has ${header.length}`);
    else records.push({ where, values: Object.fromEntries(columns.map((column, i) => [column, cells[i]])) });
  });
  if (problems.length > 0) throw new ImportFileError(problems);
  return records;
}

/** RFC 4180 records; a quote left open is an error naming the line it opened on. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let quoteLine = 0;
  for (let i = 0; i < text.length; i += 1) {
    const char = text.charAt(i);
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else {
        if (char === '\n') line += 1;
        cell += char;
      }
    } else if (char === '"') {
      if (cell !== '') throw new ImportFileError([`line ${line}: a quote inside an unquoted field (quote the whole field and double the quote)`]);
      quoted = true;
      quoteLine = line;
    } else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i += 1;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      line += 1;
    } else cell += char;
  }
  if (quoted) throw new ImportFileError([`line ${quoteLine}: a quoted field is never closed`]);
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

function jsonRecords(text: string): RawRecord[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ImportFileError([`the file is not JSON (${error instanceof Error ? error.message : String(error)})`]);
  }
  const list = Array.isArray(parsed) ? parsed : typeof parsed === 'object' && parsed !== null && Array.isArray((parsed as { accounts?: unknown }).accounts) ? (parsed as { accounts: unknown[] }).accounts : undefined;
  if (list === undefined) throw new ImportFileError(['the JSON must be a list of accounts or {"accounts": [...]}']);
  const problems: string[] = [];
  const records: RawRecord[] = [];
  list.forEach((item: unknown, index) => {
    const where = `accounts[${index}]`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      problems.push(`${where}: not an object`);
      return;
    }
    const values: Partial<Record<Column, unknown>> = {};
    for (const [key, value] of Object.entries(item)) {
      const column = ALIASES[key.toLowerCase()];
      if (column === undefined) problems.push(`${where}.${key}: unknown field (expected ${COLUMNS.join(', ')})`);
      else values[column] = value;
    }
    records.push({ where, values });
  });
  if (problems.length > 0) throw new ImportFileError(problems);
  return records;
}

function validate(records: readonly RawRecord[]): ImportedAccountRow[] {
  if (records.length === 0) throw new ImportFileError(['the file lists no accounts']);
  if (records.length > MAX_IMPORT_ROWS) throw new ImportFileError([`the file lists ${records.length} accounts, more than ${MAX_IMPORT_ROWS}`]);
  const problems: string[] = [];
  const firstSeen = new Map<string, string>();
  const rows: ImportedAccountRow[] = [];
  for (const { where, values } of records) {
    const accountId = text(values.account_id, `${where}: account_id`, problems);
    const login = text(values.login, `${where}: login`, problems);
    const email = text(values.email, `${where}: email`, problems);
    if (accountId === null) problems.push(`${where}: account_id is empty`);
    if (login === null && email === null) problems.push(`${where}: both login and email are empty`);
    if (email !== null && !/^[^\s@]+@[^\s@]+$/.test(email)) problems.push(`${where}: email "${email}" is not an email address`);
    const mfa = text(values.own_mfa, `${where}: own_mfa`, problems)?.toLowerCase() ?? 'unknown';
    const ownMfa = OWN_MFA_STATES.find((state) => state === mfa);
    if (ownMfa === undefined) problems.push(`${where}: own_mfa "${mfa}" is not one of ${OWN_MFA_STATES.join(', ')}`);
    if (accountId !== null) {
      const earlier = firstSeen.get(accountId);
      if (earlier !== undefined) problems.push(`${where}: duplicate account_id "${accountId}" (first in ${earlier})`);
      else firstSeen.set(accountId, where);
    }
    if (accountId !== null && ownMfa !== undefined) rows.push({ accountId, login, email, ownMfa });
  }
  if (problems.length > 0) throw new ImportFileError(problems);
  return rows;
}

/** A trimmed string, null when empty or absent; a non-string (JSON) is a problem. */
function text(value: unknown, where: string, problems: string[]): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') {
    problems.push(`${where} must be text`);
    return null;
  }
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}
