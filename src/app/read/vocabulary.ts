/** The store's value lists the API documents as enums, re-exported so adapters need not reach into the store. */
export { CHECK_STATUSES, DATASET_IDS, DATASET_STATES, SYNC_STATUSES, SYNC_TRIGGERS, type CheckStatus, type SyncRecord } from '../../store/types.js';
