import { perform } from '../../src/core/perform.js';
import type { Services } from '../../src/core/services.js';
import type { Store } from '../../src/db/schema.js';
import { connectStore } from '../../src/stores/connect-store.js';
import { findStore } from '../../src/stores/stores.repository.js';
import type { Workspace } from './harness.js';

/** A Stripe store of the workspace served by the in-process sandbox (no network). */
export async function connectSandboxStore(
  services: Services,
  ws: Workspace,
  name = 'Sandbox',
): Promise<Store> {
  const store = await perform(services, ws.system, connectStore, {
    kind: 'stripe',
    name,
    api_base: 'sandbox',
    secret_key: 'sk_test_sandbox',
  });
  return findStore(services.db.kysely, ws.accountId, store.id);
}

/** One paid USD order for each contact in the sandbox store; answers the orders' ids, in order. */
export async function seedSandboxOrders(
  services: Services,
  store: Store,
  contactIds: readonly string[],
  amount = 4200,
): Promise<string[]> {
  const sandbox = await services.sandboxes!.sandbox(store);
  const ids: string[] = [];
  for (const contactId of contactIds) {
    const contact = await services.db.kysely
      .selectFrom('contacts')
      .select('email')
      .where('id', '=', contactId)
      .executeTakeFirstOrThrow();
    const customer = sandbox.addCustomer({ email: contact.email! });
    const intent = sandbox.addPaymentIntent({
      customer: customer.id,
      amount,
      currency: 'USD',
      created: new Date(Date.now() - 86_400_000),
      description: 'Walnut desk organizer',
    });
    ids.push(`stripe:${store.id}:${intent.id}`);
  }
  await services.sandboxes!.persist(store);
  return ids;
}
