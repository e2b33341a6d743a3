import { z } from 'zod';
import { oktaIdSchema, optionalStringSchema, optionalTimestampSchema } from './common.js';

/**
 * A user as `GET /api/v1/users` returns it (OKTA-API.md §5.3). Only the fields we keep are declared: of `credentials`
 * only the provider (where the user authenticates) is kept; the password marker, the recovery question and every
 * other profile attribute are dropped here, so they cannot reach storage by accident.
 */
export const oktaUserSchema = z.object({
  id: oktaIdSchema,
  status: z.string().min(1),
  created: optionalTimestampSchema,
  activated: optionalTimestampSchema,
  statusChanged: optionalTimestampSchema,
  lastLogin: optionalTimestampSchema,
  lastUpdated: optionalTimestampSchema,
  passwordChanged: optionalTimestampSchema,
  // Lenient: search results may leave `credentials` out (OKTA-API.md §5.3), and a provider we cannot read is unknown.
  credentials: z
    .object({ provider: z.object({ type: optionalStringSchema, name: optionalStringSchema }).nullish().catch(undefined) })
    .nullish()
    .catch(undefined),
  profile: z.object({
    login: z.string().min(1),
    email: optionalStringSchema,
    firstName: optionalStringSchema,
    lastName: optionalStringSchema,
    displayName: optionalStringSchema,
    department: optionalStringSchema,
    title: optionalStringSchema,
  }),
});
export type OktaUser = z.output<typeof oktaUserSchema>;

/** A member row of `GET /api/v1/groups/{id}/users` (a full user object; only the id is needed). */
export const oktaMemberSchema = z.object({ id: oktaIdSchema });
