import type { Migration } from 'kysely';
import type { ColumnTypes } from '../dialect-profile.js';
import { createTable, type TableDef } from './table-def.js';

/*
 * Issue 15, cross-IdP MFA passthrough: the facts about a downstream service that its API cannot show (whether a
 * standalone GitHub organization enforces SAML SSO, the app's NameID format), attested by a named admin and kept
 * append-only so the history of who said what stays; and the stored evaluations of the downstream MFA test, each
 * kept whole as JSON (the chain of every account is read together, by the evidence export and the API).
 */
const TABLES: readonly TableDef[] = [
  {
    name: 'downstream_attestations',
    columns: [
      ['id', 'key'], ['service_id', 'key'], ['fact', 'key'], ['value', 'json'], ['attested_by', 'text'],
      ['attested_at', 'epochMs'], ['statement', 'text'], ['recorded_at', 'epochMs'],
    ],
    primaryKey: ['id'],
    indexes: [['service_id', 'fact']],
  },
  {
    name: 'downstream_mfa_results',
    columns: [
      ['id', 'key'], ['service_id', 'key'], ['okta_org', 'key'], ['okta_snapshot_id', 'key'], ['evaluated_at', 'epochMs'],
      ['status', 'key'], ['counts', 'json'], ['evaluation', 'json'],
    ],
    primaryKey: ['id'],
    indexes: [['service_id']],
  },
];

export function downstreamPassthroughSchema(types: ColumnTypes): Migration {
  return {
    async up(db) {
      for (const table of TABLES) await createTable(db, types, table);
    },
    async down(db) {
      for (const table of [...TABLES].reverse()) await db.schema.dropTable(table.name).execute();
    },
  };
}
