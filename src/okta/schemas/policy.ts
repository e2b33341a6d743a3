import { z } from 'zod';
import { jsonSchema, oktaIdSchema, optionalNumberSchema, optionalTimestampSchema } from './common.js';

/**
 * A policy from `GET /api/v1/policies?type=…` (OKTA-API.md §9). `conditions` and `settings` are kept as Okta shaped
 * them: MFA_ENROLL comes in a Classic `settings.factors` and an Identity Engine `settings.authenticators` shape
 * (§9.3, mondoohq/cnspec#3852), and the checks read whichever is there.
 */
export const oktaPolicySchema = z.object({
  id: oktaIdSchema,
  type: z.string().min(1),
  name: z.string().min(1),
  status: z.string().min(1),
  priority: optionalNumberSchema,
  system: z
    .boolean()
    .nullish()
    .transform((value) => value ?? false),
  conditions: jsonSchema,
  settings: jsonSchema,
  created: optionalTimestampSchema,
  lastUpdated: optionalTimestampSchema,
});
export type OktaPolicy = z.output<typeof oktaPolicySchema>;

/** A rule from `GET /api/v1/policies/{id}/rules`; `conditions` and `actions` are kept as-is. */
export const oktaPolicyRuleSchema = z.object({
  id: z.string().min(1),
  type: z.string().min(1),
  name: z.string().min(1),
  status: z.string().min(1),
  priority: optionalNumberSchema,
  system: z
    .boolean()
    .nullish()
    .transform((value) => value ?? false),
  conditions: jsonSchema,
  actions: jsonSchema,
});
export type OktaPolicyRule = z.output<typeof oktaPolicyRuleSchema>;
