import { parseOktaDomain } from '../okta/domain.js';
import { isOktaClientError } from '../okta/errors.js';
import type { Store } from '../store/store.js';
import type { SnapshotRecord } from '../store/types.js';
import { NOT_SYNCED_HINT } from './database-url.js';
import { InvalidInputError, OperationFailedError } from './errors.js';

export { NOT_SYNCED_HINT } from './database-url.js';

/**
 * The org an operation works on and its current snapshot: `requestedOrg` when given, else the only org the database
 * holds. No snapshot yet is a failure that says to sync; several orgs without a choice is an input error.
 */
export async function currentSnapshot(store: Store, requestedOrg: string | undefined): Promise<{ org: string; snapshot: SnapshotRecord }> {
  const org = requestedOrg === undefined ? await onlyOrg(store) : parseOrg(requestedOrg);
  const snapshot = await store.snapshots.current(org);
  if (snapshot === undefined) throw new OperationFailedError(`no synced snapshot of ${org} in ${store.location}: ${NOT_SYNCED_HINT}`);
  return { org, snapshot };
}

async function onlyOrg(store: Store): Promise<string> {
  const orgs = await store.snapshots.currentOrgs();
  const [only, ...others] = orgs;
  if (only === undefined) throw new OperationFailedError(`no synced snapshot in ${store.location}: ${NOT_SYNCED_HINT}`);
  if (others.length > 0) throw new InvalidInputError(`${store.location} holds snapshots of ${orgs.join(', ')}: choose one with --org`);
  return only;
}

function parseOrg(input: string): string {
  try {
    return parseOktaDomain(input);
  } catch (error) {
    if (isOktaClientError(error)) throw new InvalidInputError(error.message);
    throw error;
  }
}
