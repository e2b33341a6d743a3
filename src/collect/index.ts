import { adminRolesCollector } from './admin-roles.js';
import { appsCollector } from './apps.js';
import type { Collector } from './collector.js';
import { factorsCollector } from './factors.js';
import { groupsCollector } from './groups.js';
import { policiesCollector } from './policies.js';
import { systemLogCollector } from './system-log.js';
import { usersCollector } from './users.js';

export * from './collector.js';
export { adminRolesCollector } from './admin-roles.js';
export { appsCollector } from './apps.js';
export { factorsCollector } from './factors.js';
export { groupsCollector } from './groups.js';
export { policiesCollector } from './policies.js';
export { assertLogEventTypes } from './system-log-filter.js';
export { systemLogCollector } from './system-log.js';
export { usersCollector } from './users.js';

/**
 * Every collector, in the order their datasets are reported. The sync runs them concurrently, each once what it
 * `dependsOn` is read (factors start on each stored page of users), so every rate-limit bucket is busy from the start: the apps bucket
 * (the slowest of a Workforce org), the System Log's, and the per-user factor backfill, the one a large org cannot
 * finish in one budget and that is built to be cut short and continued.
 */
export const ALL_COLLECTORS: readonly Collector[] = [
  usersCollector,
  groupsCollector,
  appsCollector,
  policiesCollector,
  adminRolesCollector,
  systemLogCollector,
  factorsCollector,
];
