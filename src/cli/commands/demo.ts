import type { Command } from 'commander';
import type { Config } from '../../config.js';
import { mcpClientConfigs, mcpConfigLines } from '../../agents/mcp-config.js';
import { type DemoWorkspace, DEMO_ACCOUNT_NAME, seedDemo } from '../../demo/seed-demo.js';
import { type CommonOptions, common, run, withServices } from '../context.js';

/** Where the dashboard will be once `deskwoot start` runs with this configuration. */
export function configuredUrl(config: Config): string {
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return config.publicUrl ?? `http://${host}:${config.port}`;
}

/** The demo's JSON, in the SPEC's shape (§5). */
export function demoJson(url: string, demo: DemoWorkspace | null) {
  return {
    url,
    admin: demo ? demo.admin : null,
    agent: demo ? demo.agent : null,
    mcp_config: demo ? mcpClientConfigs(url, demo.agent.token).mcp_config : null,
  };
}

export function demoLines(demo: DemoWorkspace, url: string): string[] {
  return [
    `Created the demo workspace "${DEMO_ACCOUNT_NAME}": ${demo.contacts} customers, ${demo.conversations} conversations (${demo.messages} messages) in 3 inboxes,`,
    `  and a sandbox Stripe store (no real money) with the customers' orders and subscriptions.`,
    `  Admin login: ${demo.admin.email} / ${demo.admin.password}`,
    `  Demo AI agent (supervised: its replies and refunds wait in Approvals, refunds capped): ${demo.agent.id}`,
    `  Its bot token (shown this once): ${demo.agent.token}`,
    ...mcpConfigLines(mcpClientConfigs(url, demo.agent.token)),
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
              ...demoLines(demo, url),
              `Run \`deskwoot start\`${options.databaseUrl ? ' with the same --database-url' : ''} and open ${url}.`,
            ],
          };
        }),
      ),
    );
}
