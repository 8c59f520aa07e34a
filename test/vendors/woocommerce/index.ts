export {
  createWooCommerceServer,
  type WooCommerceServer,
  type WooCommerceServerOptions,
} from './create-woocommerce-server.js';
export type { SeedWooOrderInput, SeedWooSubscriptionInput } from './seed-woocommerce.js';
