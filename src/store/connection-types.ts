/*
 * Records and repositories for stored connections and the audit log (migration 0005). Kept apart from `types.ts`
 * and `store.ts`, which every sync-side change touches.
 */

export const CREDENTIAL_KINDS = ['ssws', 'oauth'] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

export const DPOP_MODES = ['on', 'auto', 'off'] as const;
export type DpopSetting = (typeof DPOP_MODES)[number];

export const HEALTH_STATES = ['healthy', 'unhealthy', 'paused'] as const;
export type HealthState = (typeof HEALTH_STATES)[number];

/** The credential's parts that may be shown: never the token or the private key. */
export type CredentialInfo = { kind: 'ssws' } | { kind: 'oauth'; clientId: string; keyId: string | null; dpop: DpopSetting };

/** How and when a connection syncs. Ranges are checked by the application layer (`src/app/connection-settings.ts`). */
export interface ConnectionSettings {
  autoSync: boolean;
  syncIntervalS: number;
  logWindowDays: number;
  budgetS: number;
  /** System Log event types to read instead of the default set; null = the default set. */
  eventTypes: string[] | null;
  /** Evidence exports kept per connection. */
  evidenceRetention: number;
}

/** What the org said about itself when a credential was last tested (`/.well-known/okta-organization`). */
export interface ConnectionOrg {
  orgId: string | null;
  pipeline: string | null;
  verifiedAt: Date | null;
}

export interface ConnectionHealth {
  state: HealthState;
  reason: string | null;
  consecutiveFailures: number;
  /** Why the schedule is stopped (e.g. a 401 until the credential is updated); null when it is not. */
  pausedReason: string | null;
}

export interface ConnectionSchedule {
  nextRunAt: Date | null;
  lastSyncId: string | null;
  lastSyncAt: Date | null;
}

/**
 * A stored connection as every read returns it: the secret is not in it (not even sealed). `domain` is the `org`
 * key of the connection's snapshots, syncs, check runs and evidence chain.
 */
export interface ConnectionRecord {
  id: string;
  name: string;
  domain: string;
  baseUrl: string | null;
  proxyUrl: string | null;
  credential: CredentialInfo;
  settings: ConnectionSettings;
  org: ConnectionOrg;
  health: ConnectionHealth;
  schedule: ConnectionSchedule;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewConnection {
  name: string;
  domain: string;
  baseUrl: string | null;
  proxyUrl: string | null;
  credential: CredentialInfo;
  /** The secret part of the credential, sealed by the caller. The store never sees it in clear. */
  sealedSecret: string;
  settings: ConnectionSettings;
  org?: ConnectionOrg;
}

/** Fields `update` may change; the credential goes through `replaceCredential`, scheduling through `updateSchedule`. */
export interface ConnectionChanges {
  name?: string;
  baseUrl?: string | null;
  proxyUrl?: string | null;
  settings?: Partial<ConnectionSettings>;
}

export interface ConnectionRepository {
  /** Throws STORE_CONFLICT when the name (any case) or the domain is taken. */
  create(input: NewConnection): Promise<ConnectionRecord>;
  get(id: string): Promise<ConnectionRecord | undefined>;
  /** By name, case-insensitively. */
  findByName(name: string): Promise<ConnectionRecord | undefined>;
  findByDomain(domain: string): Promise<ConnectionRecord | undefined>;
  /** In name order. */
  list(): Promise<ConnectionRecord[]>;
  /** Throws STORE_CONFLICT for a taken name, STORE_INVALID_STATE for an unknown id. */
  update(id: string, changes: ConnectionChanges): Promise<ConnectionRecord>;
  /** Replaces the credential, and forgets the org it was verified against unless `org` is given. */
  replaceCredential(id: string, credential: CredentialInfo, sealedSecret: string, org?: ConnectionOrg): Promise<ConnectionRecord>;
  recordOrg(id: string, org: ConnectionOrg): Promise<ConnectionRecord>;
  /** Returns false when there was no such connection. Snapshots and evidence of its domain are kept. */
  remove(id: string): Promise<boolean>;
  /** The sealed secret: for the one place that opens it (a sync or a test), and for key rotation. */
  readSealedSecret(id: string): Promise<string | undefined>;
  /** Every connection's sealed secret with what it is bound to (the domain), for key rotation. */
  listSealedSecrets(): Promise<{ id: string; name: string; domain: string; sealedSecret: string }[]>;
  /** Replaces a sealed secret by the same secret sealed under another key (rotation); the credential is unchanged. */
  resealSecret(id: string, sealedSecret: string): Promise<void>;
  /** Scheduler: when the next run is due and what the last sync was. */
  updateSchedule(id: string, schedule: Partial<ConnectionSchedule>): Promise<void>;
  /** Scheduler: health after a sync. */
  updateHealth(id: string, health: Partial<ConnectionHealth>): Promise<void>;
  /** Scheduler: connections with Auto Sync on, not paused, whose next run is unset or at or before `now`; soonest first. */
  listDue(now: Date, limit?: number): Promise<ConnectionRecord[]>;
}

/** One entry of the audit log. `details` says what changed and never carries secret values. */
export interface AuditEntry {
  id: string;
  at: Date;
  /** e.g. `cli:alice`, `api:token-name`, `scheduler`. */
  actor: string;
  /** e.g. `connection.create`, `connection.update`, `sync.now`, `review.attest`, `secrets.rotate-key`. */
  action: string;
  connectionId: string | null;
  connectionName: string | null;
  details: Record<string, unknown>;
}

export interface AuditLogRepository {
  record(entry: Omit<AuditEntry, 'id' | 'at'> & { at?: Date }): Promise<AuditEntry>;
  /** Newest first; `connectionId` narrows to one connection, `action` to one kind; `before` (an entry id) pages further back. */
  list(options?: { connectionId?: string; action?: string; limit?: number; before?: string }): Promise<AuditEntry[]>;
}
