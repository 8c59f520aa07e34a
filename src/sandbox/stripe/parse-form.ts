/**
 * Stripe's form encoding: `metadata[order]=7`, `expand[0]=latest_charge` (the SDK numbers array
 * items), `expand[]=…` (curl style) and nesting such as `items[0][price]=…`. Both query strings
 * and request bodies use it.
 */
export type FormValue = string | FormValue[] | FormObject;
export interface FormObject {
  [key: string]: FormValue;
}

/** Refused input, reported by Stripe as an invalid request naming the parameter. */
export class FormSyntaxError extends Error {
  constructor(readonly param: string) {
    super(`Invalid form parameter: ${param}`);
  }
}

export function parseForm(encoded: string): FormObject {
  const root: FormObject = {};
  for (const [key, value] of new URLSearchParams(encoded)) insert(root, key, value);
  return finish(root) as FormObject;
}

const SEGMENT = /\[([^\]]*)\]/g;

function splitKey(key: string): string[] {
  const open = key.indexOf('[');
  if (open === -1) return [key];
  const head = key.slice(0, open);
  const rest = key.slice(open);
  const segments: string[] = [];
  let consumed = 0;
  for (const match of rest.matchAll(SEGMENT)) {
    if (match.index !== consumed) throw new FormSyntaxError(key);
    segments.push(match[1] ?? '');
    consumed += match[0].length;
  }
  if (consumed !== rest.length || head === '') throw new FormSyntaxError(key);
  return [head, ...segments];
}

/** Containers are built as objects; `finish` turns the ones keyed 0..n (or pushed) into arrays. */
const PUSHED = Symbol('pushed');
type Building = FormObject & { [PUSHED]?: number };

function insert(root: FormObject, key: string, value: string): void {
  const segments = splitKey(key);
  let node: Building = root;
  segments.forEach((segment, index) => {
    let name = segment;
    if (name === '') {
      const next = node[PUSHED] ?? 0;
      node[PUSHED] = next + 1;
      name = String(next);
    }
    if (index === segments.length - 1) {
      if (typeof node[name] === 'object') throw new FormSyntaxError(key);
      node[name] = value;
      return;
    }
    const existing = node[name];
    if (existing === undefined) {
      const child: Building = {};
      node[name] = child;
      node = child;
    } else if (typeof existing === 'object' && !Array.isArray(existing)) {
      node = existing;
    } else {
      throw new FormSyntaxError(key);
    }
  });
}

function finish(value: FormValue): FormValue {
  if (typeof value === 'string' || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  const entries = keys.map((k) => [k, finish(value[k] as FormValue)] as const);
  const isList = keys.length > 0 && keys.every((k) => /^(0|[1-9]\d{0,3})$/.test(k));
  if (!isList) return Object.fromEntries(entries);
  return entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, v]) => v);
}
