import { openDatabase, type Store } from '../../store/index.js';

/** The store as the read side and the server see it; adapters name this type, never the store module. */
export type ServerStore = Store;

/** Opens (creating or migrating) the database `serve` keeps open for its lifetime. */
export function openServerStore(url: string): Promise<ServerStore> {
  return openDatabase(url);
}
