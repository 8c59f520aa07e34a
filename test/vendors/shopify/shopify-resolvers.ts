import type { GraphQLResolveInfo } from 'graphql';
import type { ConnectionArgs } from './shopify-connection.js';
import { connection } from './shopify-connection.js';
import { completeJob, orderCancel, refundCreate, subscriptionContractCancel } from './shopify-mutations.js';
import { matchesSearch, parseSearch, sameText, textMatches, type FieldMatcher } from './shopify-search.js';
import {
  displayFinancialStatus,
  gid,
  parseGid,
  type ShopCustomer,
  type ShopOrder,
  type ShopSubscriptionContract,
} from './shopify-state.js';
import { orderView, sortOrders } from './shopify-order-views.js';
import { contractView, customerView, jobView, type ShopContext } from './shopify-views.js';

/** The root objects: `QueryRoot` and `Mutation` fields as functions of their arguments. */
type SearchArgs = ConnectionArgs & { query?: string | null; sortKey?: string | null };

const customerMatcher: FieldMatcher<ShopCustomer> = (c, field, value) => {
  switch (field) {
    case 'email':
      return textMatches(c.email, value);
    case 'id':
      return String(c.id) === value || gid('Customer', c.id) === value;
    case 'first_name':
      return textMatches(c.firstName, value);
    case 'last_name':
      return textMatches(c.lastName, value);
    case null:
      return [c.email, c.firstName, c.lastName].some((v) =>
        (v ?? '').toLowerCase().includes(value.toLowerCase()),
      );
    default:
      return undefined;
  }
};

const orderMatcher: FieldMatcher<ShopOrder> = (o, field, value) => {
  switch (field) {
    case 'customer_id':
      return o.customerId !== null && String(o.customerId) === value;
    case 'email':
      return textMatches(o.email, value);
    case 'id':
      return String(o.id) === value;
    case 'name':
      return sameText(`#${o.number}`, value) || String(o.number) === value;
    case 'financial_status':
      return sameText(displayFinancialStatus(o), value);
    case 'fulfillment_status':
      return sameText(o.fulfillmentStatus, value);
    case 'status':
      if (value === 'any') return true;
      if (value === 'cancelled') return o.cancelledAt !== null;
      if (value === 'closed') return o.cancelledAt !== null;
      if (value === 'open') return o.cancelledAt === null;
      return undefined;
    case null:
      return (o.email ?? '').toLowerCase().includes(value.toLowerCase()) || `#${o.number}` === value;
    default:
      return undefined;
  }
};

const contractMatcher: FieldMatcher<ShopSubscriptionContract> = (s, field, value) => {
  switch (field) {
    case 'status':
      return sameText(s.status, value);
    case 'customer_id':
      return String(s.customerId) === value;
    case 'id':
      return String(s.id) === value;
    default:
      return undefined;
  }
};

export function queryRoot(ctx: ShopContext, pollJob: (id: string) => unknown): Record<string, unknown> {
  const { state } = ctx;
  const nodeById = (id: string): unknown => {
    const type = /^gid:\/\/shopify\/(\w+)\//.exec(id)?.[1];
    if (type === 'Order') return root.order({ id });
    if (type === 'Customer') return root.customer({ id });
    if (type === 'SubscriptionContract') return root.subscriptionContract({ id });
    if (type === 'Job') return pollJob(id);
    return null;
  };
  const root = {
    shop: () => ({
      id: gid('Shop', 1),
      name: 'Deskwoot Sandbox Shop',
      myshopifyDomain: ctx.shopDomain,
      email: 'owner@example.com',
      contactEmail: 'owner@example.com',
      currencyCode: 'USD',
      ianaTimezone: 'UTC',
      timezoneAbbreviation: 'UTC',
      url: `https://${ctx.shopDomain}`,
      primaryDomain: {
        id: gid('Domain', 1),
        host: ctx.shopDomain,
        url: `https://${ctx.shopDomain}`,
        sslEnabled: true,
      },
    }),
    customers: (args: SearchArgs) => {
      const groups = parseSearch(args.query);
      const list = [...state.customers.values()]
        .filter((c) => matchesSearch(c, groups, customerMatcher))
        .sort((a, b) => a.id - b.id);
      return connection(
        list,
        args,
        (c) => c.id,
        (c) => customerView(ctx, c),
      );
    },
    customer: (args: { id: string }) => {
      const id = parseGid(args.id, 'Customer');
      const c = id === null ? undefined : state.customers.get(id);
      return c ? customerView(ctx, c) : null;
    },
    orders: (args: SearchArgs) => {
      const groups = parseSearch(args.query);
      const list = sortOrders(
        [...state.orders.values()].filter((o) => matchesSearch(o, groups, orderMatcher)),
        args.sortKey,
      );
      return connection(
        list,
        args,
        (o) => o.id,
        (o) => orderView(ctx, o),
      );
    },
    order: (args: { id: string }) => {
      const id = parseGid(args.id, 'Order');
      const o = id === null ? undefined : state.orders.get(id);
      return o ? orderView(ctx, o) : null;
    },
    job: (args: { id: string }) => pollJob(args.id),
    node: (args: { id: string }) => nodeById(args.id),
    nodes: (args: { ids: string[] }) => args.ids.map(nodeById),
    subscriptionContracts: (args: SearchArgs) => {
      const groups = parseSearch(args.query);
      const list = [...state.contracts.values()]
        .filter((s) => matchesSearch(s, groups, contractMatcher))
        .sort((a, b) => a.id - b.id);
      return connection(
        list,
        args,
        (s) => s.id,
        (s) => contractView(ctx, s),
      );
    },
    subscriptionContract: (args: { id: string }) => {
      const id = parseGid(args.id, 'SubscriptionContract');
      const s = id === null ? undefined : state.contracts.get(id);
      return s ? contractView(ctx, s) : null;
    },
  };
  return root;
}

/** `job(id)`: each poll of a running job counts down; the poll that finds none left completes it. */
export function jobPoller(ctx: ShopContext): (id: string) => unknown {
  return (id) => {
    const job = ctx.state.jobs.get(id);
    if (!job) return null;
    if (!job.done) {
      if (job.pollsLeft > 0) job.pollsLeft -= 1;
      else completeJob(ctx, job);
    }
    return jobView(ctx, job);
  };
}

export function mutationRoot(ctx: ShopContext, pollsBeforeDone: number): Record<string, unknown> {
  return {
    refundCreate: (
      args: { input: Parameters<typeof refundCreate>[1] },
      _context: unknown,
      info: GraphQLResolveInfo,
    ) => refundCreate(ctx, args.input, info),
    orderCancel: (args: Parameters<typeof orderCancel>[1]) => orderCancel(ctx, args, pollsBeforeDone),
    subscriptionContractCancel: (args: { subscriptionContractId: string }) =>
      subscriptionContractCancel(ctx, args),
  };
}
