import type { ReactNode } from 'react';
import { formatTime, type ConnectionStateView } from './connection-state';

/** A connection card's heading with its state as a badge, and the reason under it when there is one. */
export function ConnectionStateHeader({ heading, state }: { heading: ReactNode; state: ConnectionStateView }) {
  return (
    <>
      <div className="card-header">
        {heading}
        <span className={`state ${state.tone}`}>{state.label}</span>
      </div>
      {state.reason !== null ? <p className="field-error">{state.reason}</p> : null}
    </>
  );
}

/** The "Last sync" and "Next sync" facts of any connection (Okta or GitHub), inside its `<dl className="facts">`. */
export function SyncTimesFacts({ connection }: { connection: { schedule: { lastSyncAt: string | null; nextRunAt: string | null }; settings: { autoSync: boolean } } }) {
  return (
    <>
      <dt>Last sync</dt>
      <dd>{formatTime(connection.schedule.lastSyncAt)}</dd>
      <dt>Next sync</dt>
      <dd>{connection.settings.autoSync ? formatTime(connection.schedule.nextRunAt) : 'Auto Sync is off'}</dd>
    </>
  );
}
