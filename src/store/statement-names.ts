/**
 * SQL texts worth preparing once per database connection: the shape-cached queries of `shapedQuery`, a bounded set
 * run again and again. On PostgreSQL they run as named statements (parsed, analysed and planned by the server once per
 * connection instead of on every call, see postgres-connection.ts); SQLite keeps every statement prepared already.
 */
const names = new Map<string, string>();
/** Past this many texts, new ones run unnamed: a prepared statement costs memory in every connection that runs it. */
const NAMES_KEPT = 1000;

export function prepareOnEachConnection(sql: string): void {
  if (names.size < NAMES_KEPT && !names.has(sql)) names.set(sql, `okta_evidence_${names.size + 1}`);
}

/** The statement name of a text marked by `prepareOnEachConnection`, or undefined. */
export function statementNameOf(sql: string): string | undefined {
  return names.get(sql);
}
