/**
 * The GraphQL documents the Shopify connector sends (Admin API 2026-10). Every one is validated
 * against Shopify's own schema in the tests.
 */
export const SHOPIFY_API_VERSION = '2026-10';

const MONEY = 'shopMoney { amount currencyCode }';

const ORDER_FIELDS = `
  fragment DeskwootOrder on Order {
    id
    name
    email
    createdAt
    cancelledAt
    currencyCode
    displayFinancialStatus
    displayFulfillmentStatus
    totalPriceSet { ${MONEY} }
    totalReceivedSet { ${MONEY} }
    totalRefundedSet { ${MONEY} }
    customer { id defaultEmailAddress { emailAddress } }
    lineItems(first: 10) { nodes { name quantity originalTotalSet { ${MONEY} } } }
  }`;

const CONTRACT_FIELDS = `
  fragment DeskwootContract on SubscriptionContract {
    id
    status
    nextBillingDate
    currencyCode
    customer { id defaultEmailAddress { emailAddress } }
    lines(first: 5) { nodes { title quantity currentPrice { amount currencyCode } } }
  }`;

export const VERIFY = `query DeskwootVerify { shop { name } }`;

export const FIND_CUSTOMERS = `
  query DeskwootCustomers($query: String!) {
    customers(first: 10, query: $query) { nodes { id defaultEmailAddress { emailAddress } } }
  }`;

export const ORDERS = `
  query DeskwootOrders($query: String!) {
    orders(first: 20, query: $query, sortKey: CREATED_AT, reverse: true) { nodes { ...DeskwootOrder } }
  }
  ${ORDER_FIELDS}`;

export const ORDER = `
  query DeskwootOrder($id: ID!) { order(id: $id) { ...DeskwootOrder } }
  ${ORDER_FIELDS}`;

export const CUSTOMER_CONTRACTS = `
  query DeskwootContracts($id: ID!) {
    customer(id: $id) { subscriptionContracts(first: 10) { nodes { ...DeskwootContract } } }
  }
  ${CONTRACT_FIELDS}`;

export const CONTRACT = `
  query DeskwootContract($id: ID!) { subscriptionContract(id: $id) { ...DeskwootContract } }
  ${CONTRACT_FIELDS}`;

/** What a refund is allocated against: the order's successful sales and captures, and its refunds. */
export const ORDER_TRANSACTIONS = `
  query DeskwootTransactions($id: ID!) {
    order(id: $id) {
      transactions(first: 50) {
        id kind status gateway
        amountSet { ${MONEY} }
        parentTransaction { id }
      }
      refunds(first: 50) { id note }
    }
  }`;

export const REFUND_CREATE = `
  mutation DeskwootRefund($input: RefundInput!, $key: String!) {
    refundCreate(input: $input) @idempotent(key: $key) {
      refund { id note totalRefundedSet { ${MONEY} } transactions(first: 10) { nodes { id status } } }
      userErrors { field message }
    }
  }`;

export const ORDER_CANCEL = `
  mutation DeskwootCancel($orderId: ID!, $note: String) {
    orderCancel(orderId: $orderId, reason: CUSTOMER, refund: false, restock: true, notifyCustomer: false, staffNote: $note) {
      job { id done }
      orderCancelUserErrors { field message code }
    }
  }`;

export const JOB = `query DeskwootJob($id: ID!) { job(id: $id) { id done } }`;

export const CONTRACT_CANCEL = `
  mutation DeskwootContractCancel($id: ID!) {
    subscriptionContractCancel(subscriptionContractId: $id) {
      contract { id status }
      userErrors { field message }
    }
  }`;

export const ALL_SHOPIFY_DOCUMENTS = {
  VERIFY,
  FIND_CUSTOMERS,
  ORDERS,
  ORDER,
  CUSTOMER_CONTRACTS,
  CONTRACT,
  ORDER_TRANSACTIONS,
  REFUND_CREATE,
  ORDER_CANCEL,
  JOB,
  CONTRACT_CANCEL,
};
