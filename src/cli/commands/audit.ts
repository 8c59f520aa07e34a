import { once } from 'node:events';
import type { Command } from 'commander';
import { exportAuditAction, verifyAuditAction } from '../../audit/export-audit.js';
import { perform } from '../../core/perform.js';
import { AppError } from '../../core/errors.js';
import { type CommonOptions, inAccount, operator, resolveAccount, run, withServices } from '../context.js';

async function write(text: string): Promise<void> {
  if (!process.stdout.write(text)) await once(process.stdout, 'drain');
}

export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('the tamper-evident record of every action');

  inAccount(audit.command('verify'))
    .description("check every account's audit chain (or one, with --account); exit 0 only if all are intact")
    .action(
      run<CommonOptions>((options) =>
        withServices(options, async (services) => {
          const db = services.db.kysely;
          const ids = options.account
            ? [await resolveAccount(db, options.account)]
            : (await db.selectFrom('accounts').select('id').orderBy('id').execute()).map((a) => a.id);
          const reports = [];
          for (const id of ids) reports.push(await perform(services, operator(id), verifyAuditAction, {}));
          const ok = reports.every((r) => r.ok);
          const lines = reports.map((r) =>
            r.ok
              ? `ok      ${r.account_id}: ${r.events} events, chain intact`
              : `BROKEN  ${r.account_id}: ${r.break?.problem} at event ${r.break?.seq} (${r.events} intact before it)`,
          );
          return {
            json: { ok, accounts: reports },
            text: lines.length ? lines : 'No accounts yet.',
            exitCode: ok ? 0 : 1,
          };
        }),
      ),
    );

  inAccount(audit.command('export'))
    .description('write the audit log to stdout, oldest first')
    .option('--since <time>', 'only events at or after this ISO-8601 time, e.g. 2026-01-31T00:00:00Z')
    .option('--until <time>', 'only events at or before this ISO-8601 time')
    .option('--actor <id>', "only this user's or agent's events")
    .option('--action <name>', 'only this action, e.g. order.refund')
    .option('--outcome <outcome>', 'only this outcome, e.g. denied')
    .option('--format <format>', 'jsonl or csv', 'jsonl')
    .action(
      run<
        CommonOptions & {
          since?: string;
          until?: string;
          actor?: string;
          action?: string;
          outcome?: string;
          format: string;
        }
      >((options) =>
        withServices(options, async (services) => {
          if (options.json && options.format === 'csv') {
            throw new AppError(
              'bad_request',
              '--json prints the events as one JSON document; leave out --format',
            );
          }
          const accountId = await resolveAccount(services.db.kysely, options.account);
          const { format, since, until, actor, action, outcome } = options;
          const input = { format, since, until, actor, action, outcome };
          const lines = await perform(services, operator(accountId), exportAuditAction, input);
          // Streamed line by line, so a long log never has to fit in memory; --json wraps it in one document.
          let count = 0;
          if (options.json) await write('{"events":[');
          for await (const line of lines) {
            await write(options.json ? `${count ? ',' : ''}\n${line.trimEnd()}` : line);
            count += 1;
          }
          if (options.json) await write('\n]}\n');
          return { json: null, text: [], printed: true };
        }),
      ),
    );
}
