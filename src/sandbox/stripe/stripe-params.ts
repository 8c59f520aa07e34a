import type { FormObject, FormValue } from './parse-form.js';
import { stripeErrors } from './stripe-errors.js';

/**
 * Reading Stripe parameters. Every value arrives as a string (form encoding), so each reader
 * coerces and refuses the way Stripe does, naming the parameter. This is the sandbox's input
 * boundary: what Stripe would refuse is refused here with Stripe's error, not a generic one.
 */
export interface ParamRules {
  /** Parameters the sandbox acts on. */
  supported: readonly string[];
  /** Real Stripe parameters the sandbox accepts and ignores (they change nothing it models). */
  ignored?: readonly string[];
  /** Real Stripe parameters the sandbox refuses because it does not model what they do. */
  unsupported?: readonly string[];
}

export function checkParams(params: FormObject, rules: ParamRules): void {
  for (const name of Object.keys(params)) {
    if (rules.supported.includes(name) || rules.ignored?.includes(name)) continue;
    if (rules.unsupported?.includes(name)) throw stripeErrors.unsupportedParameter(name);
    throw stripeErrors.unknownParameter(name);
  }
}

export function readString(params: FormObject, name: string): string | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw stripeErrors.invalidString(name);
  return value;
}

/** A non-empty string; empty means "not given", as Stripe treats `param=`. */
export function readId(params: FormObject, name: string): string | undefined {
  const value = readString(params, name);
  return value === '' ? undefined : value;
}

export function readInteger(params: FormObject, name: string): number | undefined {
  const value = readString(params, name);
  if (value === undefined || value === '') return undefined;
  if (!/^-?\d{1,15}$/.test(value)) throw stripeErrors.invalidInteger(name, value);
  return Number(value);
}

export function readPositiveInteger(params: FormObject, name: string): number | undefined {
  const value = readInteger(params, name);
  if (value !== undefined && value < 1) throw stripeErrors.invalidPositiveInteger(name);
  return value;
}

export function readBoolean(params: FormObject, name: string): boolean | undefined {
  const value = readString(params, name);
  if (value === undefined || value === '') return undefined;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw stripeErrors.invalidBoolean(name, value);
}

export function readEnum<T extends string>(
  params: FormObject,
  name: string,
  allowed: readonly T[],
): T | undefined {
  const value = readString(params, name);
  if (value === undefined || value === '') return undefined;
  const found = allowed.find((a) => a === value);
  if (found === undefined) throw stripeErrors.invalidEnum(name, value, allowed);
  return found;
}

/** `limit`: 1–100, 10 when absent. */
export function readLimit(params: FormObject): number {
  const limit = readInteger(params, 'limit');
  if (limit === undefined) return 10;
  if (limit < 1) throw stripeErrors.invalidPositiveInteger('limit');
  if (limit > 100) throw stripeErrors.limitOutOfRange();
  return limit;
}

/** `expand[]`: a list of dotted paths. */
export function readExpand(params: FormObject): string[] {
  const value = params['expand'];
  if (value === undefined) return [];
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value) || !value.every((v): v is string => typeof v === 'string')) {
    throw stripeErrors.invalidArray('expand');
  }
  return value;
}

/** `metadata[key]=value`; an empty value removes the key, as on Stripe. */
export function readMetadata(params: FormObject): Record<string, string> | undefined {
  const value: FormValue | undefined = params['metadata'];
  if (value === undefined) return undefined;
  if (value === '') return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw stripeErrors.invalidObject('metadata');
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== 'string') throw stripeErrors.invalidString(`metadata[${key}]`);
    out[key] = v;
  }
  return out;
}

export function applyMetadata(
  current: Record<string, string>,
  update: Record<string, string>,
): Record<string, string> {
  const next = { ...current };
  for (const [key, value] of Object.entries(update)) {
    if (value === '') delete next[key];
    else next[key] = value;
  }
  return next;
}

/** `created=…` or `created[gt|gte|lt|lte]=…`: a predicate over unix seconds (true when absent). */
export function readCreatedFilter(params: FormObject): (created: number) => boolean {
  const value = params['created'];
  if (value === undefined) return () => true;
  if (typeof value === 'string') {
    const exact = readInteger(params, 'created');
    return (created) => exact === undefined || created === exact;
  }
  if (Array.isArray(value)) throw stripeErrors.invalidObject('created');
  const bounds: Partial<Record<'gt' | 'gte' | 'lt' | 'lte', number>> = {};
  for (const [op, raw] of Object.entries(value)) {
    if (op !== 'gt' && op !== 'gte' && op !== 'lt' && op !== 'lte')
      throw stripeErrors.unknownParameter(`created[${op}]`);
    if (typeof raw !== 'string' || !/^\d{1,15}$/.test(raw))
      throw stripeErrors.invalidInteger(`created[${op}]`, String(raw));
    bounds[op] = Number(raw);
  }
  return (created) =>
    (bounds.gt === undefined || created > bounds.gt) &&
    (bounds.gte === undefined || created >= bounds.gte) &&
    (bounds.lt === undefined || created < bounds.lt) &&
    (bounds.lte === undefined || created <= bounds.lte);
}
