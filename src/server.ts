import { type ServerType, serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Config } from './config.js';
import type { Services } from './core/services.js';
import { migrate } from './db/migrate.js';
import { createApp } from './http/app.js';
import { startBackgroundJobs } from './jobs/background.js';
import { createServices } from './services.js';

export interface RunningServer {
  url: string;
  services: Services;
  close(): Promise<void>;
}

/** Migrates, then serves REST (and later MCP and the dashboard) and runs the background jobs. */
export async function startServer(
  config: Config,
  services: Services = createServices(config),
): Promise<RunningServer> {
  await migrate(services.db);
  const jobs = startBackgroundJobs(services);
  services.onDeliveryQueued = jobs.kick;
  const app = createApp(services, { secureCookies: config.publicUrl?.startsWith('https:') ?? false });
  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}`;
  services.logger.info({ url, database: services.db.dialect }, 'Deskwoot is listening');
  return {
    url,
    services,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      if ('closeAllConnections' in server) server.closeAllConnections();
      await closed;
      await jobs.stop();
      await services.db.close();
    },
  };
}
