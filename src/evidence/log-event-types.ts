import type { SyncRecord } from '../store/types.js';
import type { SystemLogEventTypes } from './header.js';

/**
 * The event types behind an exported System Log window, from the syncs whose reads reach into it
 * (`syncs.logReadsCovering`): their union, or every type when one of them read without a filter, and how many of them
 * recorded none (syncs before migration 0013), so the header never claims more than is known.
 */
export function logEventTypesOf(syncs: readonly Pick<SyncRecord, 'logEventTypes'>[]): SystemLogEventTypes {
  const recorded = syncs.flatMap((sync) => (sync.logEventTypes === null ? [] : [sync.logEventTypes]));
  const allTypes = recorded.some((types) => types.length === 0);
  const types = allTypes ? [] : [...new Set(recorded.flat())].sort();
  const withoutTypes = syncs.length - recorded.length;
  const asked = allTypes ? 'every event type (no filter)' : `${types.length} event type${types.length === 1 ? '' : 's'} (listed in types)`;
  let statement: string;
  if (syncs.length === 0 || recorded.length === 0) {
    statement = 'The event types are unknown: the syncs that read this period did not record them (they ran before okta-evidence recorded event types).';
  } else if (withoutTypes === 0) {
    statement = `The ${plural(syncs.length, 'sync')} that read this period asked Okta for ${asked}.`;
  } else {
    statement = `${recorded.length} of the ${plural(syncs.length, 'sync')} that read this period asked Okta for ${asked}; the other ${withoutTypes} did not record their event types (they ran before okta-evidence recorded them), so events of other types may be included.`;
  }
  return { allTypes, types, syncs: syncs.length, syncsWithoutTypes: withoutTypes, statement };
}

function plural(count: number, noun: string): string {
  return count === 1 ? noun : `${count} ${noun}s`;
}
