import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from 'pino';
import { AppError, ERROR_CODES, type ErrorCode } from '../core/errors.js';

export function errorBody(error: AppError) {
  return {
    error: { code: error.code, message: error.message, ...(error.details && { details: error.details }) },
  };
}

function fromHttpException(error: HTTPException): AppError {
  const code = (Object.entries(ERROR_CODES).find(([, status]) => status === error.status)?.[0] ??
    'bad_request') as ErrorCode;
  return new AppError(code, error.message || 'Bad request');
}

/** The one place errors become responses: known errors keep their code, anything else is a bare 500. */
export function handleError(logger: Logger) {
  return (error: Error, c: Context) => {
    const known =
      error instanceof AppError ? error : error instanceof HTTPException ? fromHttpException(error) : null;
    if (!known) {
      logger.error({ err: error, method: c.req.method, path: c.req.path }, 'unhandled error');
      return c.json({ error: { code: 'internal', message: 'Internal error' } }, 500);
    }
    if (known.details?.retry_after_seconds)
      c.header('Retry-After', String(known.details.retry_after_seconds));
    return c.json(errorBody(known), known.status as ContentfulStatusCode);
  };
}
