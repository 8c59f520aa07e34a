import type { Command } from 'commander';
import type { Config } from '../../config.js';
import { type DemoWorkspace, DEMO_ACCOUNT_NAME, seedDemo } from '../../demo/seed-demo.js';
import { type CommonOptions, common, run, withServices } from '../context.js';

/** Where the dashboard will be once `deskwoot start` runs with this configuration. */
export function configuredUrl(config: Config): string {
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return config.publicUrl ?? `http://${host}:${config.port}`;
}

/** The demo's JSON (the SPEC's shape; agents arrive later, so `agent` and `mcp_config` are null). */
export function demoJson(url: string, demo: DemoWorkspace | null) {
  return { url, admin: demo ? demo.admin : null, agent: null, mcp_config: null };
}

export function demoLines(demo: DemoWorkspace): string[] {
  return [
    `Created the demo workspace "${DEMO_ACCOUNT_NAME}": ${demo.contacts} customers, ${demo.conversations} conversations (${demo.messages} messages) in 3 inboxes.`,
    `  Admin login: ${demo.admin.email} / ${demo.admin.password}`,
    'AI agents arrive in a later version, so there is no demo agent token or MCP config yet.',
  ];
}

export function registerDemo(program: Command): void {
  common(program.command('demo'))
    .description('create the demo workspace (inboxes, customers, conversations) in an empty database')
    .action(
      run<CommonOptions>((options) =>
        withServices(options, async (services, config) => {
          const demo = await seedDemo(services);
          const url = configuredUrl(config);
          return {
            json: demoJson(url, demo),
            text: [
              ...demoLines(demo),
              `Run \`deskwoot start\`${options.databaseUrl ? ' with the same --database-url' : ''} and open ${url}.`,
            ],
          };
        }),
      ),
    );
}
