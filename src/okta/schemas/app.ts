import { z } from 'zod';
import { linkSchema, oktaIdSchema, optionalNumberSchema, optionalStringSchema, optionalTimestampSchema } from './common.js';

/**
 * An app from `GET /api/v1/apps` (OKTA-API.md §7.1). `_links.accessPolicy` names the authentication policy the app
 * uses (SPEC ApplicationLinks.accessPolicy). `credentials` and `settings` are dropped: they can hold secrets.
 */
export const oktaAppSchema = z.object({
  id: oktaIdSchema,
  name: z.string().min(1),
  label: optionalStringSchema,
  status: z.string().min(1),
  signOnMode: optionalStringSchema,
  created: optionalTimestampSchema,
  lastUpdated: optionalTimestampSchema,
  _links: z.object({ accessPolicy: linkSchema }).nullish(),
});
export type OktaApp = z.output<typeof oktaAppSchema>;

/**
 * A row of `GET /api/v1/apps/{id}/users` (OKTA-API.md §7.2): `scope` USER is a direct assignment, GROUP one that exists
 * only through a group. Another scope would change what a check concludes, so it is refused rather than guessed.
 */
export const oktaAppUserSchema = z.object({
  id: oktaIdSchema,
  scope: z.enum(['USER', 'GROUP']),
  status: optionalStringSchema,
  created: optionalTimestampSchema,
  lastUpdated: optionalTimestampSchema,
});
export type OktaAppUser = z.output<typeof oktaAppUserSchema>;

/** A row of `GET /api/v1/apps/{id}/groups`: the group id and its assignment priority. */
export const oktaAppGroupSchema = z.object({
  id: oktaIdSchema,
  priority: optionalNumberSchema,
});
export type OktaAppGroup = z.output<typeof oktaAppGroupSchema>;
