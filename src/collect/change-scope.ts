import type { ChangePlan } from './change-plan.js';

/** The change plan as the sync read it, and whether it covers every change (the System Log read may be cut short). */
export interface PlanReading {
  plan: ChangePlan;
  /** False when the System Log was not read to the end of its window: changes after where it stopped are unknown. */
  complete: boolean;
}

/**
 * What an incremental sync gives its collectors in place of a full read: the instant changes are looked for from,
 * the System Log's change plan, and what earlier collectors of the same sync found changed, so later ones re-read
 * what depends on it. Owned by one sync run; collectors add to the sets in dependency order (users and groups before
 * apps and factors).
 */
export interface ChangeScope {
  /** Changes since this instant: when reading of the current snapshot began, minus an overlap for late events. */
  since: Date;
  /** The plan from the System Log events since `since`; read after the System Log collector of this sync ran. */
  plan(): Promise<PlanReading>;
  /** Users new to the snapshot or whose status changed (users collector). */
  readonly changedUsers: Set<string>;
  /** Groups whose members were read again, and the users who joined or left each (groups collector). */
  readonly movedMembers: Map<string, Set<string>>;
  /** Re-verification of the users whose factors were verified longest ago, with what is left of the budget. */
  reverify: {
    /** At most this many users per sync. */
    limit: number;
    /** False once the budget left is only the reserve the sync keeps to finish and promote. */
    canContinue(): boolean;
  };
  /** Filled in by the factors collector for the sync's outcome. */
  readonly result: { reverifiedUsers: number; oldestVerifiedAt: Date | null };
}
