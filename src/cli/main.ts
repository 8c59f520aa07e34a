import { Command, CommanderError } from 'commander';
import { CliExit } from './context.js';
import { registerAccounts } from './commands/accounts.js';
import { registerAgents } from './commands/agents.js';
import { registerAudit } from './commands/audit.js';
import { registerDemo } from './commands/demo.js';
import { registerInboxes } from './commands/inboxes.js';
import { registerMigrate } from './commands/migrate.js';
import { registerStart } from './commands/start.js';
import { registerStores } from './commands/stores.js';
import { registerUsers } from './commands/users.js';
import { printError, toCliError } from './output.js';

/** The `deskwoot` command line: a door like REST, calling the same actions through `perform`. */
export function buildProgram(): Command {
  // exitOverride is inherited by every subcommand, so commander throws instead of exiting.
  const program = new Command('deskwoot')
    .description('Deskwoot: a help desk in which AI agents can be trusted with real work, on a leash.')
    .exitOverride();
  registerStart(program);
  registerDemo(program);
  registerMigrate(program);
  registerAccounts(program);
  registerUsers(program);
  registerInboxes(program);
  registerAgents(program);
  registerStores(program);
  registerAudit(program);
  return program;
}

/** Runs one command and answers its exit code; output and errors are already written. */
export async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CliExit) return error.exitCode;
    if (error instanceof CommanderError) {
      // Help and usage errors: commander has printed them already.
      if (error.exitCode !== 0) printError(toCliError(error), json, true);
      return error.exitCode;
    }
    printError(toCliError(error), json);
    return 1;
  }
}
