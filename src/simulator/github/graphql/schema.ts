import { buildClientSchema, type GraphQLSchema } from 'graphql';

let loading: Promise<GraphQLSchema> | undefined;

/**
 * GitHub.com's public GraphQL schema from @octokit/graphql-schema (its introspection result), so the simulator
 * accepts exactly the queries GitHub accepts and rejects the rest with graphql-js's validation errors. Building it
 * takes about a second; the schema is immutable, so one build is shared by every simulator in the process.
 */
export function loadGitHubSchema(): Promise<GraphQLSchema> {
  loading ??= import('@octokit/graphql-schema').then(({ schema }) => buildClientSchema(schema.json as Parameters<typeof buildClientSchema>[0]));
  return loading;
}
