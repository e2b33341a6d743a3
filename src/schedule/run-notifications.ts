import type { WebhookEvent } from '../app/webhooks/deliver.js';
import type { RunResult, ScheduledConnection, ScheduleState } from './schedule-state.js';

/**
 * What a finished run tells the webhooks: a failed sync (or one that could not start), and a connection that has just
 * turned unhealthy (not every further failure of one that already was, so receivers are not flooded).
 */
export function runEndedEvents(connection: ScheduledConnection, outcome: RunResult, state: ScheduleState, at: Date): WebhookEvent[] {
  const events: WebhookEvent[] = [];
  const occurredAt = at.toISOString();
  const base = { org: connection.org, occurredAt };
  if (outcome.kind === 'synced' && (outcome.status === 'failed' || outcome.status === 'timed_out')) {
    events.push({ ...base, type: 'sync.failed', summary: `sync of "${connection.name}" ${outcome.status.replace('_', ' ')}${outcome.error === undefined ? '' : `: ${outcome.error.message}`}`, data: { connectionId: connection.id, syncId: outcome.syncId, status: outcome.status, error: outcome.error ?? null } });
  }
  if (outcome.kind === 'not_run') {
    events.push({ ...base, type: 'sync.failed', summary: `sync of "${connection.name}" could not start: ${outcome.error.message}`, data: { connectionId: connection.id, syncId: null, status: 'not_run', error: outcome.error } });
  }
  if (state.healthState === 'unhealthy' && connection.schedule.healthState !== 'unhealthy') {
    events.push({ ...base, type: 'connection.unhealthy', summary: `connection "${connection.name}" is unhealthy${state.healthReason === null ? '' : `: ${state.healthReason}`}`, data: { connectionId: connection.id, reason: state.healthReason, consecutiveFailures: state.consecutiveFailures } });
  }
  return events;
}
