import type { Command } from 'commander';
import { createAgent } from '../../agents/create-agent.js';
import { listAgents, pauseAgents, resumeAgents, revokeAgent } from '../../agents/manage-agents.js';
import { mcpClientConfigs, mcpConfigLines } from '../../agents/mcp-config.js';
import { AppError } from '../../core/errors.js';
import { perform } from '../../core/perform.js';
import { type CommonOptions, inAccount, operator, resolveAccount, run, withServices } from '../context.js';
import { configuredUrl } from './demo.js';

interface CreateOptions extends CommonOptions {
  name: string;
  scopes?: string;
  inboxes?: string;
  mode?: string;
  limits?: string;
}

const list = (value: string | undefined) =>
  value
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function parseLimits(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError(
      'bad_request',
      '--limits must be JSON, e.g. {"max_amount":{"USD":5000},"daily_amount":{"USD":20000}}',
    );
  }
}

/** Runs one agent action as the operator in the chosen account. */
function inAccountDo<T>(
  options: CommonOptions,
  body: (services: Parameters<Parameters<typeof withServices>[1]>[0], accountId: string) => Promise<T>,
) {
  return withServices(options, async (services) =>
    body(services, await resolveAccount(services.db.kysely, options.account)),
  );
}

export function registerAgents(program: Command): void {
  const agents = program.command('agents').description('AI agents and their bot tokens');

  inAccount(agents.command('create'))
    .description('create an AI agent; its bot token (dwt_…) is shown this once')
    .requiredOption('--name <name>', 'what teammates see, e.g. "Support bot"')
    .option(
      '--scopes <list>',
      'comma-separated scopes (default: conversations:read,contacts:read,orders:read)',
    )
    .option('--inboxes <ids>', 'comma-separated inbox ids the token is restricted to (default: all)')
    .option('--mode <mode>', 'supervised (default: replies wait for approval) or autonomous')
    .option('--limits <json>', 'money limits as JSON (needed with money scopes)')
    .action(
      run<CreateOptions>((options) =>
        withServices(options, async (services, config) => {
          const accountId = await resolveAccount(services.db.kysely, options.account);
          const agent = await perform(services, operator(accountId), createAgent, {
            name: options.name,
            scopes: list(options.scopes),
            inbox_ids: list(options.inboxes),
            mode: options.mode,
            limits: parseLimits(options.limits),
          });
          const configs = mcpClientConfigs(configuredUrl(config), agent.token);
          return {
            json: {
              id: agent.id,
              token: agent.token,
              scopes: agent.scopes,
              mode: agent.mode,
              inbox_ids: agent.inbox_ids,
              ...configs,
            },
            text: [
              `Created agent "${agent.name}" (${agent.id}), ${agent.mode}, scopes: ${agent.scopes.join(', ') || 'none'}.`,
              `Bot token (shown this once): ${agent.token}`,
              ...mcpConfigLines(configs),
            ],
          };
        }),
      ),
    );

  inAccount(agents.command('list'))
    .description("list the account's agents")
    .action(
      run<CommonOptions>((options) =>
        inAccountDo(options, async (services, accountId) => {
          const page = await perform(services, operator(accountId), listAgents, { limit: 100 });
          return {
            json: { agents: page.items },
            text: page.items.length
              ? page.items.map(
                  (a) =>
                    `${a.id}  ${a.status.padEnd(7)}  ${a.mode.padEnd(10)}  ${a.name}  [${a.scopes.join(', ')}]`,
                )
              : ['No agents yet: `deskwoot agents create --name N`'],
          };
        }),
      ),
    );

  inAccount(agents.command('revoke'))
    .description('revoke an agent: its tokens stop at once, sessions end, pending proposals are cancelled')
    .argument('<id>', 'the agent id (agt_…)')
    .action(
      run<CommonOptions>((options, [id]) =>
        inAccountDo(options, async (services, accountId) => {
          const agent = await perform(services, operator(accountId), revokeAgent, { agent_id: id });
          return {
            json: { id: agent.id, status: agent.status },
            text: [`Revoked agent "${agent.name}" (${agent.id}).`],
          };
        }),
      ),
    );

  for (const [name, action, words] of [
    [
      'pause-all',
      pauseAgents,
      'Paused every agent: their calls are refused until `deskwoot agents resume-all`.',
    ],
    ['resume-all', resumeAgents, 'Agents resumed.'],
  ] as const) {
    inAccount(agents.command(name))
      .description(
        name === 'pause-all' ? 'pause every agent of the account (kill switch)' : 'resume the agents',
      )
      .action(
        run<CommonOptions>((options) =>
          inAccountDo(options, async (services, accountId) => {
            const result = await perform(services, operator(accountId), action, {});
            return { json: result, text: [words] };
          }),
        ),
      );
  }
}
