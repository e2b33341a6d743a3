import { sql } from 'kysely';
import type { DialectProfile } from '../dialect-profile.js';

export const postgresProfile: DialectProfile = {
  name: 'postgres',
  // The wire protocol counts parameters in an Int16.
  maxBindParameters: 65_535,
  columnTypes: {
    // A database created with a linguistic collation (en_US) would order `00uB` before `00ua`; "C" is byte order,
    // the same as SQLite, so keyset pages and evidence exports come out identically on both databases.
    key: sql`text collate "C"`,
    text: 'text',
    integer: 'integer',
    epochMs: 'bigint',
    count: 'bigint',
    boolean: 'boolean',
    json: 'jsonb',
  },
  // PostgreSQL's LIKE is case-sensitive.
  likeIgnoresAsciiCase: false,
  analyzesAfterBulkWrites: true,
  // The driver's per-field decoding is the largest part of reading a page (json-page.ts).
  pagesAsOneJsonValue: true,
};
