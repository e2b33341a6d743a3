import type { ColumnType } from 'kysely';

/** As in schema.ts (kept beside these tables so the two files change apart). */
type EpochMs = ColumnType<number | string, number, number>;
type JsonText = ColumnType<string, string, string>;

/** Attestations of facts a downstream service's API cannot show (migration 0012). Append-only. */
export interface DownstreamAttestationsTable {
  id: string;
  service_id: string;
  fact: string;
  value: JsonText;
  attested_by: string;
  attested_at: EpochMs;
  statement: string;
  recorded_at: EpochMs;
}

/** Stored evaluations of the downstream MFA test (migration 0012). */
export interface DownstreamMfaResultsTable {
  id: string;
  service_id: string;
  okta_org: string;
  okta_snapshot_id: string;
  evaluated_at: EpochMs;
  status: string;
  counts: JsonText;
  evaluation: JsonText;
}

export interface PassthroughDatabase {
  downstream_attestations: DownstreamAttestationsTable;
  downstream_mfa_results: DownstreamMfaResultsTable;
}
