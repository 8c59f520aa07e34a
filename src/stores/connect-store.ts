import { defineAction } from '../core/action.js';
import { AppError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import type { Store } from '../db/schema.js';
import { StoreError } from './connectors/connector.js';
import { connectorFor } from './connectors/index.js';
import {
  credentialsOf,
  defaultStoreName,
  findStore,
  listStoreRows,
  toStoreJson,
} from './stores.repository.js';
import { type TStore, ZConnectStoreInputSchema, ZStoreIdInputSchema } from './stores.types.js';
import { z } from 'zod';

/**
 * Connects a store: checks the credentials with one read from the store first (a wrong key is a
 * clear 422, and nothing is saved), then keeps them sealed. They are never returned, logged or
 * audited (`redact`).
 */
export const connectStore = defineAction({
  name: 'store.connect',
  summary: 'Connect a Stripe, Shopify or WooCommerce store (credentials are checked, then sealed)',
  input: ZConnectStoreInputSchema,
  kind: 'write',
  allow: { roles: ['admin'], system: true },
  redact: ['secret_key', 'access_token', 'consumer_key', 'consumer_secret'],
  async prepare({ actor, input, services }): Promise<Store> {
    const credentials = credentialsOf(input);
    const at = services.now().toISOString();
    const store: Store = {
      id: newId('store'),
      account_id: actor.accountId,
      kind: input.kind,
      name: input.name ?? defaultStoreName(credentials),
      api_base: input.api_base ?? null,
      credentials_sealed: services.box.seal(JSON.stringify(credentials)),
      status: 'connected',
      created_at: at,
      updated_at: at,
    };
    try {
      await (await connectorFor(services, store)).verify();
    } catch (error) {
      const why = error instanceof StoreError ? error.message : 'the store could not be reached';
      throw new AppError('unprocessable', `Could not connect the store: ${why}`);
    }
    return store;
  },
  async handler({ db: trx, prepared: store }): Promise<TStore> {
    await trx.insertInto('stores').values(store).execute();
    return toStoreJson(store);
  },
  target: (_input, output) => (output ? { type: 'store', id: output.id } : null),
  auditResult: (output) => ({ kind: output.kind, name: output.name }),
});

export const listStores = defineAction({
  name: 'store.list',
  summary: "List the account's stores",
  input: z.object({}).strict(),
  kind: 'read',
  allow: { roles: ['admin'], system: true },
  async handler({ db, actor }): Promise<TStore[]> {
    return (await listStoreRows(db, actor.accountId)).map(toStoreJson);
  },
});

/** Disconnects a store: its credentials are forgotten; its money history stays. */
export const disconnectStore = defineAction({
  name: 'store.disconnect',
  summary: 'Disconnect a store; its credentials are erased, its money history is kept',
  input: ZStoreIdInputSchema,
  kind: 'write',
  allow: { roles: ['admin'], system: true },
  async handler({ db: trx, actor, input, services }): Promise<TStore> {
    const store = await findStore(trx, actor.accountId, input.store_id);
    const updated: Store = {
      ...store,
      status: 'disconnected',
      credentials_sealed: services.box.seal(JSON.stringify({ kind: store.kind })),
      updated_at: services.now().toISOString(),
    };
    await trx
      .updateTable('stores')
      .set({
        status: updated.status,
        credentials_sealed: updated.credentials_sealed,
        updated_at: updated.updated_at,
      })
      .where('id', '=', store.id)
      .execute();
    return toStoreJson(updated);
  },
  target: (input) => ({ type: 'store', id: input.store_id }),
});
