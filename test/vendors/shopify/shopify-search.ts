/**
 * Shopify's search syntax, as far as the connectors use it: `email:ada@example.com`,
 * `customer_id:123`, quoted values (`email:"a b"`), `-field:value` negation, `AND` (implicit) and
 * `OR`; a bare word matches the resource's default fields. Matching is case-insensitive. Fields a
 * resource does not know are ignored, as Shopify ignores them.
 */
export interface SearchTerm {
  field: string | null;
  value: string;
  negated: boolean;
}

const TOKEN = /(-)?(?:(\w+):)?(?:"([^"]*)"|(\S+))/g;

export function parseSearch(query: string | null | undefined): SearchTerm[][] {
  if (!query || query.trim() === '') return [];
  const groups: SearchTerm[][] = [[]];
  for (const match of query.matchAll(TOKEN)) {
    const value = match[3] ?? match[4] ?? '';
    const field = match[2] ?? null;
    if (field === null && !match[1] && (value === 'AND' || value === 'and')) continue;
    if (field === null && !match[1] && (value === 'OR' || value === 'or')) {
      groups.push([]);
      continue;
    }
    groups.at(-1)?.push({ field, value, negated: match[1] === '-' });
  }
  return groups.filter((g) => g.length > 0);
}

/** A field matcher answers true/false, or undefined for a field the resource does not know. */
export type FieldMatcher<T> = (item: T, field: string | null, value: string) => boolean | undefined;

export function matchesSearch<T>(item: T, groups: SearchTerm[][], matcher: FieldMatcher<T>): boolean {
  if (groups.length === 0) return true;
  return groups.some((terms) =>
    terms.every((term) => {
      const result = matcher(item, term.field, term.value);
      if (result === undefined) return true;
      return term.negated ? !result : result;
    }),
  );
}

export function sameText(a: string | null | undefined, b: string): boolean {
  return (a ?? '').toLowerCase() === b.toLowerCase();
}

/** Shopify allows `*` as a prefix wildcard at the end of a value. */
export function textMatches(actual: string | null | undefined, wanted: string): boolean {
  if (wanted.endsWith('*')) return (actual ?? '').toLowerCase().startsWith(wanted.slice(0, -1).toLowerCase());
  return sameText(actual, wanted);
}
