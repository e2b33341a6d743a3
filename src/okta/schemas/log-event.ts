import { z } from 'zod';
import { optionalStringSchema, timestampSchema } from './common.js';

/**
 * The fields of a System Log event (OKTA-API.md §10.3) we index on. The event itself is kept whole (after the
 * collector's sanitising); this schema only checks that those fields are usable.
 */
export const oktaLogEventSchema = z.object({
  uuid: z.string().min(1),
  published: timestampSchema,
  eventType: z.string().min(1),
  outcome: z.object({ result: optionalStringSchema }).nullish(),
  actor: z.object({ id: optionalStringSchema, alternateId: optionalStringSchema }).nullish(),
  target: z
    .array(z.object({ id: optionalStringSchema }))
    .nullish()
    .transform((value) => value ?? []),
});
export type OktaLogEvent = z.output<typeof oktaLogEventSchema>;
