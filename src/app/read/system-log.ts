import type { KeysetPage, LogEventFilter, LogEventRecord, PageRequest } from '../../store/index.js';
import type { ServerStore } from './context.js';

/** Stored System Log events of the org, newest first, filtered by type, actor, target and time range. */
export function listLogEvents(store: ServerStore, org: string, filter: LogEventFilter, page: PageRequest): Promise<KeysetPage<LogEventRecord>> {
  return store.pages.logEvents(org, filter, page);
}
