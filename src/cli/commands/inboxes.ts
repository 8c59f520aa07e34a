import type { Command } from 'commander';
import { perform } from '../../core/perform.js';
import { createInbox } from '../../inboxes/create-inbox.js';
import { embedSnippet } from '../../channels/web-chat/identity.js';
import { type CommonOptions, inAccount, operator, resolveAccount, run, withServices } from '../context.js';

interface CreateOptions extends CommonOptions {
  type: string;
  name: string;
  webhookUrl?: string;
  origins?: string;
  requireEmail?: boolean;
  identity?: string;
  address?: string;
  smtpHost?: string;
  smtpPort?: string;
  smtpSecurity?: string;
  smtpUser?: string;
  smtpPassword?: string;
}

/** The email settings the flags give, if any (validated by the action like any other input). */
function emailSettings(options: CreateOptions) {
  const given = [options.address, options.smtpHost, options.smtpPort, options.smtpUser, options.smtpPassword];
  if (given.every((v) => v === undefined) && options.smtpSecurity === undefined) return undefined;
  return {
    address: options.address,
    smtp: {
      host: options.smtpHost,
      port: options.smtpPort === undefined ? undefined : Number(options.smtpPort),
      ...(options.smtpSecurity !== undefined && { security: options.smtpSecurity }),
      ...(options.smtpUser !== undefined && { user: options.smtpUser }),
      // From the environment rather than a flag, so it stays out of shell history and process lists.
      ...((options.smtpPassword ?? process.env.DESKWOOT_SMTP_PASSWORD) !== undefined && {
        password: options.smtpPassword ?? process.env.DESKWOOT_SMTP_PASSWORD,
      }),
    },
  };
}

export function registerInboxes(program: Command): void {
  const inboxes = program.command('inboxes').description('channels that conversations arrive in');
  inAccount(inboxes.command('create'))
    .description('create an inbox; its secret is shown this once')
    .requiredOption('--type <type>', 'api, email or web_chat')
    .requiredOption('--name <name>', 'what teammates see, e.g. "Support"')
    .option('--webhook-url <url>', 'API inboxes: where outgoing messages are POSTed')
    .option('--origins <list>', 'web_chat inboxes: comma-separated sites the widget may run on, or "*"')
    .option('--require-email', 'web_chat inboxes: ask for the visitor’s email before the first message')
    .option(
      '--identity <mode>',
      'web_chat inboxes: optional (default) or required (signed-in customers only)',
    )
    .option('--address <email>', 'email inboxes: the address customers write to')
    .option('--smtp-host <host>', 'email inboxes: the SMTP server replies are sent through')
    .option('--smtp-port <port>', 'email inboxes: its port, e.g. 587')
    .option('--smtp-security <mode>', 'email inboxes: starttls (default), tls or none')
    .option('--smtp-user <user>', 'email inboxes: the SMTP login')
    .option(
      '--smtp-password <password>',
      'email inboxes: the SMTP password (better: $DESKWOOT_SMTP_PASSWORD)',
    )
    .action(
      run<CreateOptions>((options) =>
        withServices(options, async (services, config) => {
          const accountId = await resolveAccount(services.db.kysely, options.account);
          const chat =
            options.origins !== undefined || options.requireEmail || options.identity !== undefined;
          const inbox = await perform(services, operator(accountId), createInbox, {
            type: options.type,
            name: options.name,
            webhook_url: options.webhookUrl,
            ...(emailSettings(options) && { email: emailSettings(options) }),
            ...(chat && {
              web_chat: {
                ...(options.origins !== undefined && {
                  allowed_origins: options.origins
                    .split(',')
                    .map((o) => o.trim())
                    .filter(Boolean),
                }),
                ...(options.requireEmail && { require_email: true }),
                ...(options.identity !== undefined && { identity: options.identity }),
              },
            }),
          });
          const snippet = inbox.web_chat
            ? embedSnippet(
                config.publicUrl ?? `http://${config.host}:${config.port}`,
                inbox.web_chat.public_key,
              )
            : null;
          return {
            json: {
              id: inbox.id,
              type: inbox.type,
              name: inbox.name,
              secret: inbox.secret,
              ...(inbox.web_chat && { web_chat: inbox.web_chat, embed_snippet: snippet }),
              ...(inbox.email && { email: inbox.email }),
            },
            text: [
              `Created ${inbox.type} inbox "${inbox.name}" (${inbox.id}).`,
              `Inbox secret (shown this once): ${inbox.secret}`,
              ...(inbox.email
                ? [
                    `Receives mail for ${inbox.email.address}; replies go out through ${inbox.email.smtp.host}:${inbox.email.smtp.port}.`,
                  ]
                : []),
              ...(snippet
                ? [
                    `Allowed origins: ${inbox.web_chat?.allowed_origins.join(', ') || 'none yet (the widget refuses every site)'}`,
                    'Add this to your site’s pages:',
                    snippet,
                  ]
                : []),
            ],
          };
        }),
      ),
    );
}
