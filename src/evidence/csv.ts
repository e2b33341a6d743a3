/**
 * CSV as RFC 4180 writes it (comma, CRLF line ends, a field quoted when it holds a comma, a quote, CR or LF, quotes
 * doubled), plus one deliberate change for spreadsheet safety (CWE-1236, OWASP "CSV Injection"): a cell whose text
 * starts with `=`, `+`, `-`, `@`, TAB, CR or LF is prefixed with a single quote `'`, so Excel, LibreOffice and Google
 * Sheets show it as text instead of evaluating it as a formula. A user named `=HYPERLINK(…)` in Okta then reads
 * `'=HYPERLINK(…)` in the CSV; the JSON artifact keeps the exact value. The manifest states the rule.
 */

export type CsvValue = string | number | boolean | null | undefined;

/** Leading characters a spreadsheet may treat as the start of a formula (LF added to the OWASP list). */
export const CSV_FORMULA_TRIGGERS = ['=', '+', '-', '@', '\t', '\r', '\n'] as const;

export const CSV_DIALECT = {
  standard: 'RFC 4180',
  encoding: 'UTF-8, no byte-order mark',
  delimiter: ',',
  lineEnding: 'CRLF',
  header: true,
  nullValue: 'empty field',
  formulaEscape: "a cell starting with = + - @ TAB CR or LF is prefixed with ' (spreadsheet formula-injection safety); the JSON artifact keeps the exact value",
} as const;

const NEEDS_QUOTES = /[",\r\n]/;

/** One field, escaped and quoted as needed. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  // Numbers and booleans come from our own code; only text from Okta can carry a formula (e.g. a negative number
  // could only ever be ours, and is left alone).
  if (typeof value === 'string' && CSV_FORMULA_TRIGGERS.some((trigger) => text.startsWith(trigger))) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, CRLF-terminated. */
export function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
