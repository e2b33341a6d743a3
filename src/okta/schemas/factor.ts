import { z } from 'zod';
import { optionalStringSchema, optionalTimestampSchema } from './common.js';

/**
 * An enrolled factor from `GET /api/v1/users/{id}/factors` (OKTA-API.md §6.1). `factorType` is any string, so types we
 * do not know yet (`signed_nonce`, OKTA-API.md §13 pitfall 6) are kept. `profile` varies by type and holds phone
 * numbers and credential ids: the collector reduces it to a masked summary and never stores it.
 */
export const oktaFactorSchema = z.object({
  id: z.string().min(1),
  factorType: z.string().min(1),
  provider: optionalStringSchema,
  vendorName: optionalStringSchema,
  status: z.string().min(1),
  created: optionalTimestampSchema,
  lastUpdated: optionalTimestampSchema,
  profile: z
    .record(z.string(), z.unknown())
    .nullish()
    .transform((value) => value ?? null),
});
export type OktaFactor = z.output<typeof oktaFactorSchema>;
