import type { ConnectionRepository } from '../store/connection-types.js';

/**
 * The provider refused the old credential and the scheduler paused the connection (src/schedule/next-run.ts): a new
 * credential restarts its schedule with a sync at once (a next run of null is due now). The same for an Okta and a
 * GitHub connection; `rows` is the transaction's repository of the connection's kind.
 */
export async function restartPausedSchedule(rows: Pick<ConnectionRepository, 'updateHealth' | 'updateSchedule'>, id: string): Promise<void> {
  await rows.updateHealth(id, { state: 'unhealthy', reason: 'The credential was replaced; the next sync (due now) checks it.', pausedReason: null, consecutiveFailures: 0 });
  await rows.updateSchedule(id, { nextRunAt: null });
}
