import { connection, type ConnectionArgs } from './shopify-connection.js';
import { orderView, sortOrders } from './shopify-order-views.js';
import {
  gid,
  orderReceived,
  orderRefunded,
  shopifyDateTime,
  shopifyDecimal,
  type ShopContractLine,
  type ShopCustomer,
  type ShopJob,
  type ShopState,
  type ShopSubscriptionContract,
} from './shopify-state.js';

/**
 * The objects GraphQL resolves against: plain values for plain fields, functions for fields that
 * take arguments (graphql-js's default resolver calls them with the arguments). They are built on
 * demand from the state, so every query sees the current figures.
 */
export interface ShopContext {
  state: ShopState;
  now(): Date;
  shopDomain: string;
  queryRoot(): unknown;
}

export function money(amount: number, currency: string): { amount: string; currencyCode: string } {
  return { amount: shopifyDecimal(amount, currency), currencyCode: currency };
}

export function moneyBag(amount: number, currency: string): unknown {
  const m = money(amount, currency);
  return { shopMoney: m, presentmentMoney: m };
}

export const count = (n: number) => ({ count: n, precision: 'EXACT' });

export function customerView(ctx: ShopContext, c: ShopCustomer): unknown {
  const orders = () => [...ctx.state.orders.values()].filter((o) => o.customerId === c.id);
  const contracts = () => [...ctx.state.contracts.values()].filter((s) => s.customerId === c.id);
  const displayName = [c.firstName, c.lastName].filter(Boolean).join(' ') || c.email;
  return {
    __typename: 'Customer',
    id: gid('Customer', c.id),
    legacyResourceId: String(c.id),
    email: c.email,
    firstName: c.firstName,
    lastName: c.lastName,
    displayName,
    phone: null,
    note: null,
    tags: [],
    state: 'ENABLED',
    locale: 'en',
    verifiedEmail: true,
    validEmailAddress: true,
    taxExempt: false,
    taxExemptions: [],
    createdAt: shopifyDateTime(c.createdAt),
    updatedAt: shopifyDateTime(c.createdAt),
    defaultEmailAddress: {
      emailAddress: c.email,
      marketingState: 'NOT_SUBSCRIBED',
      marketingOptInLevel: null,
      marketingUpdatedAt: null,
      validFormat: true,
    },
    defaultPhoneNumber: null,
    defaultAddress: null,
    numberOfOrders: String(orders().length),
    amountSpent: money(
      orders().reduce((sum, o) => sum + orderReceived(o) - orderRefunded(o), 0),
      orders()[0]?.currency ?? 'USD',
    ),
    lastOrder: () => {
      const last = orders().at(-1);
      return last ? orderView(ctx, last) : null;
    },
    orders: (args: ConnectionArgs & { sortKey?: string | null }) =>
      connection(
        sortOrders(orders(), args.sortKey),
        args,
        (o) => o.id,
        (o) => orderView(ctx, o),
      ),
    subscriptionContracts: (args: ConnectionArgs) =>
      connection(
        contracts(),
        args,
        (s) => s.id,
        (s) => contractView(ctx, s),
      ),
  };
}

function contractLineView(s: ShopSubscriptionContract, line: ShopContractLine): unknown {
  return {
    __typename: 'SubscriptionLine',
    id: gid('SubscriptionLine', line.id),
    title: line.title,
    quantity: line.quantity,
    currentPrice: money(line.price, s.currency),
    lineDiscountedPrice: money(line.price * line.quantity, s.currency),
    requiresShipping: true,
    taxable: true,
    sku: null,
    variantTitle: null,
    variantId: null,
    productId: null,
    variantImage: null,
    sellingPlanId: null,
    sellingPlanName: line.title,
    pricingPolicy: null,
    customAttributes: [],
    discountAllocations: [],
  };
}

export function contractView(ctx: ShopContext, s: ShopSubscriptionContract): unknown {
  const customer = ctx.state.customers.get(s.customerId);
  const policy = {
    interval: s.interval,
    intervalCount: s.intervalCount,
    anchors: [],
    maxCycles: null,
    minCycles: null,
  };
  return {
    __typename: 'SubscriptionContract',
    id: gid('SubscriptionContract', s.id),
    status: s.status,
    currencyCode: s.currency,
    nextBillingDate: s.nextBillingDate ? shopifyDateTime(s.nextBillingDate) : null,
    createdAt: shopifyDateTime(s.createdAt),
    updatedAt: shopifyDateTime(s.updatedAt),
    revisionId: '1',
    note: null,
    customAttributes: [],
    lastPaymentStatus: 'SUCCEEDED',
    lastBillingAttemptErrorType: null,
    billingPolicy: policy,
    deliveryPolicy: policy,
    deliveryPrice: money(0, s.currency),
    deliveryMethod: null,
    originOrder: null,
    app: null,
    appAdminUrl: null,
    customerPaymentMethod: () => null,
    customer: customer ? customerView(ctx, customer) : null,
    linesCount: count(s.lines.length),
    lines: (args: ConnectionArgs) =>
      connection(
        s.lines,
        args,
        (l) => l.id,
        (l) => contractLineView(s, l),
      ),
    orders: (args: ConnectionArgs) =>
      connection(
        [],
        args,
        () => 0,
        () => null,
      ),
    discounts: (args: ConnectionArgs) =>
      connection(
        [],
        args,
        () => 0,
        () => null,
      ),
    billingAttempts: (args: ConnectionArgs) =>
      connection(
        [],
        args,
        () => 0,
        () => null,
      ),
  };
}

export function jobView(ctx: ShopContext, job: ShopJob): unknown {
  return { __typename: 'Job', id: job.id, done: job.done, query: () => ctx.queryRoot() };
}
