import type { Db } from '../db/database.js';
import type { Store } from '../db/schema.js';
import type { SecretBox } from '../core/crypto.js';
import { openCredentials } from '../stores/stores.repository.js';
import { createStripeSandbox, type StripeSandbox, type StripeSandboxState } from './stripe/index.js';

/** A store whose `api_base` is this talks to an in-process Stripe sandbox: no network, no real money. */
export const SANDBOX_API_BASE = 'sandbox';

/**
 * The sandboxes of this process, one per sandbox store, each kept in the database (`sandbox_states`)
 * after every change it answers, so what was refunded in the demo survives a restart.
 */
export class SandboxStores {
  private readonly sandboxes = new Map<string, Promise<StripeSandbox>>();
  private readonly fetches = new Map<string, typeof fetch>();

  constructor(
    private readonly db: Db,
    private readonly box: SecretBox,
  ) {}

  /** The fetch a sandbox store's connector uses; null for every other store. */
  fetchFor(store: Store): typeof fetch | null {
    if (store.api_base !== SANDBOX_API_BASE) return null;
    if (store.kind !== 'stripe') throw new Error('Only Stripe stores have a sandbox');
    const known = this.fetches.get(store.id);
    if (known) return known;
    const answer: typeof fetch = async (input, init) => {
      const sandbox = await this.sandbox(store);
      const before = JSON.stringify(sandbox.state());
      const response = await sandbox.app.fetch(new Request(input, init));
      const after = sandbox.state();
      if (JSON.stringify(after) !== before) await this.save(store.id, after);
      return response;
    };
    this.fetches.set(store.id, answer);
    return answer;
  }

  /** The sandbox behind a sandbox store (made on first use, from its saved state if any). */
  sandbox(store: Store): Promise<StripeSandbox> {
    let sandbox = this.sandboxes.get(store.id);
    if (!sandbox) {
      sandbox = this.load(store);
      this.sandboxes.set(store.id, sandbox);
      sandbox.catch(() => this.sandboxes.delete(store.id));
    }
    return sandbox;
  }

  /** Keeps a sandbox's state now (after seeding it, say). */
  async persist(store: Store): Promise<void> {
    await this.save(store.id, (await this.sandbox(store)).state());
  }

  private async load(store: Store): Promise<StripeSandbox> {
    const credentials = openCredentials(this.box, store);
    if (credentials.kind !== 'stripe') throw new Error('Only Stripe stores have a sandbox');
    const saved = await this.db.kysely
      .selectFrom('sandbox_states')
      .select('state')
      .where('store_id', '=', store.id)
      .executeTakeFirst();
    return createStripeSandbox({
      secretKey: credentials.secret_key,
      ...(saved && { state: JSON.parse(saved.state) as StripeSandboxState }),
    });
  }

  private async save(storeId: string, state: StripeSandboxState): Promise<void> {
    const row = { store_id: storeId, state: JSON.stringify(state), updated_at: new Date().toISOString() };
    await this.db.kysely
      .insertInto('sandbox_states')
      .values(row)
      .onConflict((oc) => oc.column('store_id').doUpdateSet({ state: row.state, updated_at: row.updated_at }))
      .execute();
  }
}
