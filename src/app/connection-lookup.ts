import type { ConnectionRecord } from '../store/connection-types.js';
import type { Store } from '../store/store.js';
import { InvalidInputError } from './errors.js';

/** A connection by name (any case) or id; an unknown one is a one-line InvalidInputError listing how to see the names. */
export async function findConnection(store: Store, nameOrId: string): Promise<ConnectionRecord> {
  const found = (await store.connections.findByName(nameOrId)) ?? (await store.connections.get(nameOrId));
  if (found === undefined) {
    const names = (await store.connections.list()).map((c) => c.name);
    const known = names.length === 0 ? 'there are no connections yet: add one with "okta-evidence connect"' : `known: ${names.join(', ')}`;
    throw new InvalidInputError(`no connection named "${nameOrId}" (${known})`);
  }
  return found;
}

export function listConnections(store: Store): Promise<ConnectionRecord[]> {
  return store.connections.list();
}
