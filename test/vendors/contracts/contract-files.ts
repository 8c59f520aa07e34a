/** Where the vendors' published contracts live (test/contracts). */
export const contractFile = (path: string): URL => new URL(`../../contracts/${path}`, import.meta.url);

export type Schema = Record<string, unknown>;

export function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
