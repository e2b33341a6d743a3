import { buildSchema, Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { queryCost } from './cost.js';

/** A slice of GitHub's schema shapes: objects with connections inside connections. */
const schema = buildSchema(`
  type Query { organization(login: String!): Organization }
  type Organization { login: String membersWithRole(first: Int, last: Int, after: String): MemberConnection! repositories(first: Int, last: Int): RepositoryConnection! }
  type MemberConnection { totalCount: Int! nodes: [User] }
  type User { login: String repositories(first: Int, last: Int): RepositoryConnection! }
  type RepositoryConnection { totalCount: Int! nodes: [Repository] }
  type Repository { name: String issues(first: Int, last: Int): IssueConnection! }
  type IssueConnection { totalCount: Int! }
`);

function costOf(query: string, variables: Record<string, unknown> = {}): ReturnType<typeof queryCost> {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operation === undefined) throw new Error('no operation');
  const fragments = Object.fromEntries(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
  return queryCost(schema, operation, fragments, variables);
}

describe('GraphQL query cost (D-GRL)', () => {
  it("counts GitHub's documented example: 50 repositories × 10 issues = 51 requests, cost 1", () => {
    expect(costOf('{ organization(login: "x") { repositories(first: 50) { nodes { issues(first: 10) { totalCount } } } } }')).toMatchObject({ requests: 51, cost: 1, problems: [] });
  });

  it('multiplies nested connections and rounds requests / 100', () => {
    const nested = costOf('query($n: Int) { organization(login: "x") { membersWithRole(first: $n) { nodes { repositories(first: 100) { nodes { issues(first: 100) { totalCount } } } } } } }', { n: 100 });
    expect(nested.requests).toBe(1 + 100 + 100 * 100);
    expect(nested.cost).toBe(Math.round(10_101 / 100));
  });

  it('follows fragments and charges at least 1', () => {
    expect(costOf('{ organization(login: "x") { ...F } } fragment F on Organization { membersWithRole(last: 5) { totalCount } }')).toMatchObject({ requests: 1, cost: 1 });
    expect(costOf('{ organization(login: "x") { login } }')).toMatchObject({ requests: 0, cost: 1 });
  });

  it("names connections without bounds or over 100 in GitHub's words", () => {
    expect(costOf('{ organization(login: "x") { membersWithRole { totalCount } } }').problems).toEqual([
      { type: 'MISSING_PAGINATION_BOUNDARIES', path: ['organization', 'membersWithRole'], message: 'You must provide a `first` or `last` value to properly paginate the `membersWithRole` connection.' },
    ]);
    expect(costOf('{ organization(login: "x") { members: membersWithRole(first: 101) { totalCount } } }').problems).toEqual([
      { type: 'EXCESSIVE_PAGINATION', path: ['organization', 'members'], message: 'Requesting 101 records on the `membersWithRole` connection exceeds the `first` limit of 100 records.' },
    ]);
  });
});
