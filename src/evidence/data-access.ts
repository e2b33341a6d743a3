import { DATASET_DECLARATIONS } from '../collect/datasets.js';
import { fieldsOf } from '../store/repositories/entity-tables.js';
import type { DatasetId } from '../store/types.js';

/**
 * What okta-evidence read from Okta and what it kept, as data in every manifest: the Okta requests (all GET) and the
 * OAuth scopes they need, from the datasets' declarations the collectors are defined with (src/collect/datasets.ts),
 * and the fields stored (from the store's own column specs), so the table cannot drift from what is actually read
 * and kept.
 */

export interface DataAccessEntry {
  dataset: DatasetId;
  requests: string[];
  scopes: string[];
  /** Fields stored, per stored record kind. */
  fieldsKept: Record<string, string[]>;
  neverRead: string[];
}

/** The System Log is stored outside the snapshot tables; these are its columns, the event kept whole (sanitised). */
const LOG_EVENT_FIELDS = ['uuid', 'published', 'eventType', 'outcomeResult', 'actorId', 'actorAlternateId', 'targetIds', 'raw (the sanitised event)'];

export const DATA_ACCESS = {
  access: 'read-only',
  statement:
    'okta-evidence sends only GET requests to Okta with a read-only admin role or .read OAuth scopes. It never reads, stores or exports passwords, password hashes, recovery answers, factor secrets, API tokens, session tokens or app credentials. Collection errors keep only an entity id and a parse message.',
  reads: DATASET_DECLARATIONS.map(
    (entry): DataAccessEntry => ({
      dataset: entry.dataset,
      requests: [...entry.requests],
      scopes: [...entry.scopes],
      fieldsKept:
        entry.kinds.length === 0
          ? { logEvents: LOG_EVENT_FIELDS }
          : Object.fromEntries(entry.kinds.map((kind) => [kind, fieldsOf(kind).map((field) => field.field)])),
      neverRead: [...entry.neverRead],
    }),
  ),
};
