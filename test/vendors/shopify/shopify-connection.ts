import { GraphQLError } from 'graphql';

/**
 * Relay connections as Shopify serves them: `first` or `last` is required (at most 250), opaque
 * cursors, `edges`, `nodes` and `pageInfo`.
 */
export interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
  reverse?: boolean | null;
}

const MAX_PAGE = 250;

export function cursorOf(key: string | number): string {
  return Buffer.from(JSON.stringify({ last_id: key })).toString('base64');
}

function keyOfCursor(cursor: string): string | number {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'last_id' in parsed) {
      const key: unknown = parsed.last_id;
      if (typeof key === 'string' || typeof key === 'number') return key;
    }
  } catch {
    // fall through
  }
  throw new GraphQLError(`Invalid cursor for current pagination sort.`, {
    extensions: { code: 'BAD_REQUEST' },
  });
}

export function connection<T>(
  items: readonly T[],
  args: ConnectionArgs,
  keyOf: (item: T) => string | number,
  toNode: (item: T) => unknown,
): unknown {
  const { first, last, after, before } = args;
  if ((first === undefined || first === null) && (last === undefined || last === null)) {
    throw new GraphQLError('you must provide one of first or last', { extensions: { code: 'BAD_REQUEST' } });
  }
  if ((first ?? 0) > MAX_PAGE || (last ?? 0) > MAX_PAGE) {
    throw new GraphQLError(`The maximum number of records per page is ${MAX_PAGE}.`, {
      extensions: { code: 'BAD_REQUEST' },
    });
  }
  let list = args.reverse ? [...items].reverse() : [...items];
  let start = 0;
  let end = list.length;
  if (after) {
    const key = keyOfCursor(after);
    start = list.findIndex((i) => keyOf(i) === key) + 1;
  }
  if (before) {
    const key = keyOfCursor(before);
    const index = list.findIndex((i) => keyOf(i) === key);
    if (index >= 0) end = index;
  }
  list = list.slice(start, end);
  let hasNextPage = end < items.length;
  let hasPreviousPage = start > 0;
  if (first !== undefined && first !== null) {
    hasNextPage = hasNextPage || list.length > first;
    list = list.slice(0, first);
  }
  if (last !== undefined && last !== null) {
    hasPreviousPage = hasPreviousPage || list.length > last;
    list = list.slice(Math.max(0, list.length - last));
  }
  const edges = list.map((item) => ({ cursor: cursorOf(keyOf(item)), node: toNode(item) }));
  return {
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: {
      hasNextPage,
      hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
