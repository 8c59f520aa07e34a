import {
  getNamedType,
  isCompositeType,
  isObjectType,
  isInterfaceType,
  Kind,
  valueFromASTUntyped,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/**
 * Shopify's calculated query cost, close enough to exercise throttling: an object costs 1, a
 * connection 2 plus `first`/`last` times the cost of one of its nodes (so nested connections
 * multiply), a mutation 10; scalars and enums are free. A query may cost at most 1000. The bucket holds `maximumAvailable` points and refills `restoreRate` per second.
 */
export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export interface QueryCost {
  requestedQueryCost: number;
  actualQueryCost: number | null;
  throttleStatus: ThrottleStatus;
}

/** The most one query may cost, whatever the bucket holds. */
export const MAX_SINGLE_QUERY_COST = 1000;

export function findOperation(
  document: DocumentNode,
  operationName: string | null,
): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  if (operationName) return operations.find((o) => o.name?.value === operationName);
  return operations.length === 1 ? operations[0] : undefined;
}

export function requestedCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const root = operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
  if (!root) return 0;

  const costOf = (set: SelectionSetNode | undefined, parent: GraphQLCompositeType, depth: number): number => {
    if (!set || depth > 30) return 0;
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (type && isCompositeType(type)) total += costOf(selection.selectionSet, type, depth + 1);
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        const type = fragment ? schema.getType(fragment.typeCondition.name.value) : undefined;
        if (fragment && type && isCompositeType(type))
          total += costOf(fragment.selectionSet, type, depth + 1);
        continue;
      }
      if (!isObjectType(parent) && !isInterfaceType(parent)) continue;
      const field = parent.getFields()[selection.name.value];
      if (!field) continue;
      const type = getNamedType(field.type);
      if (!isCompositeType(type)) continue;
      if (parent === root && operation.operation === 'mutation') {
        total += 10 + costOf(selection.selectionSet, type, depth + 1);
      } else if (type.name.endsWith('Connection') && isObjectType(type)) {
        const args = Object.fromEntries(
          (selection.arguments ?? []).map((a) => [a.name.value, valueFromASTUntyped(a.value, variables)]),
        );
        const size = Number(args['first'] ?? args['last'] ?? 1) || 1;
        total += 2 + size * nodeCost(selection.selectionSet, type, depth + 1);
      } else {
        total += 1 + costOf(selection.selectionSet, type, depth + 1);
      }
    }
    return total;
  };
  /** What one node of a connection costs: 1 for the object plus its own selections. */
  const nodeCost = (
    set: SelectionSetNode | undefined,
    connection: GraphQLObjectType,
    depth: number,
  ): number => {
    let most = 0;
    for (const selection of set?.selections ?? []) {
      if (selection.kind !== Kind.FIELD) continue;
      const field = connection.getFields()[selection.name.value];
      const type = field ? getNamedType(field.type) : undefined;
      if (!type || !isObjectType(type)) continue;
      if (selection.name.value === 'nodes')
        most = Math.max(most, 1 + costOf(selection.selectionSet, type, depth + 1));
      if (selection.name.value === 'edges') {
        const node = selection.selectionSet?.selections.find(
          (s) => s.kind === Kind.FIELD && s.name.value === 'node',
        );
        const nodeType = getNamedType(type.getFields()['node']?.type ?? type);
        if (node?.kind === Kind.FIELD && isCompositeType(nodeType)) {
          most = Math.max(most, 1 + costOf(node.selectionSet, nodeType, depth + 2));
        }
      }
    }
    return Math.max(1, most);
  };
  return costOf(operation.selectionSet, root, 0);
}

/** A leaky bucket: spend points for a query, refilling at `restoreRate` per second of the clock. */
export function createBucket(now: () => Date, maximumAvailable: number, restoreRate: number) {
  let available = maximumAvailable;
  let at = now().getTime();
  const refill = () => {
    const t = now().getTime();
    available = Math.min(maximumAvailable, available + ((t - at) / 1000) * restoreRate);
    at = t;
  };
  return {
    status(): ThrottleStatus {
      refill();
      return { maximumAvailable, currentlyAvailable: Math.floor(available), restoreRate };
    },
    /** Spends `cost` points if they are there; false (nothing spent) when the bucket is short. */
    spend(cost: number): boolean {
      refill();
      if (cost > available) return false;
      available -= cost;
      return true;
    },
    set(points: number): void {
      refill();
      available = Math.max(0, Math.min(maximumAvailable, points));
    },
  };
}
