export {
  createShopifyServer,
  SHOPIFY_API_VERSION,
  type ShopifyRecordedRequest,
  type ShopifyServer,
  type ShopifyServerOptions,
  type ShopifyValidation,
} from './create-shopify-server.js';
export type { SeedContractInput, SeedOrderInput } from './seed-shopify.js';
