import { vi } from 'vitest';
import { api } from './api/client.js';

type Patched = Awaited<ReturnType<typeof api.PATCH>>;

/**
 * For component tests: `api.PATCH` answers `data` with a 200, or `error` (the API's error body)
 * with `status`. Undone by `vi.restoreAllMocks()`.
 */
export function stubPatch(answer: { data: unknown } | { error: unknown; status: number }) {
  const { status = 200, ...body } = answer as { status?: number };
  return vi
    .spyOn(api, 'PATCH')
    .mockResolvedValue({ ...body, response: new Response(null, { status }) } as unknown as Patched);
}
