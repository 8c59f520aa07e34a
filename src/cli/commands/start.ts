import v8 from 'node:v8';
import type { Command } from 'commander';
import { migrate } from '../../db/migrate.js';
import { type DemoWorkspace, demoState, seedDemo } from '../../demo/seed-demo.js';
import type { Services } from '../../core/services.js';
import { dashboardBuilt } from '../../http/dashboard.js';
import type { RunningServer } from '../../server.js';
import { type CommonOptions, cliConfig, cliServices, common, run } from '../context.js';
import { print } from '../output.js';
import { demoJson, demoLines } from './demo.js';

interface StartOptions extends CommonOptions {
  port?: string;
  host?: string;
  smtpPort?: string;
  smtpHost?: string;
  demo?: boolean;
}

type DemoOutcome =
  { state: 'created'; workspace: DemoWorkspace } | { state: 'exists' | 'not_empty'; workspace: null };

const DEMO_SKIPPED = {
  exists: 'The demo workspace already exists; sign in with the admin login printed when it was created.',
  not_empty: 'The database already has data, so no demo workspace was created.',
};

/** The demo workspace, created now if the database is empty; else what is there instead. */
async function prepareDemo(services: Services): Promise<DemoOutcome> {
  await migrate(services.db);
  const state = await demoState(services.db.kysely);
  if (state === 'empty') return { state: 'created', workspace: await seedDemo(services) };
  return { state: state === 'demo' ? 'exists' : 'not_empty', workspace: null };
}

/** Resolves on the first SIGINT or SIGTERM; once released, a second one ends the process the default way. */
function stopSignal(): { stopped: Promise<void>; release: () => void } {
  let release = () => {};
  const stopped = new Promise<void>((resolve) => {
    const stop = () => {
      release();
      resolve();
    };
    release = () => void process.off('SIGINT', stop).off('SIGTERM', stop);
    process.on('SIGINT', stop).on('SIGTERM', stop);
  });
  return { stopped, release };
}

export function registerStart(program: Command): void {
  common(program.command('start'))
    .description('migrate the database, then serve the dashboard, the REST API and MCP')
    .option('--port <port>', 'port to listen on, 0 for any free one (default: $DESKWOOT_PORT, else 3000)')
    .option('--host <host>', 'address to listen on (default: $DESKWOOT_HOST, else 127.0.0.1)')
    .option(
      '--smtp-port <port>',
      'also receive mail for email inboxes on this port (default: $DESKWOOT_SMTP_PORT, else off)',
    )
    .option(
      '--smtp-host <host>',
      'address the SMTP receiver listens on (default: $DESKWOOT_SMTP_HOST, else 127.0.0.1)',
    )
    .option('--demo', 'first create the demo workspace, if the database is empty')
    .action(
      run<StartOptions>(async (options) => {
        const config = cliConfig({
          databaseUrl: options.databaseUrl,
          port: options.port,
          host: options.host,
          smtpPort: options.smtpPort,
          smtpHost: options.smtpHost,
        });
        if (config.heapGrowthPercent > 0)
          v8.setFlagsFromString(`--heap-growing-percent=${config.heapGrowthPercent}`);
        const services = cliServices(config, { server: true });
        // Listening from the outset, so a stop that comes during the demo or startup is not lost.
        const signal = stopSignal();
        let demo: DemoOutcome | null = null;
        let server: RunningServer;
        try {
          if (options.demo) demo = await prepareDemo(services);
          // The HTTP stack is loaded only to serve, so the one-shot commands start quickly.
          const { startServer } = await import('../../server.js');
          server = await startServer(config, services);
        } catch (error) {
          signal.release();
          await services.db.close();
          throw error;
        }
        const json = demo
          ? { ...demoJson(server.url, demo.workspace), demo: demo.state }
          : { url: server.url };
        const text = [`Deskwoot is running at ${server.url}`];
        if (!dashboardBuilt()) text.push('The dashboard is not built: run `npm run build:web`, then reload.');
        if (demo?.workspace) text.push(...demoLines(demo.workspace, server.url));
        else if (demo) text.push(DEMO_SKIPPED[demo.state]);
        print({ json, text: [...text, 'Press Ctrl+C to stop.'] }, options.json);
        await signal.stopped;
        await server.close();
        await services.db.close(); // ours: the server closes only a database it opened itself
        return { json: null, text: 'Stopped.', printed: Boolean(options.json) };
      }),
    );
}
