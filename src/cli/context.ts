import { Command } from 'commander';
import pino from 'pino';
import { ZodError } from 'zod';
import { type Config, loadConfig } from '../config.js';
import type { Actor } from '../core/actor.js';
import { AppError } from '../core/errors.js';
import type { Services } from '../core/services.js';
import type { Executor } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { createServices } from '../services.js';
import { type Outcome, print } from './output.js';

export interface CommonOptions {
  json?: boolean;
  databaseUrl?: string;
  account?: string;
}

/** Ends the process with this code after the command's output has been printed. */
export class CliExit extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
  }
}

/** The options every command takes. */
export function common(command: Command): Command {
  return command
    .option('--json', 'print one JSON document on stdout')
    .option(
      '--database-url <url>',
      'SQLite file or postgres:// URL (default: $DESKWOOT_DATABASE_URL, else ./data/deskwoot.sqlite)',
    );
}

/** `--account`, for commands that act inside one account. */
export function inAccount(command: Command): Command {
  return common(command).option('--account <id>', 'the account to act in (needed when there are several)');
}

/** Wraps a command body: prints its outcome as JSON or text, and turns a failing outcome into an exit code. */
export function run<O extends CommonOptions>(body: (options: O, args: string[]) => Promise<Outcome>) {
  return async (...args: unknown[]): Promise<void> => {
    const command = args.at(-1);
    if (!(command instanceof Command)) throw new Error('commander passes the command last');
    const options = command.opts<O>();
    const outcome = await body(options, command.args);
    print(outcome, options.json);
    if (outcome.exitCode) throw new CliExit(outcome.exitCode);
  };
}

/** Where each setting comes from, for errors that name what to fix. */
const SETTING_NAMES: Record<string, string> = {
  databaseUrl: '--database-url (or DESKWOOT_DATABASE_URL)',
  port: '--port (or DESKWOOT_PORT)',
  host: '--host (or DESKWOOT_HOST)',
  secret: 'DESKWOOT_SECRET',
  logLevel: 'DESKWOOT_LOG_LEVEL',
  publicUrl: 'DESKWOOT_PUBLIC_URL',
  mcpRateLimit: 'DESKWOOT_MCP_RATE_LIMIT',
  moneyReconcileAfter: 'DESKWOOT_MONEY_RECONCILE_AFTER',
};

/** The configuration from flags and environment; a bad setting is bad input, named as the user set it. */
export function cliConfig(flags: Partial<Record<keyof Config, unknown>>): Config {
  try {
    return loadConfig(flags);
  } catch (error) {
    if (!(error instanceof ZodError)) throw error;
    const problems = error.issues.map((issue) => {
      const name = SETTING_NAMES[String(issue.path[0])] ?? String(issue.path[0]);
      return issue.message.startsWith(name) ? issue.message : `${name}: ${issue.message}`;
    });
    throw new AppError('bad_request', `Invalid configuration: ${problems.join('; ')}`);
  }
}

/** Logs go to stderr, so stdout holds only the command's output. */
export function cliServices(config: Config, options: { server?: boolean } = {}): Services {
  const logger = pino({ level: config.logLevel }, pino.destination({ dest: 2, sync: true }));
  return createServices(config, logger, options);
}

/**
 * Opens the database, migrated unless asked not to (a fresh install needs no separate step),
 * runs `body`, and always closes it so the process can exit.
 */
export async function withServices<T>(
  options: CommonOptions,
  body: (services: Services, config: Config) => Promise<T>,
  { migrated = true } = {},
): Promise<T> {
  const config = cliConfig({ databaseUrl: options.databaseUrl });
  const services = cliServices(config);
  try {
    if (migrated) await migrate(services.db);
    return await body(services, config);
  } finally {
    await services.db.close();
  }
}

/** The CLI acts as the operator of the installation, within one account. */
export function operator(accountId: string): Actor {
  return { kind: 'system', accountId, reason: 'cli' };
}

/** The account named by `--account`, else the only one; anything else is an error that says what to do. */
export async function resolveAccount(db: Executor, requested: string | undefined): Promise<string> {
  const accounts = await db.selectFrom('accounts').select(['id', 'name']).orderBy('id').execute();
  if (requested) {
    if (!accounts.some((a) => a.id === requested)) throw new AppError('not_found', `No account ${requested}`);
    return requested;
  }
  const [only, ...others] = accounts;
  if (!only) {
    throw new AppError('unprocessable', 'There is no account yet: run `deskwoot accounts create --name N`');
  }
  if (others.length) {
    const list = accounts.map((a) => `${a.id} (${a.name})`).join(', ');
    throw new AppError(
      'unprocessable',
      `There are ${accounts.length} accounts; choose one with --account: ${list}`,
    );
  }
  return only.id;
}
