import { CommanderError } from 'commander';
import { AppError, type FieldIssue } from '../core/errors.js';

/** What a command hands back: the JSON document for `--json`, the lines for people, and the exit code. */
export interface Outcome {
  json: unknown;
  text: string | readonly string[];
  exitCode?: number;
  /** The command wrote its output itself (e.g. streamed an export). */
  printed?: boolean;
}

export function print(outcome: Outcome, json: boolean | undefined): void {
  if (outcome.printed) return;
  if (json) process.stdout.write(`${JSON.stringify(outcome.json, null, 2)}\n`);
  else {
    const lines = typeof outcome.text === 'string' ? [outcome.text] : outcome.text;
    if (lines.length) process.stdout.write(`${lines.join('\n')}\n`);
  }
}

/** Action input fields whose flag is not simply the field in kebab case. */
const FLAG_FOR_FIELD: Record<string, string> = { inbox_ids: 'inboxes' };

/** `webhook_url` → `--webhook-url`, `inbox_ids.0` → `--inboxes`: errors name what the user typed. */
export function flagFor(field: string): string {
  const [head = field] = field.split('.');
  if (head === '(body)') return head;
  const flag =
    FLAG_FOR_FIELD[head] ?? head.replace(/_/g, '-').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  return `--${flag}`;
}

function describeFields(fields: readonly FieldIssue[]): string {
  return fields.map((f) => `${flagFor(f.field)}: ${f.message}`).join('; ');
}

export interface CliError {
  code: string;
  message: string;
  details?: unknown;
}

/** One readable line for any error a command can end with. */
export function toCliError(error: unknown): CliError {
  if (error instanceof AppError) {
    const fields = error.details?.fields ?? [];
    const message =
      error.code === 'bad_request' && fields.length
        ? `${error.message.split(':')[0] ?? 'Invalid input'}: ${describeFields(fields)}`
        : fields.length
          ? `${error.message} (${describeFields(fields)})`
          : error.message;
    return { code: error.code, message, ...(error.details && { details: error.details }) };
  }
  if (error instanceof CommanderError) {
    return { code: 'bad_request', message: error.message.replace(/^error: /, '') };
  }
  return { code: 'failed', message: error instanceof Error ? error.message : String(error) };
}

/** Errors go to stderr as one line; with `--json` stdout still gets its one document. */
export function printError(error: CliError, json: boolean, alreadyShown = false): void {
  if (!alreadyShown) process.stderr.write(`error: ${error.message}\n`);
  if (json) process.stdout.write(`${JSON.stringify({ error }, null, 2)}\n`);
}
