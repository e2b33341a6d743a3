import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { execute, GraphQLError, Kind, OperationTypeNode, parse, validate, type DocumentNode, type FragmentDefinitionNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import type { GhContext } from '../context.js';
import { DOCS, sendGitHubError } from '../github-errors.js';
import { primaryLimitMessage, sendSecondaryLimit, setRateHeaders, type Limiters } from '../hooks.js';
import { queryCost } from './cost.js';
import { rootValue, type GraphqlRequestContext } from './resolvers.js';

interface GraphqlBody {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

/** One error as GitHub formats it: `type` (NOT_FOUND, FORBIDDEN, RATE_LIMITED, …) beside message, path, locations. */
function formatError(error: GraphQLError): Record<string, unknown> {
  const { type, ...extensions } = error.extensions as { type?: unknown; [key: string]: unknown };
  const out: Record<string, unknown> = {};
  if (typeof type === 'string') out.type = type;
  if (error.path !== undefined) out.path = error.path;
  if (Object.keys(extensions).length > 0) out.extensions = extensions;
  if (error.locations !== undefined) out.locations = error.locations;
  out.message = error.message;
  return out;
}

/** GraphQL answers its errors with HTTP 200 and `errors` (GITHUB-API.md §5.3, §7). */
function sendErrors(reply: FastifyReply, errors: readonly Record<string, unknown>[]): FastifyReply {
  return reply.code(200).send({ errors });
}

function operationOf(document: DocumentNode, name: string | undefined): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return name === undefined ? operations[0] : operations.find((o) => o.name?.value === name);
}

/**
 * `POST /graphql` (and GHES `/api/graphql`): parses and validates the query against GitHub's real schema, checks the
 * pagination bounds, charges the query's cost against the caller's `graphql` budget (refusing with HTTP 200 and a
 * RATE_LIMITED error when it does not fit) and 1 point against the secondary per-minute limit, then executes it.
 */
export function registerGraphqlRoute(app: FastifyInstance, ctx: GhContext, schema: GraphQLSchema, limiters: Limiters): void {
  const handler = async (request: FastifyRequest<{ Body: GraphqlBody | undefined }>, reply: FastifyReply): Promise<unknown> => {
    const caller = request.github;
    const budget = request.githubBudget;
    if (caller === undefined || budget === undefined || caller.kind === 'anonymous') {
      return sendGitHubError(reply, 401, 'This endpoint requires you to be authenticated.', 'https://docs.github.com/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql');
    }
    // GraphQL accepts no App-JWT queries (D-ASAPP). UNCERTAIN: GitHub's exact answer; a 401 like a bad token.
    if (caller.kind === 'app') return sendGitHubError(reply, 401, 'Bad credentials', DOCS.graphql);

    const body: GraphqlBody = request.body ?? {};
    if (typeof body.query !== 'string') return sendErrors(reply, [{ message: 'A query attribute must be specified and must be a string.' }]);
    const variables = typeof body.variables === 'object' && body.variables !== null ? (body.variables as Record<string, unknown>) : {};
    let document: DocumentNode;
    try {
      document = parse(body.query);
    } catch (error) {
      return sendErrors(reply, [formatError(error as GraphQLError)]);
    }
    const invalid = validate(schema, document);
    if (invalid.length > 0) return sendErrors(reply, invalid.map(formatError));
    const operation = operationOf(document, typeof body.operationName === 'string' ? body.operationName : undefined);
    if (operation === undefined) return sendErrors(reply, [{ message: 'No operation named in the document.' }]);
    if (operation.operation !== OperationTypeNode.QUERY) return sendErrors(reply, [{ type: 'FORBIDDEN', message: 'The simulator is read-only: it serves queries, not mutations.' }]);

    const fragments = Object.fromEntries(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
    const cost = queryCost(schema, operation, fragments, variables);
    if (cost.problems.length > 0) return sendErrors(reply, cost.problems.map((p) => ({ type: p.type, path: p.path, message: p.message })));

    const now = ctx.clock();
    if (ctx.options.rateLimits === 'github') {
      const taken = limiters.graphqlPoints.take(budget.key, 1, ctx.options.graphqlPointsPerMinute, now);
      if (!taken.admitted) return sendSecondaryLimit(ctx, reply, taken.retryAfterSeconds);
    }
    const charged = limiters.primary.charge(`${budget.key}:graphql`, budget.graphql, cost.cost, now);
    setRateHeaders(reply, charged.state, 'graphql');
    if (!charged.admitted && ctx.options.rateLimits === 'github') {
      ctx.stats.primaryLimited++;
      // HTTP 200 with a RATE_LIMITED error and `x-ratelimit-remaining: 0` (D-GRL; plugin-throttling reads `type`).
      setRateHeaders(reply, { ...charged.state, remaining: 0 }, 'graphql');
      return sendErrors(reply, [{ type: 'RATE_LIMITED', message: primaryLimitMessage(budget) }]);
    }
    ctx.stats.graphqlCost += cost.cost;

    const requestContext: GraphqlRequestContext = { ctx, caller, rate: charged.state, cost: cost.cost, nodeCount: cost.requests, headers: {} };
    const result = await execute({ schema, document, rootValue: rootValue(requestContext), variableValues: variables, operationName: operation.name?.value });
    void reply.headers(requestContext.headers);
    const out: Record<string, unknown> = {};
    if (result.errors !== undefined && result.errors.length > 0) out.errors = result.errors.map(formatError);
    out.data = result.data ?? null;
    return reply.code(200).send(out);
  };
  app.post('/graphql', handler);
  app.post('/api/graphql', handler);
}
