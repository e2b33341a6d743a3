import { z } from 'zod';
import { linkSchema, oktaIdSchema, optionalStringSchema, optionalTimestampSchema } from './common.js';

/** A group from `GET /api/v1/groups` (OKTA-API.md §8). `_links.source` points an APP_GROUP at its directory app. */
export const oktaGroupSchema = z.object({
  id: oktaIdSchema,
  type: z.string().min(1),
  created: optionalTimestampSchema,
  lastUpdated: optionalTimestampSchema,
  lastMembershipUpdated: optionalTimestampSchema,
  profile: z.object({ name: z.string().min(1), description: optionalStringSchema }),
  _links: z.object({ source: linkSchema }).nullish(),
});
export type OktaGroup = z.output<typeof oktaGroupSchema>;
