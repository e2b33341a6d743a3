import type { ReactNode, SyntheticEvent } from 'react';
import { useCanAdminister } from '../../app/session';
import { ProblemMessage } from '../../components/Problem';
import { formatInterval, SYNC_INTERVALS } from './connection-state';

/** When a connection syncs, as its settings form edits it (the interval in the API's `syncInterval` text). */
export interface SyncSchedule {
  autoSync: boolean;
  syncInterval: string;
}

export function syncScheduleOf(settings: { autoSync: boolean; syncIntervalS: number }): SyncSchedule {
  return { autoSync: settings.autoSync, syncInterval: formatInterval(settings.syncIntervalS) };
}

/** The slice of the page's save mutation the form shows (a TanStack `useMutation` result is one). */
interface SaveState {
  isPending: boolean;
  isSuccess: boolean;
  error: Error | null;
  /** Called on every change: a "Settings saved." or an error is about the values before it. */
  reset: () => void;
}

interface SyncSettingsFormProps {
  /** The heading's id, which labels the form; each integration page keeps its own. */
  titleId: string;
  /** The Sync Interval select's id; each integration page keeps its own. */
  intervalId: string;
  schedule: SyncSchedule;
  onScheduleChange: (schedule: SyncSchedule) => void;
  save: SaveState;
  /** Save settings was pressed (the browser's submit is already prevented). */
  onSubmit: () => void;
  /** Fields only one kind of connection has (the Okta System Log window), after Sync Interval. */
  children?: ReactNode;
}

/**
 * An integration's Settings card: the "Syncing" fieldset (Auto Sync, Sync Interval, any extra fields, Save settings)
 * and what the save did. A role that may not change settings sees them disabled, with no Save.
 */
export function SyncSettingsForm({ titleId, intervalId, schedule, onScheduleChange, save, onSubmit, children }: SyncSettingsFormProps) {
  const canAdminister = useCanAdminister();
  // An interval set elsewhere (the CLI takes any from 15m to 24h, e.g. 45m) is still shown, not replaced by the first option.
  const intervals: readonly string[] = SYNC_INTERVALS.includes(schedule.syncInterval as (typeof SYNC_INTERVALS)[number]) ? SYNC_INTERVALS : [schedule.syncInterval, ...SYNC_INTERVALS];
  function change(changed: Partial<SyncSchedule>) {
    onScheduleChange({ ...schedule, ...changed });
    save.reset();
  }
  function submit(event: SyntheticEvent) {
    event.preventDefault();
    onSubmit();
  }
  return (
    <form className="card" onSubmit={submit} aria-labelledby={titleId}>
      <h2 id={titleId}>Settings</h2>
      {!canAdminister ? <p className="muted">Your role can read these settings but not change them.</p> : null}
      <fieldset disabled={!canAdminister}>
        <legend>Syncing</legend>
        <label className="checkbox">
          <input type="checkbox" checked={schedule.autoSync} onChange={(event) => change({ autoSync: event.target.checked })} /> Auto Sync
        </label>
        <div className="field">
          <label htmlFor={intervalId}>Sync Interval</label>
          <select id={intervalId} value={schedule.syncInterval} onChange={(event) => change({ syncInterval: event.target.value })}>
            {intervals.map((interval) => (
              <option key={interval} value={interval}>
                every {interval}
              </option>
            ))}
          </select>
        </div>
        {children}
        {canAdminister ? (
          <button type="submit" className="primary" disabled={save.isPending}>
            Save settings
          </button>
        ) : null}
      </fieldset>
      {save.isSuccess ? <p role="status" className="success">Settings saved.</p> : null}
      {save.error !== null ? <ProblemMessage error={save.error} title="Settings not saved" /> : null}
    </form>
  );
}
