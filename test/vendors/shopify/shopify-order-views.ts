import { connection, type ConnectionArgs } from './shopify-connection.js';
import {
  displayFinancialStatus,
  gid,
  orderReceived,
  orderRefundable,
  orderRefunded,
  orderTotal,
  refundedQuantity,
  shopifyDateTime,
  type ShopLineItem,
  type ShopOrder,
  type ShopRefund,
  type ShopTransaction,
} from './shopify-state.js';
import { count, customerView, money, moneyBag, type ShopContext } from './shopify-views.js';

/** Orders and what hangs off them (line items, transactions, refunds, the suggested refund). */
export function sortOrders(orders: ShopOrder[], sortKey: string | null | undefined): ShopOrder[] {
  const sorted = [...orders];
  switch (sortKey ?? 'ID') {
    case 'CREATED_AT':
    case 'PROCESSED_AT':
      return sorted.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id);
    case 'UPDATED_AT':
      return sorted.sort((a, b) => a.updatedAt.getTime() - b.updatedAt.getTime() || a.id - b.id);
    case 'ORDER_NUMBER':
      return sorted.sort((a, b) => a.number - b.number);
    case 'TOTAL_PRICE':
    case 'CURRENT_TOTAL_PRICE':
      return sorted.sort((a, b) => orderTotal(a) - orderTotal(b) || a.id - b.id);
    default:
      return sorted.sort((a, b) => a.id - b.id);
  }
}

function lineItemView(order: ShopOrder, li: ShopLineItem): unknown {
  const bag = (n: number) => moneyBag(n, order.currency);
  const refunded = refundedQuantity(order, li.id);
  const current = li.quantity - refunded;
  return {
    __typename: 'LineItem',
    id: gid('LineItem', li.id),
    name: li.name,
    title: li.name,
    quantity: li.quantity,
    currentQuantity: current,
    refundableQuantity: current,
    unfulfilledQuantity: order.fulfillmentStatus === 'FULFILLED' ? 0 : current,
    nonFulfillableQuantity: refunded,
    sku: null,
    variantTitle: null,
    vendor: null,
    variant: null,
    product: null,
    requiresShipping: true,
    taxable: true,
    isGiftCard: false,
    merchantEditable: true,
    restockable: true,
    customAttributes: [],
    discountAllocations: [],
    duties: [],
    taxLines: () => [],
    originalUnitPriceSet: bag(li.unitPrice),
    discountedUnitPriceSet: bag(li.unitPrice),
    discountedUnitPriceAfterAllDiscountsSet: bag(li.unitPrice),
    originalTotalSet: bag(li.unitPrice * li.quantity),
    discountedTotalSet: () => bag(li.unitPrice * li.quantity),
    priceAfterAllDiscountsBeforeTaxesSet: bag(li.unitPrice * li.quantity),
    totalDiscountSet: bag(0),
    unfulfilledOriginalTotalSet: bag(li.unitPrice * current),
    unfulfilledDiscountedTotalSet: bag(li.unitPrice * current),
  };
}

export function transactionView(ctx: ShopContext, order: ShopOrder, t: ShopTransaction): unknown {
  const parent = t.parentId === null ? undefined : order.transactions.find((p) => p.id === t.parentId);
  const refundedFromThis = order.transactions
    .filter((r) => r.kind === 'REFUND' && r.parentId === t.id && r.status === 'SUCCESS')
    .reduce((sum, r) => sum + r.amount, 0);
  const capturedKind = t.kind === 'SALE' || t.kind === 'CAPTURE';
  return {
    __typename: 'OrderTransaction',
    id: gid('OrderTransaction', t.id),
    kind: t.kind,
    status: t.status,
    gateway: t.gateway,
    formattedGateway: t.gateway,
    test: true,
    manualPaymentGateway: t.gateway === 'manual',
    manuallyCapturable: false,
    multiCapturable: false,
    errorCode: null,
    paymentId: `${order.id}.${t.id}`,
    accountNumber: null,
    authorizationExpiresAt: null,
    createdAt: shopifyDateTime(t.createdAt),
    processedAt: shopifyDateTime(t.createdAt),
    amountSet: moneyBag(t.amount, order.currency),
    maximumRefundableV2: capturedKind
      ? money(Math.max(0, t.amount - refundedFromThis), order.currency)
      : null,
    fees: [],
    receiptJson: '{}',
    order: () => orderView(ctx, order),
    parentTransaction: parent ? () => transactionView(ctx, order, parent) : null,
    paymentDetails: null,
  };
}

export function refundView(ctx: ShopContext, order: ShopOrder, r: ShopRefund): unknown {
  const bag = (n: number) => moneyBag(n, order.currency);
  const transactions = order.transactions.filter((t) => r.transactionIds.includes(t.id));
  const lines = r.lines.map((line, index) => {
    const li = order.lineItems.find((l) => l.id === line.lineItemId);
    const price = li?.unitPrice ?? 0;
    return {
      key: index,
      view: {
        __typename: 'RefundLineItem',
        id: gid('RefundLineItem', r.id * 100 + index),
        quantity: line.quantity,
        restockType: line.restockType,
        restocked: line.restockType !== 'NO_RESTOCK',
        priceSet: bag(price),
        subtotalSet: bag(price * line.quantity),
        totalTaxSet: bag(0),
        location: null,
        lineItem: li ? lineItemView(order, li) : null,
      },
    };
  });
  return {
    __typename: 'Refund',
    id: gid('Refund', r.id),
    legacyResourceId: String(r.id),
    note: r.note,
    createdAt: shopifyDateTime(r.createdAt),
    processedAt: shopifyDateTime(r.createdAt),
    updatedAt: shopifyDateTime(r.createdAt),
    totalRefundedSet: bag(r.amount),
    duties: [],
    return: null,
    staffMember: null,
    order: () => orderView(ctx, order),
    transactions: (args: ConnectionArgs) =>
      connection(
        transactions,
        args,
        (t) => t.id,
        (t) => transactionView(ctx, order, t),
      ),
    refundLineItems: (args: ConnectionArgs) =>
      connection(
        lines,
        args,
        (l) => l.key,
        (l) => l.view,
      ),
    refundShippingLines: (args: ConnectionArgs) =>
      connection(
        [],
        args,
        () => 0,
        () => null,
      ),
    orderAdjustments: (args: ConnectionArgs) =>
      connection(
        [],
        args,
        () => 0,
        () => null,
      ),
  };
}

export interface SuggestedRefundArgs {
  refundLineItems?: { lineItemId: string; quantity: number }[] | null;
  suggestFullRefund?: boolean | null;
  refundShipping?: boolean | null;
}

export function orderView(ctx: ShopContext, o: ShopOrder): unknown {
  const bag = (n: number) => moneyBag(n, o.currency);
  const total = orderTotal(o);
  const received = orderReceived(o);
  const refunded = orderRefunded(o);
  const refundedItems = o.lineItems.reduce((sum, li) => sum + li.unitPrice * refundedQuantity(o, li.id), 0);
  const customer = o.customerId === null ? undefined : ctx.state.customers.get(o.customerId);
  const quantity = o.lineItems.reduce((sum, li) => sum + li.quantity, 0);
  const refundedQty = o.lineItems.reduce((sum, li) => sum + refundedQuantity(o, li.id), 0);
  return {
    __typename: 'Order',
    id: gid('Order', o.id),
    legacyResourceId: String(o.id),
    name: `#${o.number}`,
    number: o.number - 1000,
    confirmationNumber: `SBX${o.number}`,
    email: o.email,
    phone: null,
    note: null,
    tags: [],
    test: true,
    confirmed: true,
    closed: o.cancelledAt !== null,
    closedAt: o.cancelledAt ? shopifyDateTime(o.cancelledAt) : null,
    createdAt: shopifyDateTime(o.createdAt),
    processedAt: shopifyDateTime(o.createdAt),
    updatedAt: shopifyDateTime(o.updatedAt),
    cancelledAt: o.cancelledAt ? shopifyDateTime(o.cancelledAt) : null,
    cancelReason: o.cancelReason,
    currencyCode: o.currency,
    presentmentCurrencyCode: o.currency,
    displayFinancialStatus: displayFinancialStatus(o),
    displayFulfillmentStatus: o.fulfillmentStatus,
    returnStatus: 'NO_RETURN',
    paymentGatewayNames: [o.gateway],
    fullyPaid: received >= total,
    unpaid: received === 0,
    capturable: o.financialStatus === 'AUTHORIZED' && o.cancelledAt === null,
    refundable: orderRefundable(o) > 0,
    restockable: true,
    requiresShipping: true,
    taxesIncluded: false,
    taxExempt: false,
    dutiesIncluded: false,
    estimatedTaxes: false,
    edited: false,
    canMarkAsPaid: received < total && o.cancelledAt === null,
    canNotifyCustomer: o.email !== null,
    customerAcceptsMarketing: false,
    discountCode: null,
    discountCodes: [],
    sourceName: 'web',
    subtotalLineItemsQuantity: quantity,
    currentSubtotalLineItemsQuantity: quantity - refundedQty,
    totalPriceSet: bag(total),
    subtotalPriceSet: bag(total),
    originalTotalPriceSet: bag(total),
    currentTotalPriceSet: bag(total - refundedItems),
    currentSubtotalPriceSet: bag(total - refundedItems),
    totalRefundedSet: bag(refunded),
    totalRefundedShippingSet: bag(0),
    totalReceivedSet: bag(received),
    netPaymentSet: bag(received - refunded),
    totalOutstandingSet: bag(o.cancelledAt ? 0 : Math.max(0, total - received)),
    totalCapturableSet: bag(o.financialStatus === 'AUTHORIZED' && o.cancelledAt === null ? total : 0),
    totalTaxSet: bag(0),
    currentTotalTaxSet: bag(0),
    totalDiscountsSet: bag(0),
    currentTotalDiscountsSet: bag(0),
    currentCartDiscountAmountSet: bag(0),
    totalShippingPriceSet: bag(0),
    currentShippingPriceSet: bag(0),
    totalTipReceivedSet: bag(0),
    refundDiscrepancySet: bag(0),
    taxLines: [],
    currentTaxLines: [],
    customAttributes: [],
    billingAddress: null,
    shippingAddress: null,
    displayAddress: null,
    shippingLine: null,
    customer: customer ? customerView(ctx, customer) : null,
    lineItems: (args: ConnectionArgs) =>
      connection(
        o.lineItems,
        args,
        (li) => li.id,
        (li) => lineItemView(o, li),
      ),
    transactions: (args: { first?: number | null }) =>
      o.transactions.slice(0, args.first ?? undefined).map((t) => transactionView(ctx, o, t)),
    transactionsCount: count(o.transactions.length),
    refunds: (args: { first?: number | null }) =>
      o.refunds.slice(0, args.first ?? undefined).map((r) => refundView(ctx, o, r)),
    fulfillments: () => [],
    suggestedRefund: (args: SuggestedRefundArgs) => suggestedRefundView(ctx, o, args),
  };
}

function suggestedRefundView(ctx: ShopContext, o: ShopOrder, args: SuggestedRefundArgs): unknown {
  const bag = (n: number) => moneyBag(n, o.currency);
  const refundable = orderRefundable(o);
  const lines = (args.refundLineItems ?? []).flatMap((input) => {
    const li = o.lineItems.find((l) => gid('LineItem', l.id) === input.lineItemId);
    if (!li) return [];
    const quantity = Math.min(input.quantity, li.quantity - refundedQuantity(o, li.id));
    return [{ li, quantity }];
  });
  const fromLines = lines.reduce((sum, { li, quantity }) => sum + li.unitPrice * quantity, 0);
  const amount = args.suggestFullRefund ? refundable : Math.min(fromLines, refundable);
  const parent = o.transactions.find(
    (t) => (t.kind === 'SALE' || t.kind === 'CAPTURE') && t.status === 'SUCCESS',
  );
  return {
    amountSet: bag(amount),
    maximumRefundableSet: bag(refundable),
    subtotalSet: bag(args.suggestFullRefund ? refundable : fromLines),
    discountedSubtotalSet: bag(args.suggestFullRefund ? refundable : fromLines),
    totalTaxSet: bag(0),
    totalCartDiscountAmountSet: bag(0),
    totalDutiesSet: bag(0),
    refundDuties: [],
    suggestedRefundMethods: [],
    shipping: { amountSet: bag(0), maximumRefundableSet: bag(0), taxSet: bag(0) },
    refundLineItems: lines.map(({ li, quantity }) => ({
      id: null,
      quantity,
      restockType: 'NO_RESTOCK',
      restocked: false,
      priceSet: bag(li.unitPrice),
      subtotalSet: bag(li.unitPrice * quantity),
      totalTaxSet: bag(0),
      location: null,
      lineItem: lineItemView(o, li),
    })),
    suggestedTransactions:
      parent && amount > 0
        ? [
            {
              kind: 'SUGGESTED_REFUND',
              gateway: parent.gateway,
              formattedGateway: parent.gateway,
              accountNumber: null,
              paymentDetails: null,
              amountSet: bag(amount),
              maximumRefundableSet: bag(refundable),
              parentTransaction: transactionView(ctx, o, parent),
            },
          ]
        : [],
  };
}
