import type { DialectProfile } from '../dialect-profile.js';

export const sqliteProfile: DialectProfile = {
  name: 'sqlite',
  // SQLITE_MAX_VARIABLE_NUMBER defaults to 32766 since SQLite 3.32 (better-sqlite3 12 bundles 3.5x).
  maxBindParameters: 32_766,
  columnTypes: {
    // SQLite compares text with BINARY collation (byte order) unless told otherwise.
    key: 'text',
    text: 'text',
    integer: 'integer',
    epochMs: 'bigint',
    count: 'bigint',
    // SQLite has no boolean type; the repositories write 0/1.
    boolean: 'integer',
    json: 'text',
  },
  // SQLite's LIKE folds ASCII case (PRAGMA case_sensitive_like is off), and its lower() folds nothing else.
  likeIgnoresAsciiCase: true,
  // Without sqlite_stat1 the planner prefers the primary keys and indexes the API's pages are written for (checked
  // with EXPLAIN QUERY PLAN, docs/performance.md); ANALYZE could change those plans behind the tests' back.
  analyzesAfterBulkWrites: false,
  // Rows come from the library in-process, already as values.
  pagesAsOneJsonValue: false,
};
