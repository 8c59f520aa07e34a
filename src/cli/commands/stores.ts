import type { Command } from 'commander';
import { perform } from '../../core/perform.js';
import { connectStore, listStores } from '../../stores/connect-store.js';
import type { StoreKind, TStore } from '../../stores/stores.types.js';
import { type CommonOptions, inAccount, operator, resolveAccount, run, withServices } from '../context.js';

interface AddOptions extends CommonOptions {
  name?: string;
  apiBase?: string;
  secretKey?: string;
  shop?: string;
  accessToken?: string;
  url?: string;
  consumerKey?: string;
  consumerSecret?: string;
}

const stored = (store: TStore) => [`Connected ${store.kind} store "${store.name}" (${store.id}).`];

/** `stores add <kind>`: the same action as `POST /api/v1/stores`; credentials are checked with the store first. */
function addCommand(stores: Command, kind: StoreKind, describe: (command: Command) => Command): void {
  const command = inAccount(stores.command(kind))
    .option('--name <name>', 'what teammates see')
    .option('--api-base <url>', "another endpoint than the vendor's (tests, proxies)");
  describe(command).action(
    run<AddOptions>((options) =>
      withServices(options, async (services) => {
        const accountId = await resolveAccount(services.db.kysely, options.account);
        const store = await perform(services, operator(accountId), connectStore, {
          kind,
          name: options.name,
          api_base: options.apiBase,
          secret_key: options.secretKey,
          shop: options.shop,
          access_token: options.accessToken,
          url: options.url,
          consumer_key: options.consumerKey,
          consumer_secret: options.consumerSecret,
        });
        return { json: { id: store.id, kind: store.kind, name: store.name }, text: stored(store) };
      }),
    ),
  );
}

export function registerStores(program: Command): void {
  const stores = program.command('stores').description('commerce stores agents may refund and cancel in');
  const add = stores.command('add').description('connect a store (its credentials are checked, then sealed)');
  addCommand(add, 'stripe', (c) =>
    c
      .description('connect a Stripe account')
      .requiredOption('--secret-key <key>', 'a secret or restricted key'),
  );
  addCommand(add, 'shopify', (c) =>
    c
      .description('connect a Shopify shop (Admin GraphQL API)')
      .requiredOption('--shop <domain>', 'e.g. acme.myshopify.com')
      .requiredOption('--access-token <token>', 'an Admin API access token (shpat_…)'),
  );
  addCommand(add, 'woocommerce', (c) =>
    c
      .description('connect a WooCommerce shop (REST API v3)')
      .requiredOption('--url <url>', 'the WordPress site, e.g. https://shop.example.com')
      .requiredOption('--consumer-key <key>', 'REST API consumer key (ck_…)')
      .requiredOption('--consumer-secret <secret>', 'REST API consumer secret (cs_…)'),
  );
  inAccount(stores.command('list'))
    .description("list the account's stores")
    .action(
      run<CommonOptions>((options) =>
        withServices(options, async (services) => {
          const accountId = await resolveAccount(services.db.kysely, options.account);
          const list = await perform(services, operator(accountId), listStores, {});
          return {
            json: { stores: list },
            text: list.length
              ? list.map((s) => `${s.id}  ${s.kind}  ${s.status}  ${s.name}`)
              : ['No stores.'],
          };
        }),
      ),
    );
}
