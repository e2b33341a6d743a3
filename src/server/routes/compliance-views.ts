import { z } from 'zod';
import { actorName } from '../../app/accounts/accounts.js';
import { chooseActiveFrameworks, readActiveFrameworks } from '../../app/read/active-frameworks.js';
import { passwordCompliance } from '../../app/read/password-compliance.js';
import { FRAMEWORKS } from '../../frameworks/controls.js';
import { read, write } from '../auth/access.js';
import { principalOf } from '../auth/authenticate.js';
import { orgParams } from './params.js';
import { checkStatusSchema } from './records.js';
import type { RouteDeps, ZodApp } from './route-deps.js';
import { problemResponses } from './schemas.js';
import { timestamp } from './timestamp.js';

const frameworkIdSchema = z.enum(Object.keys(FRAMEWORKS) as [keyof typeof FRAMEWORKS, ...(keyof typeof FRAMEWORKS)[]]);

const activeFrameworksSchema = z.object({
  active: z.array(frameworkIdSchema),
  chosenBy: z.string().nullable().describe('Who made the current choice; null while nobody has (every framework is active).'),
  chosenAt: timestamp.nullable(),
});

const requirementSchema = z.object({ source: z.string(), required: z.string(), actual: z.string(), fields: z.array(z.string()), met: z.boolean() });
const passwordComplianceSchema = z.object({
  runId: z.string(),
  evaluatedAt: timestamp,
  policies: z.array(
    z.object({
      policyId: z.string(),
      policy: z.string(),
      status: checkStatusSchema,
      passwordOnlyFactor: z.boolean(),
      governedUsers: z.number().int(),
      profiles: z.array(z.object({ profileId: z.string(), name: z.string(), chosen: z.boolean(), met: z.boolean(), requirements: z.array(requirementSchema) })),
    }),
  ),
});

/** Views the web console needs beyond the raw resources: the active frameworks and password compliance per profile. */
export function registerComplianceViewRoutes(app: ZodApp, { store }: RouteDeps): void {
  app.get(
    '/api/frameworks/active',
    { config: { access: read() }, schema: { operationId: 'getActiveFrameworks', tags: ['frameworks'], summary: 'The frameworks chosen as active for this installation.', response: { 200: activeFrameworksSchema, ...problemResponses } } },
    () => readActiveFrameworks(store),
  );

  app.put(
    '/api/frameworks/active',
    {
      config: { access: write() },
      schema: {
        operationId: 'setActiveFrameworks',
        tags: ['frameworks'],
        summary: 'Choose the active frameworks (audited as frameworks.choose).',
        body: z.strictObject({ active: z.array(frameworkIdSchema).min(1, 'Choose at least one framework.').max(20) }),
        response: { 200: activeFrameworksSchema, ...problemResponses },
      },
    },
    (request) => chooseActiveFrameworks(store, request.body.active, actorName(principalOf(request))),
  );

  app.get(
    '/api/orgs/:org/password-compliance',
    {
      config: { access: read() },
      schema: {
        operationId: 'getPasswordCompliance',
        tags: ['tests'],
        summary: 'Each judged password policy against every password profile: each requirement, actual against required.',
        params: orgParams,
        response: { 200: passwordComplianceSchema, ...problemResponses },
      },
    },
    (request) => passwordCompliance(store, request.params.org),
  );
}
