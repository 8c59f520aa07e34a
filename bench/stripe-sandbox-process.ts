/**
 * The local Stripe server of `bench:mcp`'s money part, as a process of its own (as a vendor is):
 * its work never runs on the event loop whose time is measured. Seeds one customer per email
 * (`customer-<i>@example.com`) with one large paid order, then prints `{ "url" }` and serves.
 *
 *   node stripe-sandbox-process.js <secret key> <customers> <amount per order>
 */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createStripeSandbox } from '../src/sandbox/stripe/index.js';

const [secretKey, customers, amount] = process.argv.slice(2);
if (!secretKey || !customers || !amount)
  throw new Error('usage: stripe-sandbox-process <key> <customers> <amount>');
const sandbox = createStripeSandbox({ secretKey, maxRecordedRequests: 10 });
for (let i = 0; i < Number(customers); i++) {
  const customer = sandbox.addCustomer({ email: `customer-${i}@example.com` });
  sandbox.addPaymentIntent({
    customer: customer.id,
    amount: Number(amount),
    currency: 'USD',
    created: new Date(Date.now() - 86_400_000),
  });
}
const server = serve({ fetch: sandbox.app.fetch, hostname: '127.0.0.1', port: 0 }, () => {
  console.log(JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
});
process.on('SIGINT', () => server.close(() => process.exit(0)));
