import type { Executor } from '../db/database.js';
import type { Store } from '../db/schema.js';
import type { SecretBox } from '../core/crypto.js';
import { notFound } from '../core/errors.js';
import type { StoreKind, TConnectStoreInput, TStore } from './stores.types.js';
import { columnsOf, compiledOnce } from '../db/compiled-once.js';

/** A store's credentials, as sealed in its row. */
export type StoreCredentials =
  | { kind: 'stripe'; secret_key: string }
  | { kind: 'shopify'; shop: string; access_token: string }
  | { kind: 'woocommerce'; url: string; consumer_key: string; consumer_secret: string };

export function credentialsOf(input: TConnectStoreInput): StoreCredentials {
  switch (input.kind) {
    case 'stripe':
      return { kind: 'stripe', secret_key: input.secret_key ?? '' };
    case 'shopify':
      return { kind: 'shopify', shop: input.shop ?? '', access_token: input.access_token ?? '' };
    case 'woocommerce':
      return {
        kind: 'woocommerce',
        url: input.url ?? '',
        consumer_key: input.consumer_key ?? '',
        consumer_secret: input.consumer_secret ?? '',
      };
  }
}

export function openCredentials(box: SecretBox, store: Store): StoreCredentials {
  const credentials = JSON.parse(box.open(store.credentials_sealed)) as StoreCredentials;
  if (credentials.kind !== store.kind)
    throw new Error(`Credentials of store ${store.id} are not ${store.kind}`);
  return credentials;
}

export function defaultStoreName(credentials: StoreCredentials): string {
  switch (credentials.kind) {
    case 'stripe':
      return 'Stripe';
    case 'shopify':
      return `Shopify ${credentials.shop}`;
    case 'woocommerce':
      return `WooCommerce ${new URL(credentials.url).host}`;
  }
}

export function toStoreJson(store: Store): TStore {
  return {
    id: store.id,
    kind: store.kind,
    name: store.name,
    api_base: store.api_base,
    status: store.status,
    created_at: store.created_at,
  };
}

const STORE_COLUMNS = columnsOf('stores', {
  id: true,
  account_id: true,
  kind: true,
  name: true,
  api_base: true,
  credentials_sealed: true,
  status: true,
  created_at: true,
  updated_at: true,
});

const storeById = compiledOnce((db, storeId: string, accountId: string) =>
  db.selectFrom('stores').select(STORE_COLUMNS).where('id', '=', storeId).where('account_id', '=', accountId),
);

/** Any store of the account (connected or not); not found for another account's. */
export async function findStore(db: Executor, accountId: string, storeId: string): Promise<Store> {
  const [store] = await storeById(db, storeId, accountId);
  if (!store) throw notFound('Store');
  return store;
}

export async function listStoreRows(
  db: Executor,
  accountId: string,
  filter: { kind?: StoreKind; connectedOnly?: boolean } = {},
): Promise<Store[]> {
  let query = db.selectFrom('stores').selectAll().where('account_id', '=', accountId);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.connectedOnly) query = query.where('status', '=', 'connected');
  return query.orderBy('id').execute();
}
