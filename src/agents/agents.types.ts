import { z } from 'zod';
import { ALL_SCOPES, DEFAULT_SCOPES, SCOPES, type Scope } from '../core/scopes.js';
import { ZIdSchema, zText } from '../core/text.js';

const ZCurrencySchema = z.string().regex(/^[A-Z]{3}$/, 'An ISO 4217 code such as USD');
const ZMinorUnitsSchema = z.number().int().min(0).max(1_000_000_000).describe('Minor units (cents)');

export const ORDER_STATUSES = [
  'pending',
  'paid',
  'fulfilled',
  'partially_refunded',
  'refunded',
  'cancelled',
] as const;

export const ZLimitsSchema = z
  .object({
    max_amount: z.record(ZCurrencySchema, ZMinorUnitsSchema).optional().describe('Per currency, per action'),
    max_order_age_days: z.number().int().min(0).max(3650).optional(),
    allowed_order_statuses: z.array(z.enum(ORDER_STATUSES)).max(ORDER_STATUSES.length).optional(),
    cooldown_minutes: z.number().int().min(0).max(10_080).optional(),
    daily_amount: z
      .record(ZCurrencySchema, ZMinorUnitsSchema)
      .optional()
      .describe('Per currency, rolling 24 h'),
    on_exceed: z.enum(['deny', 'approval']).default('deny'),
  })
  .strict()
  .describe('Money limits (SPEC §2.3)');

export type TLimits = z.infer<typeof ZLimitsSchema>;

export const ZScopeSchema = z.enum(ALL_SCOPES as [Scope, ...Scope[]]);
export const ZModeSchema = z.enum(['supervised', 'autonomous']);

/** Money scopes need the caps that bound them: a per-action and a daily amount. */
function moneyNeedsLimits(
  value: { scopes?: readonly Scope[] | undefined; limits?: TLimits | undefined },
  ctx: z.RefinementCtx,
) {
  const money = (value.scopes ?? []).filter((s) => SCOPES[s].money);
  if (!money.length) return;
  if (!value.limits?.max_amount || !value.limits.daily_amount) {
    ctx.addIssue({
      code: 'custom',
      path: ['limits'],
      message: `${money.join(', ')} need limits with max_amount and daily_amount`,
    });
  }
}

export const ZCreateAgentInputSchema = z
  .object({
    name: zText(100).min(1),
    scopes: z
      .array(ZScopeSchema)
      .max(ALL_SCOPES.length)
      .default([...DEFAULT_SCOPES]),
    inbox_ids: z
      .array(ZIdSchema)
      .max(200)
      .nullable()
      .default(null)
      .describe('Restrict to these inboxes; null: all'),
    mode: ZModeSchema.default('supervised'),
    limits: ZLimitsSchema.default({ on_exceed: 'deny' }),
  })
  .strict()
  .superRefine(moneyNeedsLimits);

export const ZUpdateAgentInputSchema = z
  .object({
    agent_id: ZIdSchema,
    name: zText(100).min(1).optional(),
    scopes: z.array(ZScopeSchema).max(ALL_SCOPES.length).optional(),
    inbox_ids: z.array(ZIdSchema).max(200).nullable().optional(),
    mode: ZModeSchema.optional(),
    limits: ZLimitsSchema.optional(),
  })
  .strict();

export const ZAgentIdInputSchema = z.object({ agent_id: ZIdSchema }).strict();

export const ZAgentSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    scopes: z.array(ZScopeSchema),
    inbox_ids: z.array(z.string()).nullable(),
    mode: ZModeSchema,
    limits: ZLimitsSchema,
    status: z.enum(['active', 'revoked']),
    created_at: z.string(),
    last_active_at: z.string().nullable(),
    revoked_at: z.string().nullable(),
  })
  .meta({ id: 'Agent' });

export type TAgent = z.infer<typeof ZAgentSchema>;
