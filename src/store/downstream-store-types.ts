import type { HealthState } from './connection-types.js';
import type { DownstreamKind, DownstreamService, DownstreamSnapshot } from './downstream-types.js';

/*
 * How downstream services, their snapshots and the GitHub connections that read them are stored (migration 0011).
 * Kept apart from `downstream-types.ts` (the connector ↔ passthrough contract): these are the repositories over it.
 */

/** A service to create or change. With `id`, that service is updated; without, the name (any case) decides. */
export interface DownstreamServiceInput {
  id?: string;
  kind: DownstreamKind;
  name: string;
  oktaOrg: string;
  oktaAppId: string | null;
}

/** One stored read of a service, without its accounts and credentials: history lists these. */
export interface DownstreamSnapshotSummary {
  id: string;
  serviceId: string;
  readAt: string;
  current: boolean;
  accountCount: number;
  credentialCount: number;
  complete: boolean;
}

export interface DownstreamRepository {
  /**
   * Creates the service, or updates the one with this id (or, without an id, this name in any case): kind, name, Okta
   * org and app. Throws STORE_CONFLICT when the name is another service's, STORE_INVALID_STATE for an unknown id.
   */
  upsertService(input: DownstreamServiceInput): Promise<DownstreamService>;
  getService(id: string): Promise<DownstreamService | undefined>;
  /** By name, case-insensitively. */
  findServiceByName(name: string): Promise<DownstreamService | undefined>;
  /** In name order. */
  listServices(): Promise<DownstreamService[]>;
  /** Deletes the service with every snapshot of it; false when there was none. */
  removeService(id: string): Promise<boolean>;
  /**
   * Stores a read of `snapshot.service.id` as that service's current snapshot, in one transaction: the previous one
   * is kept as history (superseded), never changed. Duplicate account ids are STORE_INVALID_INPUT and nothing is
   * stored. Returns the new snapshot's id.
   */
  saveSnapshot(snapshot: DownstreamSnapshot): Promise<{ snapshotId: string }>;
  /** The service's newest stored read, with the service as it is now (its Okta mapping may have changed since). */
  currentSnapshot(serviceId: string): Promise<(DownstreamSnapshot & { snapshotId: string }) | undefined>;
  getSnapshot(snapshotId: string): Promise<(DownstreamSnapshot & { snapshotId: string }) | undefined>;
  /** The service's reads, newest first. */
  listSnapshots(serviceId: string, options?: { limit?: number }): Promise<DownstreamSnapshotSummary[]>;
  /** Keeps the current snapshot and the `keep - 1` newest before it; returns the ids deleted. */
  pruneSnapshots(serviceId: string, keep: number): Promise<string[]>;
}

export const GITHUB_CREDENTIAL_KINDS = ['app', 'token'] as const;
export type GithubCredentialKind = (typeof GITHUB_CREDENTIAL_KINDS)[number];

/**
 * The parts of a GitHub credential that may be shown. An App installation: app id (or client id) and installation id
 * (null: looked up from the organization); the private key is the sealed secret. A token: nothing but its kind.
 */
export type GithubCredentialInfo = { kind: 'app'; appId: string; installationId: string | null } | { kind: 'token' };

export interface GithubConnectionSettings {
  autoSync: boolean;
  syncIntervalS: number;
  budgetS: number;
}

/** A stored GitHub connection: it reads one organization into one downstream service. Never carries the secret. */
export interface GithubConnectionRecord {
  id: string;
  name: string;
  /** The REST API root: `https://api.github.com` or `https://HOST/api/v3` (GitHub Enterprise Server). */
  apiUrl: string;
  /** The organization's login. */
  org: string;
  /** The enterprise the organization belongs to, when given: its SAML settings say whether SSO is ENFORCED. */
  enterprise: string | null;
  /** The downstream service its reads are stored under (kind `github`), which names the Okta org and app. */
  serviceId: string;
  credential: GithubCredentialInfo;
  settings: GithubConnectionSettings;
  /** The organization's numeric id when the credential was last tested: a new credential must answer for the same. */
  orgId: string | null;
  health: { state: HealthState; reason: string | null; consecutiveFailures: number; pausedReason: string | null };
  schedule: { nextRunAt: Date | null; lastSyncId: string | null; lastSyncAt: Date | null };
  createdAt: Date;
  updatedAt: Date;
}

export interface NewGithubConnection {
  name: string;
  apiUrl: string;
  org: string;
  enterprise: string | null;
  serviceId: string;
  credential: GithubCredentialInfo;
  /** Sealed by the caller (AES-256-GCM, `src/app/secrets/`); the store never sees it in clear. */
  sealedSecret: string;
  settings: GithubConnectionSettings;
  orgId: string | null;
}

export interface GithubConnectionChanges {
  name?: string;
  enterprise?: string | null;
  settings?: Partial<GithubConnectionSettings>;
}

export interface GithubConnectionRepository {
  /** Throws STORE_CONFLICT when the name (any case) is taken or the service already has a connection. */
  create(input: NewGithubConnection): Promise<GithubConnectionRecord>;
  get(id: string): Promise<GithubConnectionRecord | undefined>;
  findByName(name: string): Promise<GithubConnectionRecord | undefined>;
  /** In name order. */
  list(): Promise<GithubConnectionRecord[]>;
  update(id: string, changes: GithubConnectionChanges): Promise<GithubConnectionRecord>;
  replaceCredential(id: string, credential: GithubCredentialInfo, sealedSecret: string, orgId: string | null): Promise<GithubConnectionRecord>;
  remove(id: string): Promise<boolean>;
  readSealedSecret(id: string): Promise<string | undefined>;
  /** Every sealed secret with what it is bound to (the service id), for key rotation. */
  listSealedSecrets(): Promise<{ id: string; name: string; serviceId: string; sealedSecret: string }[]>;
  resealSecret(id: string, sealedSecret: string): Promise<void>;
  updateSchedule(id: string, schedule: Partial<GithubConnectionRecord['schedule']>): Promise<void>;
  updateHealth(id: string, health: Partial<GithubConnectionRecord['health']>): Promise<void>;
}
