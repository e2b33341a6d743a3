import { parseOktaDomain } from '../okta/domain.js';
import { isOktaClientError } from '../okta/errors.js';
import type { Store } from '../store/store.js';
import type { SnapshotRecord } from '../store/types.js';
import { CommandFailedError, UsageError } from './io.js';

export const NOT_SYNCED_HINT = 'run `npx okta-evidence sync` first';

/**
 * The org a read-only command works on and its current snapshot: `--org` when given, else the only org the database
 * holds. No snapshot yet is a failure (exit 1) that says to sync; several orgs without `--org` is a usage error.
 */
export async function currentSnapshot(store: Store, requestedOrg: string | undefined): Promise<{ org: string; snapshot: SnapshotRecord }> {
  const org = requestedOrg === undefined ? await onlyOrg(store) : parseOrg(requestedOrg);
  const snapshot = await store.snapshots.current(org);
  if (snapshot === undefined) throw new CommandFailedError(`no synced snapshot of ${org} in ${store.location}: ${NOT_SYNCED_HINT}`);
  return { org, snapshot };
}

async function onlyOrg(store: Store): Promise<string> {
  const orgs = await store.snapshots.currentOrgs();
  const [only, ...others] = orgs;
  if (only === undefined) throw new CommandFailedError(`no synced snapshot in ${store.location}: ${NOT_SYNCED_HINT}`);
  if (others.length > 0) throw new UsageError(`${store.location} holds snapshots of ${orgs.join(', ')}: choose one with --org`);
  return only;
}

function parseOrg(input: string): string {
  try {
    return parseOktaDomain(input);
  } catch (error) {
    if (isOktaClientError(error)) throw new UsageError(error.message);
    throw error;
  }
}
