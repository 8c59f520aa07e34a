import type { z } from 'zod';
import { appendAuditEvent } from '../audit/audit.repository.js';
import type { ActionDef, AuditTarget } from './action.js';
import { type Actor, actorId } from './actor.js';
import { forbidden } from './errors.js';
import type { Services } from './services.js';
import { parseOrThrow } from './validation.js';

/** Whether this actor may call this action at all (before looking at any object). */
export function mayCall(actor: Actor, action: ActionDef): boolean {
  switch (actor.kind) {
    case 'user':
      return action.allow.roles?.includes(actor.role) ?? false;
    case 'channel':
      return action.allow.channel ?? false;
    case 'system':
      return action.allow.system ?? false;
  }
}

function redact(input: unknown, fields: readonly string[] | undefined): unknown {
  if (!fields?.length || typeof input !== 'object' || input === null) return input;
  return Object.fromEntries(
    Object.entries(input).map(([key, value]) => [key, fields.includes(key) ? '[redacted]' : value]),
  );
}

/**
 * The one path every action takes: validate, authorize, execute, and — for writes — record the
 * audit event in the same transaction, so a change and its record commit or fail together.
 * Reads run in a transaction too, so they see one consistent state.
 * Object-level checks (does this actor see this conversation?) live in the handlers' queries,
 * which answer not_found for anything outside the actor's account or inboxes.
 */
export async function perform<S extends z.ZodType, O>(
  services: Services,
  actor: Actor,
  action: ActionDef<S, O>,
  rawInput: unknown,
): Promise<O> {
  const input = parseOrThrow(action.input, rawInput);
  if (!mayCall(actor, action as ActionDef)) throw forbidden();

  const effects: (() => void)[] = [];
  const afterCommit = (effect: () => void) => effects.push(effect);
  let details: Record<string, unknown> = {};
  const audit = (more: Record<string, unknown>) => {
    details = { ...details, ...more };
  };

  const output = await services.db.kysely.transaction().execute(async (trx) => {
    const result = await action.handler({ db: trx, actor, input, services, afterCommit, audit });
    if (action.kind === 'read') return result;
    const target: AuditTarget | null = action.target?.(input, result) ?? null;
    await appendAuditEvent(trx, {
      account_id: actor.accountId,
      actor_kind: actor.kind,
      actor_id: actorId(actor),
      token_id: actor.kind === 'user' ? actor.tokenId : null,
      action: action.name,
      target_type: target?.type ?? null,
      target_id: target?.id ?? null,
      outcome: 'succeeded',
      input: redact(input, action.redact),
      result: { ...action.auditResult?.(result), ...details },
      created_at: services.now().toISOString(),
    });
    return result;
  });

  for (const effect of effects) {
    try {
      effect();
    } catch (error) {
      services.logger.error({ err: error, action: action.name }, 'after-commit effect failed');
    }
  }
  return output;
}
