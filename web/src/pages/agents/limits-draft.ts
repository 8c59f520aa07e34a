import type { Limits } from '../../api/types.js';
import { parseMoney, toMajorText } from '../../lib/format.js';

export type OrderStatus = NonNullable<Limits['allowed_order_statuses']>[number];

/** Every normalized order status, checked against the API's own list in both directions. */
export const ORDER_STATUSES = [
  'pending',
  'paid',
  'fulfilled',
  'partially_refunded',
  'refunded',
  'cancelled',
] as const satisfies readonly OrderStatus[];
const everyStatusListed: Exclude<OrderStatus, (typeof ORDER_STATUSES)[number]> extends never ? true : never =
  true;
void everyStatusListed;

export interface AmountRow {
  currency: string;
  amount: string;
}

/** The limit fields as typed: amounts in major units, per currency. */
export interface LimitsDraft {
  max_amount: AmountRow[];
  daily_amount: AmountRow[];
  max_order_age_days: string;
  cooldown_minutes: string;
  allowed_order_statuses: OrderStatus[];
  on_exceed: 'deny' | 'approval';
}

export const EMPTY_LIMITS: LimitsDraft = {
  max_amount: [{ currency: 'USD', amount: '' }],
  daily_amount: [{ currency: 'USD', amount: '' }],
  max_order_age_days: '',
  cooldown_minutes: '',
  allowed_order_statuses: [],
  on_exceed: 'deny',
};

export function draftOf(limits: Limits): LimitsDraft {
  const rows = (record: Record<string, number> | undefined) =>
    Object.entries(record ?? {}).map(([currency, minor]) => ({
      currency,
      amount: toMajorText(minor, currency),
    }));
  return {
    max_amount: rows(limits.max_amount),
    daily_amount: rows(limits.daily_amount),
    max_order_age_days: limits.max_order_age_days?.toString() ?? '',
    cooldown_minutes: limits.cooldown_minutes?.toString() ?? '',
    allowed_order_statuses: limits.allowed_order_statuses ?? [],
    on_exceed: limits.on_exceed,
  };
}

function amounts(
  rows: AmountRow[],
  field: 'max_amount' | 'daily_amount',
  errors: Record<string, string>,
): Record<string, number> | undefined {
  const result: Record<string, number> = {};
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const currency = row.currency.trim().toUpperCase();
    if (!row.amount.trim()) return;
    if (seen.has(currency)) {
      errors[`${field}.${i}.currency`] = `${currency} is already listed`;
      return;
    }
    seen.add(currency);
    const parsed = parseMoney(row.amount, currency);
    if ('error' in parsed)
      errors[`${field}.${i}.${parsed.error.startsWith('Pick') ? 'currency' : 'amount'}`] = parsed.error;
    else result[currency] = parsed.minor;
  });
  return Object.keys(result).length ? result : undefined;
}

function wholeNumber(
  text: string,
  max: number,
  field: string,
  errors: Record<string, string>,
): number | undefined {
  if (!text.trim()) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > max) errors[field] = `A whole number from 0 to ${max}`;
  return Number.isInteger(value) ? value : undefined;
}

/**
 * The API's limits from what was typed, in minor units, and a message for each field that is
 * wrong. With money scopes, a per-action and a daily cap are required (as the server requires).
 */
export function limitsFromDraft(
  draft: LimitsDraft,
  options: { money: boolean },
): { limits: Limits; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const max_amount = amounts(draft.max_amount, 'max_amount', errors);
  const daily_amount = amounts(draft.daily_amount, 'daily_amount', errors);
  if (options.money && !max_amount && !Object.keys(errors).some((k) => k.startsWith('max_amount')))
    errors.max_amount = 'Money scopes need a cap per action, in at least one currency';
  if (options.money && !daily_amount && !Object.keys(errors).some((k) => k.startsWith('daily_amount')))
    errors.daily_amount = 'Money scopes need a daily cap, in at least one currency';
  const max_order_age_days = wholeNumber(draft.max_order_age_days, 3650, 'max_order_age_days', errors);
  const cooldown_minutes = wholeNumber(draft.cooldown_minutes, 10_080, 'cooldown_minutes', errors);
  const limits: Limits = {
    on_exceed: draft.on_exceed,
    ...(max_amount && { max_amount }),
    ...(daily_amount && { daily_amount }),
    ...(max_order_age_days !== undefined && { max_order_age_days }),
    ...(cooldown_minutes !== undefined && { cooldown_minutes }),
    ...(draft.allowed_order_statuses.length && { allowed_order_statuses: draft.allowed_order_statuses }),
  };
  return { limits, errors };
}
