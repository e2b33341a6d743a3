import { sql } from 'kysely';
import type { StoreError } from '../errors.js';
import type { StoreDb } from '../schema.js';

/*
 * The rows that hold a sealed secret (Okta connections, GitHub connections, webhooks) are read and resealed the same
 * way: only `readSealedSecret` (a sync, a test, a delivery) and key rotation ever select the secret column. One
 * implementation, parameterised by table, so a fix to one is a fix to all.
 */

export type SealedSecretTable = 'connections' | 'github_connections' | 'webhooks';

export interface SealedSecretRow {
  id: string;
  name: string;
  sealedSecret: string;
  /** The column the secret is bound to (AES-GCM additional data): an Okta domain, a service id, the row's id. */
  boundTo: string;
}

export interface SealedSecretRows {
  readSealedSecret(id: string): Promise<string | undefined>;
  /** Every row's sealed secret, in id order (for key rotation and the sealed count). */
  listSealedSecrets(): Promise<SealedSecretRow[]>;
  /** Seals the same secret under another key; `updated_at` stays (the secret did not change). */
  resealSecret(id: string, sealedSecret: string): Promise<void>;
}

export interface SealedSecretTableSpec {
  table: SealedSecretTable;
  /** The column the secret is bound to. */
  boundTo: 'domain' | 'service_id' | 'id';
  /** The error for an id that names no row. */
  gone: (id: string) => StoreError;
}

export function sealedSecretRows(db: StoreDb, { table, boundTo, gone }: SealedSecretTableSpec): SealedSecretRows {
  return {
    async readSealedSecret(id) {
      const row = await db.selectFrom(table).select('sealed_secret').where('id', '=', id).executeTakeFirst();
      return row?.sealed_secret;
    },
    async listSealedSecrets() {
      const rows = await db
        .selectFrom(table)
        .select(['id', 'name', 'sealed_secret', sql<string>`${sql.ref(boundTo)}`.as('bound_to')])
        .orderBy('id')
        .execute();
      return rows.map((row) => ({ id: row.id, name: row.name, sealedSecret: row.sealed_secret, boundTo: row.bound_to }));
    },
    async resealSecret(id, sealedSecret) {
      const result = await db.updateTable(table).set({ sealed_secret: sealedSecret }).where('id', '=', id).executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw gone(id);
    },
  };
}
