import type { Command } from 'commander';
import { perform } from '../../core/perform.js';
import { createInbox } from '../../inboxes/create-inbox.js';
import { type CommonOptions, inAccount, operator, resolveAccount, run, withServices } from '../context.js';

interface CreateOptions extends CommonOptions {
  type: string;
  name: string;
  webhookUrl?: string;
}

export function registerInboxes(program: Command): void {
  const inboxes = program.command('inboxes').description('channels that conversations arrive in');
  inAccount(inboxes.command('create'))
    .description('create an inbox; its secret is shown this once')
    .requiredOption('--type <type>', 'api, email or web_chat')
    .requiredOption('--name <name>', 'what teammates see, e.g. "Support"')
    .option('--webhook-url <url>', 'API inboxes: where outgoing messages are POSTed')
    .action(
      run<CreateOptions>((options) =>
        withServices(options, async (services) => {
          const accountId = await resolveAccount(services.db.kysely, options.account);
          const inbox = await perform(services, operator(accountId), createInbox, {
            type: options.type,
            name: options.name,
            webhook_url: options.webhookUrl,
          });
          return {
            json: { id: inbox.id, type: inbox.type, name: inbox.name, secret: inbox.secret },
            text: [
              `Created ${inbox.type} inbox "${inbox.name}" (${inbox.id}).`,
              `Inbox secret (shown this once): ${inbox.secret}`,
            ],
          };
        }),
      ),
    );
}
