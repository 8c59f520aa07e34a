import { serve, type ServerType } from '@hono/node-server';

/** Anything with a fetch handler: the Stripe sandbox's, Shopify's or WooCommerce's `app`. */
export interface FetchApp {
  fetch: (request: Request, env?: unknown) => Response | Promise<Response>;
}

export interface RunningVendorServer {
  /** `http://127.0.0.1:<port>` (no trailing slash). */
  baseUrl: string;
  host: '127.0.0.1';
  port: number;
  /** Stops listening and cuts open (keep-alive) connections. */
  close(): Promise<void>;
}

/**
 * Serves a vendor test server on 127.0.0.1 and an ephemeral port with `@hono/node-server`, so the
 * vendors' real clients can talk to it over HTTP. Only loopback: nothing here leaves the machine.
 */
export async function startVendorServer(app: FetchApp): Promise<RunningVendorServer> {
  const server = await new Promise<ServerType>((resolve) => {
    const started = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(started));
  });
  const address = server.address();
  if (address === null || typeof address === 'string')
    throw new Error('The vendor server has no TCP address');
  const { port } = address;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    host: '127.0.0.1',
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}
