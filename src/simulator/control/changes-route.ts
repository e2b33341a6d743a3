import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { SimContext } from '../context.js';
import { sendOktaError } from '../okta-errors.js';
import { parseChanges } from '../org/change-schema.js';
import { applyChanges, SimChangeError, type AppliedChange, type SimChange } from '../org/changes.js';
import { planChurn } from '../org/churn.js';
import type { SimOrg } from '../org/types.js';
import { requireSimulatorAdmin } from './access.js';

/** What `POST /__sim/changes` answers: each applied change as `applyChanges` reports it, and the totals. */
export interface ChangesResponse {
  appliedCount: number;
  /** System Log events appended, over all changes. */
  eventCount: number;
  applied: AppliedChange[];
  /** The seed the churn was planned with (churn form only). */
  churnSeed?: number;
}

const churnRequestSchema = z.strictObject({
  churn: z.strictObject({
    /** Share of the org's users that get one change each, e.g. 0.01. */
    share: z.number().gt(0).max(1),
    seed: z.number().int().min(0).max(2 ** 32 - 1).optional(),
  }),
});

type ChangeRequest = { ok: true; changes: SimChange[]; churnSeed?: number } | { ok: false; field: string; message: string };

/** A field as the caller wrote it, e.g. `changes[3].profile.login` or `churn.share`. */
function fieldOf(root: string, path: readonly PropertyKey[]): string {
  const field = root + path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('');
  return field.startsWith('.') ? field.slice(1) : field;
}

function firstIssue(root: string, error: z.ZodError): ChangeRequest {
  const issue = error.issues[0];
  if (issue === undefined) return { ok: false, field: root, message: 'invalid' };
  // A misspelt field is named by itself, not by the change that holds it.
  const path = issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined ? [...issue.path, issue.keys[0]] : issue.path;
  return { ok: false, field: fieldOf(root, path), message: issue.message };
}

/**
 * The body is either the list of changes to apply, in `SimChange` shapes, or `{"churn": {"share", "seed"?}}`: the
 * realistic churn the benchmarks use (`planChurn`). Without a seed, churn is seeded by the org's revision, so repeated
 * calls plan different changes.
 */
function parseChangeRequest(body: unknown, org: SimOrg): ChangeRequest {
  if (Array.isArray(body)) {
    const parsed = parseChanges(body);
    return parsed.success ? { ok: true, changes: parsed.data } : firstIssue('changes', parsed.error);
  }
  if (typeof body === 'object' && body !== null && 'churn' in body) {
    const parsed = churnRequestSchema.safeParse(body);
    if (!parsed.success) return firstIssue('', parsed.error);
    const seed = parsed.data.churn.seed ?? org.revision + 1;
    return { ok: true, changes: planChurn(org, parsed.data.churn.share, seed), churnSeed: seed };
  }
  return { ok: false, field: 'changes', message: 'expected a JSON array of changes, or {"churn": {"share": 0.01}}' };
}

/** Large enough for tens of thousands of changes in one request; the route is loopback-only and admin-only. */
const BODY_LIMIT_BYTES = 16 * 1024 * 1024;

/**
 * `POST /__sim/changes`: changes the org as an admin or user would, at the simulator's clock, appending the System Log
 * events Okta emits (`applyChanges`), so a simulator in another process can be changed between two syncs. All or
 * nothing: the whole body is validated, then every change is checked against the org before any is applied, and a
 * refusal is a 400 E0000001 naming the field and the change's index, with the org unchanged.
 */
export function registerChangesRoute(app: FastifyInstance, ctx: SimContext): void {
  app.post('/__sim/changes', { onRequest: requireSimulatorAdmin(ctx), bodyLimit: BODY_LIMIT_BYTES }, async (request, reply) => {
    const parsed = parseChangeRequest(request.body, ctx.org);
    if (!parsed.ok) return sendOktaError(reply, 'E0000001', parsed.field, [`${parsed.field}: ${parsed.message}`]);
    let applied: AppliedChange[];
    try {
      applied = applyChanges(ctx.org, parsed.changes, ctx.clock());
    } catch (error) {
      // A planned churn names only what the org has, so its refusal would be a simulator bug: a 500, not a 400.
      const problem = error instanceof SimChangeError && parsed.churnSeed === undefined ? error.problem : undefined;
      if (problem === undefined) throw error;
      const field = fieldOf('changes', [problem.index, ...problem.field.split('.')]);
      return sendOktaError(reply, 'E0000001', field, [`${field}: ${problem.message}`]);
    }
    const response: ChangesResponse = {
      appliedCount: applied.length,
      eventCount: applied.reduce((sum, a) => sum + a.events.length, 0),
      applied,
      ...(parsed.churnSeed !== undefined ? { churnSeed: parsed.churnSeed } : {}),
    };
    return response;
  });
}
