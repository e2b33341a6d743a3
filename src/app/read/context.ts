import type { Store } from '../../store/index.js';

/** The store as the read side and the server see it; adapters name this type, never the store module. */
export type ServerStore = Store;
