import { FRAMEWORKS, type FrameworkId } from '../../frameworks/controls.js';
import { recordAudit } from '../audit.js';
import { InvalidInputError } from '../errors.js';
import type { ServerStore } from './context.js';

/** The audit action that records a choice; the newest such entry is the installation's current choice. */
export const CHOOSE_FRAMEWORKS_ACTION = 'frameworks.choose';
const FRAMEWORK_IDS = Object.keys(FRAMEWORKS) as FrameworkId[];

export interface ActiveFrameworks {
  active: FrameworkId[];
  /** Who chose and when; null while nobody has chosen (then every framework is active). */
  chosenBy: string | null;
  chosenAt: Date | null;
}

/*
 * Which frameworks the console shows is an installation-wide choice an admin makes. It is kept as the newest
 * `frameworks.choose` entry of the audit log: every change is audited anyway (who, when, from what to what), and
 * the log is append-only, so the current choice and its history are one record and need no table of their own.
 */
export async function readActiveFrameworks(store: ServerStore): Promise<ActiveFrameworks> {
  const [latest] = await store.auditLog.list({ action: CHOOSE_FRAMEWORKS_ACTION, limit: 1 });
  if (latest === undefined) return { active: FRAMEWORK_IDS, chosenBy: null, chosenAt: null };
  const recorded = latest.details.to;
  // A framework dropped from a later version of the product is simply no longer active.
  const active = Array.isArray(recorded) ? FRAMEWORK_IDS.filter((id) => recorded.includes(id)) : FRAMEWORK_IDS;
  return { active, chosenBy: latest.actor, chosenAt: latest.at };
}

export async function chooseActiveFrameworks(store: ServerStore, frameworks: readonly string[], actor: string): Promise<ActiveFrameworks> {
  const unknown = frameworks.filter((id) => !(id in FRAMEWORKS));
  if (unknown.length > 0) throw new InvalidInputError(`Unknown framework ${unknown.join(', ')}: one of ${FRAMEWORK_IDS.join(', ')}.`);
  if (frameworks.length === 0) throw new InvalidInputError('Choose at least one framework.');
  const before = await readActiveFrameworks(store);
  const active = FRAMEWORK_IDS.filter((id) => frameworks.includes(id));
  const entry = await recordAudit(store, { actor, action: CHOOSE_FRAMEWORKS_ACTION, details: { from: before.active, to: active } });
  return { active, chosenBy: entry.actor, chosenAt: entry.at };
}
