import type { FastifyInstance } from 'fastify';
import type { SimContext } from '../context.js';
import { sendOktaError } from '../okta-errors.js';
import type { SimPolicy, SimPolicyRule } from '../org/types.js';
import { queryOf, scanPage, type PageLimits } from '../pagination.js';
import { readOnlyRoute, sendNotFound, servePage } from './replies.js';
import { serializePolicy, serializePolicyMapping, serializeRule } from './serialize.js';

const SCOPE = 'okta.policies.read';

/** SPEC PolicyType. */
export const POLICY_TYPES = [
  'ACCESS_POLICY',
  'ENTITY_RISK',
  'IDP_DISCOVERY',
  'MFA_ENROLL',
  'OKTA_SIGN_ON',
  'PASSWORD',
  'POST_AUTH_SESSION',
  'PROFILE_ENROLLMENT',
  'DEVICE_SIGNAL_COLLECTION',
  'SESSION_VIOLATION_DETECTION',
  'CLIENT_UPDATE',
  'IDENTITY_CLAIM_SOURCING',
] as const;

/**
 * SPEC gives `limit` and `after` for policies and `limit` for rules but no default (OKTA-API.md §3, UNCERTAIN). Okta does
 * page rules with a `next` link (mondoohq/mql#9285), so both page here, at 20 by default and 200 at most.
 */
const POLICY_LIMITS: PageLimits = { defaultLimit: 20, maxLimit: 200 };
const RULE_LIMITS: PageLimits = { defaultLimit: 20, maxLimit: 200 };

type PolicyParams = { Params: { policyId: string } };

/** Lower priority numbers are evaluated first; ties keep the org's order (Array.prototype.sort is stable). */
function byPriority<T extends { priority: number }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => a.priority - b.priority);
}

export function registerPolicyRoutes(app: FastifyInstance, ctx: SimContext): void {
  readOnlyRoute(app, '/api/v1/policies', SCOPE, async (request, reply) => {
    const query = queryOf(request);
    const type = query.type;
    // UNCERTAIN: the message for a missing `type` is undocumented; an unknown type gives E0000002
    // "Invalid policy type specified" (okta/terraform-provider-okta#64, okta/okta-sdk-java#629).
    if (type === undefined || type === '') {
      return sendOktaError(reply, 'E0000001', 'type', ['type: The type parameter is required.']);
    }
    if (!(POLICY_TYPES as readonly string[]).includes(type)) return sendOktaError(reply, 'E0000002', 'Invalid policy type specified');
    const status = query.status;
    if (status !== undefined && status !== 'ACTIVE' && status !== 'INACTIVE') {
      return sendOktaError(reply, 'E0000001', 'status', ['status: must be ACTIVE or INACTIVE']);
    }
    const prefix = query.q?.toLowerCase();
    const keep = (p: SimPolicy): boolean =>
      p.type === type && (status === undefined || p.status === status) && (prefix === undefined || p.name.toLowerCase().startsWith(prefix));
    const page = scanPage(request, ctx.baseUrl, byPriority(ctx.org.policies), keep, POLICY_LIMITS);
    return servePage(reply, page, (p) => serializePolicy(p, ctx.baseUrl));
  });

  readOnlyRoute<PolicyParams>(app, '/api/v1/policies/:policyId', SCOPE, async (request, reply) => {
    const policy = findPolicy(ctx, request.params.policyId);
    return policy === undefined ? sendNotFound(reply, request.params.policyId, 'Policy') : serializePolicy(policy, ctx.baseUrl);
  });

  readOnlyRoute<PolicyParams>(app, '/api/v1/policies/:policyId/rules', SCOPE, async (request, reply) => {
    const policy = findPolicy(ctx, request.params.policyId);
    if (policy === undefined) return sendNotFound(reply, request.params.policyId, 'Policy');
    const rules: SimPolicyRule[] = byPriority(ctx.org.rulesByPolicy.get(policy.id) ?? []);
    const page = scanPage(request, ctx.baseUrl, rules, () => true, RULE_LIMITS);
    return servePage(reply, page, (r) => serializeRule(r, policy.id, ctx.baseUrl));
  });

  // The apps using this policy as their authentication policy; not paginated (SPEC listPolicyMappings).
  readOnlyRoute<PolicyParams>(app, '/api/v1/policies/:policyId/mappings', SCOPE, async (request, reply) => {
    const policy = findPolicy(ctx, request.params.policyId);
    if (policy === undefined) return sendNotFound(reply, request.params.policyId, 'Policy');
    return ctx.org.apps.filter((a) => a.accessPolicyId === policy.id).map((a) => serializePolicyMapping(policy.id, a.id, ctx.baseUrl));
  });
}

function findPolicy(ctx: SimContext, id: string): SimPolicy | undefined {
  return ctx.org.policies.find((p) => p.id === id);
}
