import type { Store } from '../../db/schema.js';
import type { Services } from '../../core/services.js';
import { openCredentials } from '../stores.repository.js';
import type { StoreConnector } from './connector.js';

export interface VerifiableConnector extends StoreConnector {
  /** A cheap authenticated read, to check the credentials when the store is connected. */
  verify(): Promise<void>;
}

interface Cached {
  sealed: string;
  apiBase: string | null;
  fetch: typeof fetch | undefined;
  timeoutMs: number | undefined;
  connector: VerifiableConnector;
}

/** Built connectors by store (unsealing the key and building a vendor client is not free). */
const cache = new Map<string, Cached>();
const CACHE_SIZE = 500;

/**
 * The connector for one store, on its vendor's own client, with its credentials unsealed. Kept
 * while the store's credentials and endpoint stay the same; a change makes a new one. A vendor's
 * client is loaded the first time one of its stores is used: each weighs megabytes of memory
 * that a help desk without such a store would carry for nothing.
 */
export async function connectorFor(services: Services, store: Store): Promise<VerifiableConnector> {
  const fetch = services.storeFetch?.(store) ?? undefined;
  const hit = cache.get(store.id);
  if (
    hit &&
    hit.sealed === store.credentials_sealed &&
    hit.apiBase === store.api_base &&
    hit.fetch === fetch &&
    hit.timeoutMs === services.storeTimeoutMs
  )
    return hit.connector;
  const connector = await buildConnector(services, store, fetch);
  cache.delete(store.id);
  cache.set(store.id, {
    sealed: store.credentials_sealed,
    apiBase: store.api_base,
    fetch,
    timeoutMs: services.storeTimeoutMs,
    connector,
  });
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return connector;
}

async function buildConnector(
  services: Services,
  store: Store,
  fetch: typeof globalThis.fetch | undefined,
): Promise<VerifiableConnector> {
  const credentials = openCredentials(services.box, store);
  // A store answered in-process has no endpoint of its own.
  const apiBase = fetch ? null : store.api_base;
  switch (credentials.kind) {
    case 'stripe': {
      const { StripeConnector } = await import('./stripe.js');
      return new StripeConnector({
        secretKey: credentials.secret_key,
        apiBase,
        fetch,
        timeoutMs: services.storeTimeoutMs,
      });
    }
    case 'shopify': {
      const { ShopifyConnector } = await import('./shopify.js');
      return new ShopifyConnector({
        shop: credentials.shop,
        accessToken: credentials.access_token,
        apiBase,
        fetch,
        timeoutMs: services.storeTimeoutMs,
      });
    }
    case 'woocommerce': {
      const { WooCommerceConnector } = await import('./woocommerce.js');
      return new WooCommerceConnector({
        url: apiBase ?? credentials.url,
        consumerKey: credentials.consumer_key,
        consumerSecret: credentials.consumer_secret,
        timeoutMs: services.storeTimeoutMs,
      });
    }
  }
}
