/**
 * Checks of recorded vendor traffic against the vendors' published contracts (test/contracts):
 * what a connector sent must be something the vendor defines, and what the local servers answered
 * must be something the vendor could answer. Call after a run, e.g.
 * `expectStripeTrafficToMatchContract(sandbox.requests)`.
 */
export { expectStripeTrafficToMatchContract, stripeContractViolations } from './contracts/stripe-contract.js';
export {
  expectShopifyTrafficToMatchContract,
  shopifyContractViolations,
} from './contracts/shopify-contract.js';
export {
  expectWooCommerceTrafficToMatchContract,
  wooCommerceContractViolations,
} from './contracts/woocommerce-contract.js';
