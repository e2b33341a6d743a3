import { z } from 'zod';
import type { SimChange } from './changes.js';
import { FACTOR_KINDS } from './generate-factors.js';

const id = z.string().min(1);
const name = z.string().min(1);
const optionalText = z.string().nullable().optional();

/** The profile attributes the simulator names; custom attributes pass through, as Okta's profile schema allows. */
const namedProfileFields = {
  email: z.string().min(1).optional(),
  displayName: optionalText,
  department: optionalText,
  title: optionalText,
  mobilePhone: optionalText,
  secondEmail: optionalText,
};

/**
 * `SimChange` as a schema, for changes that arrive as JSON (`POST /__sim/changes`). Each change is strict, so a
 * misspelt field (`userID`) is refused rather than ignored. The schema's output is checked against `SimChange` by
 * the compiler (`parseChanges`), and its test checks that every `SimChange` is accepted.
 */
export const simChangeSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('user.create'), profile: z.looseObject({ login: name, firstName: name, lastName: name, ...namedProfileFields }) }),
    z.strictObject({ kind: z.literal(['user.deactivate', 'user.suspend', 'user.sign-in']), userId: id }),
    z.strictObject({
      kind: z.literal('user.update-profile'),
      userId: id,
      profile: z.looseObject({ login: name.optional(), firstName: name.optional(), lastName: name.optional(), ...namedProfileFields }),
    }),
    z.strictObject({ kind: z.literal('factor.enroll'), userId: id, factor: z.enum(FACTOR_KINDS) }),
    z.strictObject({ kind: z.literal('factor.reset'), userId: id, factorId: id.optional() }),
    z.strictObject({ kind: z.literal(['group.add-member', 'group.remove-member']), groupId: id, userId: id }),
    z.strictObject({ kind: z.literal(['app.assign-user', 'app.unassign-user']), appId: id, userId: id }),
    z.strictObject({ kind: z.literal('policy.edit'), policyId: id, ruleId: id.optional(), settings: z.record(z.string(), z.unknown()) }),
  ],
  // For an object whose `kind` matches no option; a non-object keeps zod's "expected object" (typed as a union
  // issue, but zod raises it here too), and issues inside an option keep theirs.
  { error: (issue) => (typeof issue.input === 'object' && issue.input !== null ? `missing or unknown change kind; expected one of ${SIM_CHANGE_KINDS.join(', ')}` : undefined) },
);

/** Every change kind, in the schema's order. */
export const SIM_CHANGE_KINDS: readonly SimChange['kind'][] = simChangeSchema.options.flatMap((option) => [...option.shape.kind.values]);

/** Changes one request may carry: far above any test's or benchmark's batch, far below what would hold the simulator. */
export const MAX_CHANGES_PER_REQUEST = 50_000;

export const simChangeListSchema = z.array(simChangeSchema).max(MAX_CHANGES_PER_REQUEST);

/** Parses a list of changes; the return type proves the schema yields nothing `applyChanges` would not accept. */
export function parseChanges(input: unknown): z.ZodSafeParseResult<SimChange[]> {
  return simChangeListSchema.safeParse(input);
}
