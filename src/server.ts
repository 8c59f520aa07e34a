import { type ServerType, serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { allowedHostnames, type Config } from './config.js';
import { listenForLeashChanges } from './agents/leash-broadcast.js';
import type { LeashChange } from './core/services.js';
import { McpSessions } from './mcp/sessions.js';
import type { Services } from './core/services.js';
import { migrate } from './db/migrate.js';
import { createApp } from './http/app.js';
import { startBackgroundJobs } from './jobs/background.js';
import { startRealtime } from './realtime/start-realtime.js';
import { createServices } from './services.js';
import type { SmtpReceiver } from './channels/email/smtp-receiver.js';
import { closeEmailTransports } from './channels/email/send-email.js';

export interface RunningServer {
  url: string;
  services: Services;
  /** The built-in SMTP receiver's port, when it was started (`smtpPort` set). */
  smtpPort: number | null;
  close(): Promise<void>;
}

/**
 * Migrates, then serves REST and MCP and runs the background jobs. Given `services` (tests), the
 * caller keeps owning its database; otherwise closing the server closes it.
 */
export async function startServer(config: Config, given?: Services): Promise<RunningServer> {
  const services = given ?? createServices(config, undefined, { server: true });
  await migrate(services.db);
  const jobs = startBackgroundJobs(services, { moneyStaleMs: config.moneyReconcileAfter * 1000 });
  services.onDeliveryQueued = jobs.kick;

  // The kill switch: end this node's sessions of whatever was cut off, told after commit here and
  // by NOTIFY from other nodes sharing the PostgreSQL database.
  const sessions = new McpSessions();
  const endSessions = (change: LeashChange) =>
    void sessions.close(
      (s) => s.accountId === change.accountId && (change.agentId === null || s.agentId === change.agentId),
    );
  services.onLeashChanged = endSessions;
  const listener =
    services.db.dialect === 'postgres'
      ? listenForLeashChanges(services.db.url, endSessions, (err) =>
          services.logger.warn({ err }, 'leash listener'),
        )
      : null;
  const sweeper = setInterval(() => void sessions.sweepIdle(), 60_000);
  sweeper.unref();
  // Dashboards hear of every committed change they may see (through NOTIFY on PostgreSQL).
  const realtime = startRealtime(services);

  const app = createApp(services, {
    secureCookies: config.publicUrl?.startsWith('https:') ?? false,
    mcpSessions: sessions,
    mcp: { allowedHostnames: allowedHostnames(config), rateLimitPerMinute: config.mcpRateLimit },
    realtime: realtime.hub,
    webChat: { trustProxy: config.trustProxy },
  });
  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
    s.once('error', reject);
  }).catch(async (error: unknown) => {
    // Could not listen (e.g. the port is taken): stop what was started, or the process never exits.
    clearInterval(sweeper);
    await jobs.stop();
    await listener?.stop();
    await realtime.stop();
    if (!given) await services.db.close();
    throw error;
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}`;
  // The email channel's receiving MTA, only when asked for (DESKWOOT_SMTP_PORT).
  let smtp: SmtpReceiver | null = null;
  if (config.smtpPort !== undefined) {
    try {
      const { startSmtpReceiver } = await import('./channels/email/smtp-receiver.js');
      smtp = await startSmtpReceiver(services, { port: config.smtpPort, host: config.smtpHost });
      services.logger.info({ host: config.smtpHost, port: smtp.port }, 'SMTP receiver is listening');
    } catch (error) {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      clearInterval(sweeper);
      await jobs.stop();
      await listener?.stop();
      await realtime.stop();
      if (!given) await services.db.close();
      throw error;
    }
  }
  services.logger.info({ url, database: services.db.dialect }, 'Deskwoot is listening');
  return {
    url,
    services,
    smtpPort: smtp?.port ?? null,
    async close() {
      await smtp?.close();
      closeEmailTransports();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      if ('closeAllConnections' in server) server.closeAllConnections();
      clearInterval(sweeper);
      await sessions.closeAll();
      await realtime.stop();
      await closed;
      await jobs.stop();
      await listener?.stop();
      if (!given) await services.db.close();
    },
  };
}
