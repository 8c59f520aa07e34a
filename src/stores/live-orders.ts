import type { Actor } from '../core/actor.js';
import { notFound, PolicyRefusal } from '../core/errors.js';
import type { Services } from '../core/services.js';
import type { Executor } from '../db/database.js';
import type { Contact, Store } from '../db/schema.js';
import { findVisibleContact } from '../contacts/contacts.repository.js';
import {
  isOutage,
  type StoreConnector,
  StoreError,
  type VendorOrder,
  type VendorSubscription,
} from './connectors/connector.js';
import { connectorFor } from './connectors/index.js';
import { findStore, listStoreRows } from './stores.repository.js';
import type { StoreKind, TOrder, TSubscription } from './stores.types.js';
import { compiledOnce } from '../db/compiled-once.js';

/** A store's customer ids are kept on the contact under this namespace. */
export const storeNamespace = (storeId: string) => `store:${storeId}`;

export function storeObjectId(store: Store, vendorId: string): string {
  return `${store.kind}:${store.id}:${vendorId}`;
}

/** `<kind>:<store id>:<vendor id>` (the vendor id may itself hold colons, as Shopify's gid:// does). */
export function parseStoreObjectId(
  id: string,
): { kind: StoreKind; storeId: string; vendorId: string } | null {
  const match = /^(stripe|shopify|woocommerce):(store_[A-Za-z0-9]+):(.+)$/.exec(id);
  if (!match) return null;
  return { kind: match[1] as StoreKind, storeId: match[2]!, vendorId: match[3]! };
}

const storeRef = (store: Store) => ({ id: store.id, kind: store.kind, name: store.name });

export function toOrderJson(store: Store, order: VendorOrder, contactId: string | null): TOrder {
  const { vendorId, customer: _customer, ...rest } = order;
  return { id: storeObjectId(store, vendorId), store: storeRef(store), ...rest, contact_id: contactId };
}

export function toSubscriptionJson(
  store: Store,
  sub: VendorSubscription,
  contactId: string | null,
): TSubscription {
  const { vendorId, customer: _customer, ...rest } = sub;
  return { id: storeObjectId(store, vendorId), store: storeRef(store), ...rest, contact_id: contactId };
}

/** A store's failure as the caller's error: it names the store and never carries credentials. */
export function storeFailure(store: Store, error: unknown): PolicyRefusal {
  if (!(error instanceof StoreError)) {
    return new PolicyRefusal(
      'store_unavailable',
      `${store.name} could not be read`,
      'unprocessable',
      'failed',
    );
  }
  const status = error.code === 'store_rate_limited' ? 'rate_limited' : 'unprocessable';
  return new PolicyRefusal(
    error.code,
    `${store.name}: ${error.message}`,
    status,
    isOutage(error.code) ? 'failed' : 'denied',
  );
}

/** The contact a store's customer is: by email, then by the customer id kept on a contact. */
const contactByEmail = compiledOnce((db, accountId: string, email: string) =>
  db.selectFrom('contacts').select('id').where('account_id', '=', accountId).where('email', '=', email),
);

async function contactFor(
  db: Executor,
  accountId: string,
  store: Store,
  customer: { id: string | null; email: string | null },
): Promise<string | null> {
  if (customer.email) {
    const [byEmail] = await contactByEmail(db, accountId, customer.email.toLowerCase());
    if (byEmail) return byEmail.id;
  }
  if (!customer.id) return null;
  const byId = await db
    .selectFrom('contact_external_ids')
    .select('contact_id')
    .where('account_id', '=', accountId)
    .where('namespace', '=', storeNamespace(store.id))
    .where('value', '=', customer.id)
    .executeTakeFirst();
  return byId?.contact_id ?? null;
}

/** What an order or subscription read gives the actions that act on it. */
export interface LiveTarget<T> {
  store: Store;
  connector: StoreConnector;
  vendor: T;
  contact: Contact;
}

/**
 * The store's live order (or subscription) behind an id, if its customer is a contact the actor
 * may see; anything else — another account's store, a disconnected one, an unknown order, a
 * customer who is no visible contact — is not found alike.
 */
async function loadLive<T extends VendorOrder | VendorSubscription>(
  services: Services,
  actor: Actor,
  id: string,
  what: 'Order' | 'Subscription',
  read: (connector: StoreConnector, vendorId: string) => Promise<T | null>,
): Promise<LiveTarget<T>> {
  const parsed = parseStoreObjectId(id);
  if (!parsed) throw notFound(what);
  const db = services.db.kysely;
  const store = await findStore(db, actor.accountId, parsed.storeId).catch(() => null);
  if (!store || store.status !== 'connected' || store.kind !== parsed.kind) throw notFound(what);
  const connector = await connectorFor(services, store);
  const vendor = await read(connector, parsed.vendorId).catch((error: unknown) => {
    throw storeFailure(store, error);
  });
  if (!vendor) throw notFound(what);
  const contactId = await contactFor(db, actor.accountId, store, vendor.customer);
  if (!contactId) throw notFound(what);
  const contact = await findVisibleContact(db, actor, contactId).catch(() => {
    throw notFound(what);
  });
  return { store, connector, vendor, contact };
}

export function loadOrder(
  services: Services,
  actor: Actor,
  orderId: string,
): Promise<LiveTarget<VendorOrder>> {
  return loadLive(services, actor, orderId, 'Order', (c, id) => c.getOrder(id));
}

export function loadSubscription(
  services: Services,
  actor: Actor,
  subscriptionId: string,
): Promise<LiveTarget<VendorSubscription>> {
  return loadLive(services, actor, subscriptionId, 'Subscription', (c, id) => c.getSubscription(id));
}

export interface ContactOrders {
  orders: TOrder[];
  subscriptions: TSubscription[];
  /** Stores that could not be read just now; the rest are answered. */
  unavailable_stores: { id: string; name: string; message: string }[];
}

/** A visible contact's orders and subscriptions from every connected store, newest first. */
export async function ordersOfContact(
  services: Services,
  actor: Actor,
  contactId: string,
): Promise<ContactOrders> {
  const db = services.db.kysely;
  const contact = await findVisibleContact(db, actor, contactId);
  const stores = await listStoreRows(db, actor.accountId, { connectedOnly: true });
  const external = await db
    .selectFrom('contact_external_ids')
    .select(['namespace', 'value'])
    .where('contact_id', '=', contact.id)
    .execute();
  const result: ContactOrders = { orders: [], subscriptions: [], unavailable_stores: [] };
  await Promise.all(
    stores.map(async (store) => {
      const customerIds = external
        .filter((e) => e.namespace === storeNamespace(store.id))
        .map((e) => e.value);
      try {
        const found = await (
          await connectorFor(services, store)
        ).findForCustomer({
          email: contact.email,
          customerIds,
        });
        result.orders.push(...found.orders.map((o) => toOrderJson(store, o, contact.id)));
        result.subscriptions.push(
          ...found.subscriptions.map((s) => toSubscriptionJson(store, s, contact.id)),
        );
      } catch (error) {
        result.unavailable_stores.push({
          id: store.id,
          name: store.name,
          message: storeFailure(store, error).message,
        });
      }
    }),
  );
  result.orders.sort((a, b) => b.created_at.localeCompare(a.created_at) || a.id.localeCompare(b.id));
  result.subscriptions.sort((a, b) => a.id.localeCompare(b.id));
  return result;
}
