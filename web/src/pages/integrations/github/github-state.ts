import type { Schemas } from '../../../api/client';
import type { ConnectionStateView } from '../connection-state';

export type GithubConnection = Schemas['GithubConnection'];
export type GithubReport = Schemas['GithubTestReport'];
export type GithubSync = Schemas['GithubSync'];
export type AccountResult = Schemas['PassthroughAccountResult'];

/**
 * The card's state. A GitHub sync has no live event stream: a connection whose next run is due (Sync Now, or its
 * interval passed) is shown syncing until the scheduler records the run; else what its health says.
 */
export function githubState(connection: GithubConnection, now = Date.now()): ConnectionStateView {
  if (connection.health.state === 'paused') return { label: 'Paused', tone: 'state-warn', reason: connection.health.pausedReason ?? connection.health.reason };
  const due = connection.schedule.nextRunAt !== null && Date.parse(connection.schedule.nextRunAt) <= now && (connection.settings.autoSync || connection.schedule.lastSyncAt === null || Date.parse(connection.schedule.nextRunAt) > Date.parse(connection.schedule.lastSyncAt));
  if (due) return { label: 'Syncing', tone: 'state-warn', reason: null };
  if (connection.health.state === 'unhealthy') return { label: 'Unhealthy', tone: 'state-bad', reason: connection.health.reason };
  return { label: 'Connected', tone: 'state-ok', reason: null };
}

/** GitHub.com, or the Enterprise Server host the API is on. */
export function githubHost(apiUrl: string): string {
  return apiUrl === 'https://api.github.com' ? 'GitHub.com' : new URL(apiUrl).host;
}
