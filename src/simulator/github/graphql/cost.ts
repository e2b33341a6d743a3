import {
  getNamedType,
  GraphQLObjectType,
  isInterfaceType,
  isObjectType,
  Kind,
  OperationTypeNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

/** Every connection needs `first` or `last` in 1–100 (D-GRL). */
export const MAX_CONNECTION_PAGE = 100;

export interface CostProblem {
  type: 'MISSING_PAGINATION_BOUNDARIES' | 'EXCESSIVE_PAGINATION';
  message: string;
  path: string[];
}

export interface QueryCost {
  /** Requests GitHub assumes the query needs: each connection counts once per parent node it can be asked on. */
  requests: number;
  /** The primary-limit points: requests / 100, rounded, at least 1 (D-GRL). */
  cost: number;
  problems: CostProblem[];
}

function intArgument(node: FieldNode, name: string, variables: Record<string, unknown>): number | null {
  const argument = node.arguments?.find((a) => a.name.value === name);
  if (argument === undefined) return null;
  const value: ValueNode = argument.value;
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.VARIABLE) {
    const bound = variables[value.name.value];
    return typeof bound === 'number' ? bound : null;
  }
  return null;
}

/**
 * GitHub's cost calculation (D-GRL): add up the requests each connection needs, assuming every `first`/`last` is
 * reached (a nested connection is asked once per node of its parent), divide by 100 and round; minimum 1. Checks the
 * pagination bounds on the way, with GitHub's messages.
 */
export function queryCost(schema: GraphQLSchema, operation: OperationDefinitionNode, fragments: Record<string, FragmentDefinitionNode>, variables: Record<string, unknown>): QueryCost {
  const problems: CostProblem[] = [];
  let requests = 0;
  const root = operation.operation === OperationTypeNode.MUTATION ? schema.getMutationType() : schema.getQueryType();

  const walk = (set: SelectionSetNode, parent: GraphQLCompositeType, multiplier: number, path: string[]): void => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const typed = selection.typeCondition === undefined ? parent : schema.getType(selection.typeCondition.name.value);
        if (isObjectType(typed) || isInterfaceType(typed)) walk(selection.selectionSet, typed, multiplier, path);
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments[selection.name.value];
        const typed = fragment === undefined ? undefined : schema.getType(fragment.typeCondition.name.value);
        if (fragment !== undefined && (isObjectType(typed) || isInterfaceType(typed))) walk(fragment.selectionSet, typed, multiplier, path);
        continue;
      }
      if (selection.selectionSet === undefined || !(isObjectType(parent) || isInterfaceType(parent))) continue;
      const field = parent.getFields()[selection.name.value];
      if (field === undefined) continue;
      const type = getNamedType(field.type);
      if (!(type instanceof GraphQLObjectType) && !isInterfaceType(type)) continue;
      const name = selection.name.value;
      const here = [...path, selection.alias?.value ?? name];
      let childMultiplier = multiplier;
      if (type.name.endsWith('Connection')) {
        const first = intArgument(selection, 'first', variables);
        const last = intArgument(selection, 'last', variables);
        const size = first ?? last;
        if (size === null) {
          problems.push({ type: 'MISSING_PAGINATION_BOUNDARIES', message: `You must provide a \`first\` or \`last\` value to properly paginate the \`${name}\` connection.`, path: here });
        } else if (size > MAX_CONNECTION_PAGE || size < 0) {
          const which = first !== null ? 'first' : 'last';
          problems.push({ type: 'EXCESSIVE_PAGINATION', message: `Requesting ${size} records on the \`${name}\` connection exceeds the \`${which}\` limit of ${MAX_CONNECTION_PAGE} records.`, path: here });
        }
        requests += multiplier;
        childMultiplier = multiplier * Math.max(1, Math.min(size ?? 1, MAX_CONNECTION_PAGE));
      }
      walk(selection.selectionSet, type, childMultiplier, here);
    }
  };
  if (root != null) walk(operation.selectionSet, root, 1, []);
  return { requests, cost: Math.max(1, Math.round(requests / 100)), problems };
}
