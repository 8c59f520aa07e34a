import type { Command } from 'commander';
import { createAccount } from '../../accounts/create-account.js';
import { createUserToken } from '../../auth/user-tokens.js';
import { AppError } from '../../core/errors.js';
import { perform } from '../../core/perform.js';
import type { Services } from '../../core/services.js';
import { parseOrThrow } from '../../core/validation.js';
import { createUser } from '../../users/create-user.js';
import {
  type CommonOptions,
  common,
  inAccount,
  operator,
  resolveAccount,
  run,
  withServices,
} from '../context.js';

interface CreateOptions extends CommonOptions {
  email: string;
  password: string;
  role: string;
  name?: string;
  inboxes?: string;
}

/** The account to add the user to; on a fresh install, a first account named after the email's domain. */
async function accountFor(services: Services, options: CreateOptions, input: unknown): Promise<string> {
  const db = services.db.kysely;
  if (options.account || (await db.selectFrom('accounts').select('id').limit(1).executeTakeFirst())) {
    return resolveAccount(db, options.account);
  }
  const user = parseOrThrow(createUser.input, input); // bad input must not leave an empty account behind
  const name = user.email.toLowerCase().split('@')[1] ?? user.email;
  return (await createAccount(services, { name }, 'cli')).id;
}

export function registerUsers(program: Command): void {
  const users = program.command('users').description('people: admins and teammates');
  inAccount(users.command('create'))
    .description('add a person (creates the first account if there is none)')
    .requiredOption('--email <email>', 'their email, used to sign in')
    .requiredOption('--password <password>', 'at least 8 characters')
    .requiredOption('--role <role>', 'admin (everything) or teammate (their inboxes)')
    .option('--name <name>', 'display name (default: from the email)')
    .option('--inboxes <ids>', "a teammate's inboxes, comma-separated")
    .action(
      run<CreateOptions>((options) =>
        withServices(options, async (services) => {
          const { email, password, role, name } = options;
          const inbox_ids = options.inboxes?.split(',').map((id) => id.trim());
          const input = { email, password, role, name, inbox_ids };
          const accountId = await accountFor(services, options, input);
          const user = await perform(services, operator(accountId), createUser, input);
          return {
            json: { id: user.id, account_id: accountId, email: user.email, role: user.role },
            text: `Created ${user.role} ${user.email} (${user.id}) in account ${accountId}.`,
          };
        }),
      ),
    );

  common(users.command('token'))
    .description('create a personal API token (dwu_…) for a person; it is shown this once')
    .requiredOption('--email <email>', 'whose token')
    .action(
      run<CommonOptions & { email: string }>((options) =>
        withServices(options, async (services) => {
          const user = await services.db.kysely
            .selectFrom('users')
            .select(['id', 'account_id'])
            .where('email', '=', options.email.toLowerCase())
            .executeTakeFirst();
          if (!user) throw new AppError('not_found', `No user with the email ${options.email}`);
          const token = await perform(services, operator(user.account_id), createUserToken, {
            user_id: user.id,
          });
          return {
            json: { id: token.id, user_id: user.id, token: token.token },
            text: [`API token for ${options.email} (shown this once):`, token.token],
          };
        }),
      ),
    );
}
