import type { Logger } from '../config/runtime.js';
import type { OktaClient } from '../okta/client.js';
import type { Store } from '../store/store.js';
import type { CollectionErrorRecord, DatasetId, DatasetStatus, LogCursor, UserRecord } from '../store/types.js';
import type { ChangeScope } from './change-scope.js';
import type { DatasetDeclaration } from './datasets.js';

/** Default System Log event types for authentication and access evidence (OKTA-API.md §10.4). */
export const DEFAULT_LOG_EVENT_TYPES = [
  'user.session.start',
  'user.session.end',
  'user.authentication.sso',
  'user.authentication.auth_via_mfa',
  'user.authentication.verify',
  // Evidence that MFA was enforced at sign-in (issue 12): the sign-on policy evaluation and the MFA challenge events,
  // and the sign-ins at another identity provider whose MFA that provider must evidence (OKTA-API.md §10.4).
  'policy.evaluate_sign_on',
  'user.mfa.okta_verify',
  'user.mfa.okta_verify.deny_push',
  'user.authentication.auth_via_IDP',
  'user.authentication.auth_via_social',
  'user.mfa.factor.activate',
  'user.mfa.factor.deactivate',
  'user.mfa.factor.reset_all',
  'user.mfa.factor.suspend',
  'user.mfa.factor.unsuspend',
  'user.mfa.factor.update',
  'user.mfa.attempt_bypass',
  'user.account.lock',
  'user.account.unlock',
  'user.account.reset_password',
  'user.account.update_password',
  'user.account.privilege.grant',
  'user.account.privilege.revoke',
  'group.privilege.grant',
  'group.privilege.revoke',
  'user.lifecycle.create',
  'user.lifecycle.activate',
  'user.lifecycle.deactivate',
  'user.lifecycle.reactivate',
  'user.lifecycle.suspend',
  'user.lifecycle.unsuspend',
  'user.lifecycle.delete.initiated',
  'application.user_membership.add',
  'application.user_membership.remove',
  'application.user_membership.change_username',
  'group.user_membership.add',
  'group.user_membership.remove',
  'application.lifecycle.create',
  'application.lifecycle.update',
  'application.lifecycle.activate',
  'application.lifecycle.deactivate',
  'application.lifecycle.delete',
  'policy.lifecycle.create',
  'policy.lifecycle.update',
  'policy.lifecycle.activate',
  'policy.lifecycle.deactivate',
  'policy.lifecycle.delete',
  'policy.rule.add',
  'policy.rule.update',
  'policy.rule.activate',
  'policy.rule.deactivate',
  'policy.rule.delete',
] as const;

/** Users who can sign in, and so must have MFA (OKTA-API.md §5.2). */
export const SIGN_IN_STATUSES = ['ACTIVE', 'RECOVERY', 'LOCKED_OUT', 'PASSWORD_EXPIRED'] as const;

export interface CollectOptions {
  /** System Log window in days (1–90), default 7: how far back the first read goes (later reads continue from the cursor). */
  logWindowDays: number;
  /**
   * System Log event types to read, e.g. `user.session.start`. An entry ending in `.*` (`user.mfa.*`) reads every type
   * under that prefix. Empty reads every event type. Validate with `assertLogEventTypes`.
   */
  logEventTypes: readonly string[];
  /** Parallel per-entity calls (e.g. factors per user); the client's pacer and concurrency cap still apply. */
  perEntityConcurrency: number;
  /**
   * Continue a backfill in this snapshot: group memberships and app assignments skip the groups and apps already
   * verified in it (their progress rows), the way factors skip verified users. Leave it off for a snapshot copied
   * from the previous one, whose progress rows say "verified last sync", not "verified in this read". Factors always
   * continue from the users not yet verified; clear their progress to read them again.
   */
  resume?: boolean;
  /**
   * Set for an incremental sync into a copy of the current snapshot: collectors read only what changed (see
   * `ChangeScope` and docs/sync.md) instead of everything.
   */
  changes?: ChangeScope | undefined;
}

/** Reports progress for a terminal display; the sync run decides where it goes. */
export type ProgressReporter = (dataset: DatasetId, update: { count: number; total?: number }) => void;

/**
 * What a collector hands on as soon as it has stored a page, by collector id (`CollectContext.pageStored`): the users
 * collector's users, so factors start on those who can sign in without waiting for the whole list.
 */
export interface StoredPages {
  users: readonly Pick<UserRecord, 'id' | 'status'>[];
}

/** What a collector gets. Everything that does I/O is here, so collectors are testable against the simulator. */
export interface CollectContext {
  client: OktaClient;
  store: Store;
  org: string;
  /** The building snapshot this sync writes into. */
  snapshotId: string;
  /** The sync's budget: aborting it stops every request at once. */
  signal: AbortSignal;
  clock: () => number;
  logger: Logger;
  progress: ProgressReporter;
  options: CollectOptions;
  /** Where the previous successful System Log read ended (incremental continuation), if any. */
  logCursor: LogCursor | null;
  /**
   * Waits until another collector of the same sync has ended (and its progress is saved) and returns its datasets'
   * states. Only for collectors named in this one's `dependsOn` or `waitsFor`; called where their data is first needed.
   */
  after(collectorId: string): Promise<readonly DatasetStatus[]>;
  /**
   * Hands a page this collector has just stored to the collector that starts on its pages (`startsOnPagesOf`); a
   * no-op when none does in this sync.
   */
  pageStored(page: StoredPages[keyof StoredPages]): void;
  /**
   * The pages another collector of this sync stores, in order, as it stores them; ends when that collector ends (at
   * once when it does not run in this sync). Only for collectors named in this one's `startsOnPagesOf`, read once.
   * A page handed on is a head start, not a promise of completeness: read what it names again from the store once
   * `after(id)` says how that collector ended.
   */
  storedPages<K extends keyof StoredPages>(collectorId: K): AsyncIterable<StoredPages[K]>;
}

export interface CollectResult {
  datasets: DatasetStatus[];
  /** Records that failed to parse: recorded with their id, never dropped silently. */
  errors: CollectionErrorRecord[];
  /** The System Log collector returns where the next sync should continue. */
  logCursor?: LogCursor;
}

/** A collector is declared as data: which datasets it fills, what it needs first, one function. */
export interface Collector {
  id: string;
  datasets: readonly DatasetId[];
  /** The declarations of those datasets (label, requests, what is never read); see datasets.ts. */
  declares?: readonly DatasetDeclaration[];
  /** Collectors whose data must have been read before this one starts (e.g. factors need users). */
  dependsOn: readonly string[];
  /**
   * Collectors this one runs alongside but reads from part-way, through `ctx.after(id)`: the apps collector reads app
   * group assignments while group memberships are still being read, and waits for them only to name the groups of
   * group-derived assignments. Collectors otherwise run concurrently, each paced by its own rate-limit buckets.
   */
  waitsFor?: readonly string[];
  /**
   * Collectors whose pages this one starts on as they are stored (`ctx.storedPages(id)`), running alongside them:
   * factors read each page of users as soon as it is stored, instead of after the whole list (`dependsOn`), so the
   * users bucket's first window is not lost to a list read slowly. Also allows `ctx.after(id)`.
   */
  startsOnPagesOf?: readonly (keyof StoredPages)[];
  collect(ctx: CollectContext): Promise<CollectResult>;
}

/** A collector as written: its datasets named by their declarations (product collectors) or by id (test fakes). */
export type CollectorDefinition = Omit<Collector, 'datasets' | 'declares'> & ({ declares: readonly DatasetDeclaration[] } | { datasets: readonly DatasetId[] });

/** Adds no behaviour: a collector's `datasets` are those its declarations name. */
export function defineCollector(definition: CollectorDefinition): Collector {
  if ('declares' in definition) return { ...definition, datasets: definition.declares.map((declaration) => declaration.dataset) };
  return definition;
}
