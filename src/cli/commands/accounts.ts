import type { Command } from 'commander';
import { createAccount } from '../../accounts/create-account.js';
import { type CommonOptions, common, run, withServices } from '../context.js';

export function registerAccounts(program: Command): void {
  const accounts = program.command('accounts').description('workspaces (one per company)');
  common(accounts.command('create'))
    .description('create an account')
    .requiredOption('--name <name>', "the company's name")
    .action(
      run<CommonOptions & { name: string }>((options) =>
        withServices(options, async (services) => {
          const account = await createAccount(services, { name: options.name }, 'cli');
          return { json: account, text: `Created account "${account.name}" (${account.id}).` };
        }),
      ),
    );
}
