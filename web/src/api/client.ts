import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema.gen.js';

/** A refused or failed API call, with the server's code, message and each bad field's message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads the API's error body `{ error: { code, message, details: { fields } } }`, whatever arrives. */
export function toApiError(status: number, body: unknown): ApiError {
  const error = isRecord(body) && isRecord(body.error) ? body.error : {};
  const code = typeof error.code === 'string' ? error.code : status >= 500 ? 'internal' : 'error';
  const message =
    typeof error.message === 'string'
      ? error.message
      : status === 0
        ? 'The server could not be reached'
        : `The server answered ${status}`;
  const fields: Record<string, string> = {};
  const details = isRecord(error.details) ? error.details : {};
  if (Array.isArray(details.fields)) {
    for (const item of details.fields) {
      if (isRecord(item) && typeof item.field === 'string' && typeof item.message === 'string')
        fields[item.field] ??= item.message;
    }
  }
  return new ApiError(status, code, message, fields);
}

type Unauthorized = () => void;
const unauthorizedListeners = new Set<Unauthorized>();

/** Told when any call (but signing in) answers 401: the session has ended or expired. */
export function onUnauthorized(listener: Unauthorized): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

const sessionWatch: Middleware = {
  onResponse({ request, response }) {
    if (response.status === 401 && !new URL(request.url).pathname.endsWith('/auth/login'))
      for (const listener of unauthorizedListeners) listener();
    return undefined;
  },
};

/** The typed REST client: paths, parameters, bodies and responses come from the OpenAPI document. */
export const api = createClient<paths>({
  baseUrl: globalThis.location?.origin ?? 'http://localhost',
  credentials: 'same-origin',
});
api.use(sessionWatch);

/** The data of a successful call, or the call's ApiError. */
export async function unwrap<D>(
  call: Promise<{ data?: D; error?: unknown; response: Response }>,
): Promise<D> {
  let result: Awaited<typeof call>;
  try {
    result = await call;
  } catch {
    throw new ApiError(0, 'network', 'The server could not be reached. Check the connection and retry.');
  }
  if (result.response.ok && result.data !== undefined) return result.data;
  throw toApiError(result.response.status, result.error);
}

/** A message for people from anything thrown. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : 'Something went wrong';
}
