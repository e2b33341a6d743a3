import type { Migration } from 'kysely';
import type { ColumnTypes } from '../dialect-profile.js';

/**
 * Issue 12. Users keep where they authenticate (`credentials.provider.type`/`name`): a FEDERATION or SOCIAL user has
 * no Okta factors by design, and the MFA check must say which provider has to evidence MFA instead of "no factor".
 * Null for users stored before this migration (read as Okta-authenticated until the next full read).
 */
export function identityProviderSchema(types: ColumnTypes): Migration {
  return {
    async up(db) {
      await db.schema.alterTable('users').addColumn('provider_type', types.text).execute();
      await db.schema.alterTable('users').addColumn('provider_name', types.text).execute();
    },
    async down(db) {
      await db.schema.alterTable('users').dropColumn('provider_name').execute();
      await db.schema.alterTable('users').dropColumn('provider_type').execute();
    },
  };
}
