import type { Schemas } from '../../api/client';

export type Connection = Schemas['Connection'];
export type Sync = Schemas['Sync'];

/** A connection's state as its card shows it (Okta or GitHub). */
export interface ConnectionStateView {
  label: string;
  tone: 'state-ok' | 'state-warn' | 'state-bad';
  reason: string | null;
}

/** The card's state: syncing while a sync runs, else what the connection's health says. */
export function connectionState(connection: Connection, latest: Sync | null | undefined): ConnectionStateView {
  if (latest?.status === 'running') return { label: 'Syncing', tone: 'state-warn', reason: null };
  if (connection.health.state === 'unhealthy') return { label: 'Unhealthy', tone: 'state-bad', reason: connection.health.reason };
  if (connection.health.state === 'paused') return { label: 'Paused', tone: 'state-warn', reason: connection.health.pausedReason ?? connection.health.reason };
  return { label: 'Connected', tone: 'state-ok', reason: null };
}

export function formatTime(value: string | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return new Date(value).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** 21600 → "6h", 900 → "15m": the interval as the API takes it back (`syncInterval`). */
export function formatInterval(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}

export const SYNC_INTERVALS = ['15m', '30m', '1h', '2h', '4h', '6h', '12h', '24h'] as const;

export function engineName(pipeline: string | null): string {
  return pipeline === 'idx' ? 'Identity Engine' : pipeline === 'v1' ? 'Classic Engine' : 'not known yet';
}
