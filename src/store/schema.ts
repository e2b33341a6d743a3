import type { ColumnType, Kysely } from 'kysely';
import type { PassthroughDatabase } from './passthrough-schema.js';

/*
 * Row types as the drivers return them, before the repositories convert them. PostgreSQL returns `bigint` as a
 * string and (by our pool's type parser) JSON as text; SQLite returns integers as numbers and booleans as 0/1.
 */
type EpochMs = ColumnType<number | string, number, number>;
type NullableEpochMs = ColumnType<number | string | null, number | null, number | null>;
type Count = ColumnType<number | string, number, number>;
type NullableCount = ColumnType<number | string | null, number | null, number | null>;
type JsonText = ColumnType<string, string, string>;
type NullableJsonText = ColumnType<string | null, string | null, string | null>;
type Bool = ColumnType<number | boolean, number, number>;

export interface SnapshotsTable {
  id: string;
  org: string;
  sync_id: string | null;
  created_at: EpochMs;
  state: string;
  copied_from: string | null;
  datasets: JsonText;
}

export interface OrgStateTable {
  org: string;
  current_snapshot_id: string | null;
  building_snapshot_id: string | null;
  checkpoint: NullableJsonText;
  log_cursor_until: NullableEpochMs;
  log_cursor_uuids: NullableJsonText;
  last_full_sync_at: NullableEpochMs;
  last_sync_at: NullableEpochMs;
}

export interface SyncsTable {
  id: string;
  org: string;
  trigger: string;
  started_at: EpochMs;
  ended_at: NullableEpochMs;
  status: string;
  complete: Bool;
  datasets: JsonText;
  requests_by_bucket: JsonText;
  requests_total: Count;
  throttled: Count;
  errors: JsonText;
  log_window_since: NullableEpochMs;
  log_window_until: NullableEpochMs;
  snapshot_id: string | null;
  /** The sync's own budget; null for syncs recorded before migration 0004. */
  timeout_ms: NullableCount;
  /** `SyncOrgIdentity` as JSON; null for syncs recorded before migration 0009. */
  org_identity: NullableJsonText;
  /** The System Log event types asked for, as a JSON array (empty: every type); null when none were read or before migration 0013. */
  log_event_types: NullableJsonText;
}

export interface SnapshotProgressTable {
  snapshot_id: string;
  dataset: string;
  entity_id: string;
  verified_at: EpochMs;
}

export interface LogEventsTable {
  org: string;
  uuid: string;
  published: EpochMs;
  event_type: string;
  outcome_result: string | null;
  actor_id: string | null;
  actor_alternate_id: string | null;
  target_ids: JsonText;
  raw: JsonText;
}

/** One row per (event, target id) pair, so the System Log is read by target in time order (migration 0016). */
export interface LogEventTargetsTable {
  org: string;
  target_id: string;
  published: EpochMs;
  uuid: string;
}

/** Only `status` and `id` are read from the users table outside the generic entity code. */
export interface UsersTable {
  snapshot_id: string;
  id: string;
  status: string;
}

export interface CheckRunsTable {
  id: string;
  org: string;
  sync_id: string | null;
  snapshot_id: string;
  evaluated_at: EpochMs;
  settings: JsonText;
  /** Per-check summaries (status, counts, controls) without the entity rows. */
  summaries: JsonText;
}

export interface CheckEntityResultsTable {
  run_id: string;
  check_id: string;
  entity_type: string;
  entity_id: string;
  entity_name: string;
  status: string;
  reason: string;
  fields: JsonText;
}

export interface AccessReviewsTable {
  id: string;
  org: string;
  app_id: string;
  app_label: string;
  reviewer_email: string;
  attested_at: EpochMs;
  note: string | null;
  snapshot_id: string;
  assignment_count: Count;
  assignments: JsonText;
}

/** The head of an org's evidence chain (the last exported manifest). */
export interface EvidenceChainTable {
  org: string;
  sequence: Count;
  manifest_sha256: string;
  sync_id: string | null;
  generated_at: EpochMs;
}

/** A stored connection to an Okta org (migration 0005). `sealed_secret` is an encrypted envelope, never clear text. */
export interface ConnectionsTable {
  id: string;
  name: string;
  name_folded: string;
  domain: string;
  base_url: string | null;
  proxy_url: string | null;
  credential_kind: string;
  client_id: string | null;
  key_id: string | null;
  dpop_mode: string | null;
  sealed_secret: string;
  auto_sync: Bool;
  sync_interval_s: Count;
  log_window_days: Count;
  budget_s: Count;
  event_types: NullableJsonText;
  evidence_retention: Count;
  org_id: string | null;
  pipeline: string | null;
  org_verified_at: NullableEpochMs;
  health_state: string;
  health_reason: string | null;
  consecutive_failures: Count;
  paused_reason: string | null;
  next_run_at: NullableEpochMs;
  last_sync_id: string | null;
  last_sync_at: NullableEpochMs;
  created_at: EpochMs;
  updated_at: EpochMs;
}

/** Who changed what, when (migration 0005). `details` never holds secret values. */
export interface AuditLogTable {
  id: string;
  at: EpochMs;
  actor: string;
  action: string;
  connection_id: string | null;
  connection_name: string | null;
  details: JsonText;
}

/** An org's sync lease (migration 0006): held by one process while it syncs the org. */
export interface SyncLeasesTable {
  org: string;
  holder_id: string;
  host: string;
  pid: Count;
  acquired_at: EpochMs;
  heartbeat_at: EpochMs;
  expires_at: EpochMs;
}

/** Downstream services, their snapshots and GitHub connections (migration 0011). */
export interface DownstreamServicesTable {
  id: string;
  kind: string;
  name: string;
  name_folded: string;
  okta_org: string;
  okta_app_id: string | null;
  created_at: EpochMs;
  updated_at: EpochMs;
}

export interface DownstreamSnapshotsTable {
  id: string;
  service_id: string;
  read_at: string;
  stored_at: EpochMs;
  is_current: Bool;
  requires_own_mfa: ColumnType<number | boolean | null, number | null, number | null>;
  saml_configured: ColumnType<number | boolean | null, number | null, number | null>;
  sso_enforced: JsonText;
  completeness: JsonText;
  account_count: Count;
  credential_count: Count;
}

export interface DownstreamAccountsTable {
  snapshot_id: string;
  account_id: string;
  login: string;
  email: string | null;
  kind: string;
  own_mfa: string;
  saml_name_id: string | null;
}

export interface DownstreamCredentialsTable {
  snapshot_id: string;
  position: Count;
  login: string;
  credential_id: string;
  credential_type: string;
  authorized_at: string;
  last_accessed_at: string | null;
  expires_at: string | null;
}

export interface GithubConnectionsTable {
  id: string;
  name: string;
  name_folded: string;
  service_id: string;
  api_url: string;
  org_login: string;
  enterprise_slug: string | null;
  credential_kind: string;
  app_id: string | null;
  installation_id: string | null;
  sealed_secret: string;
  org_id: string | null;
  auto_sync: Bool;
  sync_interval_s: Count;
  budget_s: Count;
  health_state: string;
  health_reason: string | null;
  consecutive_failures: Count;
  paused_reason: string | null;
  next_run_at: NullableEpochMs;
  last_sync_id: string | null;
  last_sync_at: NullableEpochMs;
  created_at: EpochMs;
  updated_at: EpochMs;
}

export interface DownstreamDatabase {
  downstream_services: DownstreamServicesTable;
  downstream_snapshots: DownstreamSnapshotsTable;
  downstream_accounts: DownstreamAccountsTable;
  downstream_credentials: DownstreamCredentialsTable;
  github_connections: GithubConnectionsTable;
}

export interface StoreDatabase extends ServerDatabase, DownstreamDatabase, PassthroughDatabase {
  snapshots: SnapshotsTable;
  org_state: OrgStateTable;
  syncs: SyncsTable;
  snapshot_progress: SnapshotProgressTable;
  log_events: LogEventsTable;
  log_event_targets: LogEventTargetsTable;
  users: UsersTable;
  check_runs: CheckRunsTable;
  check_entity_results: CheckEntityResultsTable;
  access_reviews: AccessReviewsTable;
  evidence_chain: EvidenceChainTable;
  connections: ConnectionsTable;
  audit_log: AuditLogTable;
  sync_leases: SyncLeasesTable;
}

export type StoreDb = Kysely<StoreDatabase>;

/**
 * The entity tables are driven by their column specs (see `entity-tables.ts`), so the generic code sees them through
 * this loose view: table and column names are strings, values are unknown until decoded.
 */
export type LooseDb = Kysely<Record<string, Record<string, unknown>>>;

export interface ServerUsersTable {
  id: string;
  email: string;
  display_name: string | null;
  role: string;
  password_hash: string;
  created_at: EpochMs;
  disabled_at: NullableEpochMs;
  failed_logins: Count;
  locked_until: NullableEpochMs;
  review_app_ids: JsonText;
}

export interface ServerSessionsTable {
  id_hash: string;
  user_id: string;
  created_at: EpochMs;
  last_seen_at: EpochMs;
  expires_at: EpochMs;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  access: string;
  created_at: EpochMs;
  expires_at: EpochMs;
  last_used_at: NullableEpochMs;
  revoked_at: NullableEpochMs;
}

export interface SetupTokensTable {
  token_hash: string;
  created_at: EpochMs;
  expires_at: EpochMs;
  used_at: NullableEpochMs;
}

/** An outbound webhook (migration 0010); `events` is a JSON array of event types. */
export interface WebhooksTable {
  id: string;
  name: string;
  url: string;
  events: JsonText;
  format: string;
  sealed_secret: string;
  enabled: Bool;
  created_by: string;
  created_at: EpochMs;
  updated_at: EpochMs;
}

/** One delivery of one event to one webhook, with all its attempts (migration 0010). */
export interface WebhookDeliveriesTable {
  id: string;
  webhook_id: string;
  event_type: string;
  org: string | null;
  started_at: EpochMs;
  ended_at: EpochMs;
  attempts: Count;
  delivered: Bool;
  last_status: string;
  last_error: string | null;
}

/** The REST server's tables (migrations 0008 and 0010). */
export interface ServerDatabase {
  server_users: ServerUsersTable;
  server_sessions: ServerSessionsTable;
  api_tokens: ApiTokensTable;
  setup_tokens: SetupTokensTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
}
