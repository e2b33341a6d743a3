import { GraphQLError } from 'graphql';

export interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

/** GitHub's cursors are opaque (`Y3Vyc29yOnYyOpK5…`); ours are base64 of `cursor:v2:<position>`. */
export function encodeCursor(position: number): string {
  return Buffer.from(`cursor:v2:${position}`).toString('base64');
}

function decodeCursor(cursor: string): number {
  const match = /^cursor:v2:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString());
  // GitHub: "`abc` does not appear to be a valid cursor." (type INVALID_CURSOR_ARGUMENTS).
  if (match === null) throw new GraphQLError(`\`${cursor}\` does not appear to be a valid cursor.`, { extensions: { type: 'INVALID_CURSOR_ARGUMENTS' } });
  return Number(match[1]);
}

/** A Relay connection over `items` (first/after or last/before), with edges built by `edge`. */
export function connectionOf<T>(items: readonly T[], args: ConnectionArgs, edge: (item: T) => { node?: unknown; [key: string]: unknown }): Record<string, unknown> {
  let start = args.after != null ? decodeCursor(args.after) + 1 : 0;
  let end = args.before != null ? decodeCursor(args.before) : items.length;
  start = Math.max(0, Math.min(start, items.length));
  end = Math.max(start, Math.min(end, items.length));
  if (args.first != null) end = Math.min(end, start + args.first);
  else if (args.last != null) start = Math.max(start, end - args.last);
  const edges = items.slice(start, end).map((item, i) => ({ cursor: encodeCursor(start + i), ...edge(item) }));
  return {
    totalCount: items.length,
    edges,
    nodes: edges.map((e) => e.node ?? null),
    pageInfo: {
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
