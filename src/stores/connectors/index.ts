import type { Store } from '../../db/schema.js';
import type { Services } from '../../core/services.js';
import { openCredentials } from '../stores.repository.js';
import type { StoreConnector } from './connector.js';
import { ShopifyConnector } from './shopify.js';
import { StripeConnector } from './stripe.js';
import { WooCommerceConnector } from './woocommerce.js';

export interface VerifiableConnector extends StoreConnector {
  /** A cheap authenticated read, to check the credentials when the store is connected. */
  verify(): Promise<void>;
}

/** The connector for one store, on its vendor's own client, with its credentials unsealed. */
export function connectorFor(services: Services, store: Store): VerifiableConnector {
  const credentials = openCredentials(services.box, store);
  const fetch = services.storeFetch?.(store) ?? undefined;
  // A store answered in-process has no endpoint of its own.
  const apiBase = fetch ? null : store.api_base;
  switch (credentials.kind) {
    case 'stripe':
      return new StripeConnector({
        secretKey: credentials.secret_key,
        apiBase,
        fetch,
        timeoutMs: services.storeTimeoutMs,
      });
    case 'shopify':
      return new ShopifyConnector({
        shop: credentials.shop,
        accessToken: credentials.access_token,
        apiBase,
        fetch,
        timeoutMs: services.storeTimeoutMs,
      });
    case 'woocommerce':
      return new WooCommerceConnector({
        url: apiBase ?? credentials.url,
        consumerKey: credentials.consumer_key,
        consumerSecret: credentials.consumer_secret,
        timeoutMs: services.storeTimeoutMs,
      });
  }
}
