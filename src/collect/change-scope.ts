import type { ChangePlan } from './change-plan.js';
import type { CollectContext } from './collector.js';

/** The System Log collector's id: the change plan is built from what it stored. */
export const SYSTEM_LOG_COLLECTOR = 'system-log';

/** The change plan as the sync read it, and whether it covers every change (the System Log read may be cut short). */
export interface PlanReading {
  plan: ChangePlan;
  /** False when the System Log was not read to the end of its window: changes after where it stopped are unknown. */
  complete: boolean;
}

/**
 * What an incremental sync gives its collectors in place of a full read: the instant changes are looked for from,
 * the System Log's change plan, and what earlier collectors of the same sync found changed, so later ones re-read
 * what depends on it. Owned by one sync run; collectors fill the sets before they end, and those that read them wait
 * for that collector (`ctx.after`): factors after users and groups, apps after groups.
 */
export interface ChangeScope {
  /** Changes since this instant: when reading of the current snapshot began, minus an overlap for late events. */
  since: Date;
  /** The plan from the System Log events since `since`; call through `changePlan`, which waits for the log's read. */
  plan(): Promise<PlanReading>;
  /** Users new to the snapshot or whose status changed (users collector). */
  readonly changedUsers: Set<string>;
  /** Groups whose members were read again, and the users who joined or left each (groups collector). */
  readonly movedMembers: Map<string, Set<string>>;
  /** Re-verification of the users whose factors were verified longest ago, with what is left of the budget. */
  reverify: {
    /** At most this many users per sync. */
    limit: number;
    /** False once re-verification has used its share of the budget, or only the reserve to finish and promote is left. */
    canContinue(): boolean;
    /**
     * Aborts when `canContinue` turns false: re-verification's requests still waiting for a rate-limit slot then are
     * withdrawn (the client's `waitSignal`), rather than wait out the next window past the share.
     */
    readonly signal: AbortSignal;
  };
  /** Filled in by the factors and apps collectors for the sync's outcome; `changes` once the plan is read. */
  readonly result: ReverifyResult & { changes?: ChangeSummary };
}

/** What the change-driven part of an incremental sync found, by kind (the plan's counts), and how far it reaches. */
export interface ChangeSummary {
  /** Users whose record changed (lifecycle, profile, lock). */
  users: number;
  /** Users whose factors changed. */
  factors: number;
  /** Groups whose members changed. */
  groupMemberships: number;
  /** Apps whose group assignments changed (read again whole). */
  apps: number;
  /** Single app assignments that changed. */
  appAssignments: number;
  /** Policies or rules that changed (at least 1 when any did). */
  policies: number;
  /** Changes are known up to this instant: where this sync's System Log read ended. */
  logCutoff: Date | null;
  /** False when the System Log read was cut short: changes after the cutoff wait for the next sync. */
  logComplete: boolean;
}

/** What the leftover budget of an incremental sync re-verified, and what that cost. */
export interface ReverifyResult {
  /** Users whose factors were read again, oldest verification first. */
  reverifiedUsers: number;
  /** Apps whose assignments were read again whole, oldest verification first. */
  reverifiedApps: number;
  /** Requests the re-verification made, by collector: apart from the change-driven ones. */
  reverifyRequests: { factors: number; apps: number };
  /**
   * Re-verification reads left for later: requests withdrawn unsent when its share ran out while they waited for a
   * rate-limit slot, and apps not begun because the apps bucket's current window could not take all their requests.
   * Not errors; those users and apps stay the oldest verified and come first next time.
   */
  reverifyWithdrawn: number;
  /** The oldest factor verification left in the snapshot. */
  oldestVerifiedAt: Date | null;
}

/** The change plan, once this sync's System Log collector has stored the events it is built from. */
export async function changePlan(ctx: Pick<CollectContext, 'after'>, changes: ChangeScope): Promise<PlanReading> {
  await ctx.after(SYSTEM_LOG_COLLECTOR);
  return changes.plan();
}
