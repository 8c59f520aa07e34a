/** Every error a client can see. The code is stable; the message is for people. */
export const ERROR_CODES = {
  /** The input is malformed or fails validation; `details` names the fields. */
  bad_request: 400,
  /** No valid session, user token or bot token was presented. */
  unauthenticated: 401,
  /** The caller is known but its role or token does not allow this. */
  forbidden: 403,
  /** The object does not exist, or the caller may not know that it does. */
  not_found: 404,
  /** The request conflicts with the current state (e.g. an email already in use). */
  conflict: 409,
  /** The body is larger than the server accepts. */
  payload_too_large: 413,
  /** Well-formed input that the current state does not allow. */
  unprocessable: 422,
  /** Too many requests; retry after the `Retry-After` seconds. */
  rate_limited: 429,
  /** Something failed inside Deskwoot; the details are in the server log, never in the response. */
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface FieldIssue {
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: { fields?: FieldIssue[]; retry_after_seconds?: number; [more: string]: unknown },
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return ERROR_CODES[this.code];
  }
}

export const notFound = (what: string): AppError => new AppError('not_found', `${what} not found`);
export const forbidden = (message = 'You are not allowed to do this'): AppError =>
  new AppError('forbidden', message);

/**
 * A refusal by the leash, carrying the reason code an agent reads in its tool result and the
 * audit log records (SPEC §3: `scope_missing`, `paused`, `cap_exceeded`, …).
 */
export class PolicyRefusal extends AppError {
  constructor(
    readonly reason: string,
    message: string,
    code: ErrorCode = 'forbidden',
    /** `failed`: not a refusal of the leash but something that went wrong (a store was down). */
    readonly outcome: 'denied' | 'failed' = 'denied',
    /** What the agent can act on: which limit, by how much. */
    details?: Record<string, unknown>,
  ) {
    super(code, message, details);
  }
}

/**
 * A refusal that the action already wrote to the audit log itself (a store refused a refund after
 * it was reserved): passed on to the caller as it is, not recorded a second time.
 */
export class RecordedRefusal extends PolicyRefusal {}

/**
 * Thrown by a handler whose leash asks a person (a supervised agent's money action, or one beyond a
 * limit with `on_exceed: approval`): the call becomes an approval with this reason and details.
 */
export class NeedsApproval extends Error {
  constructor(
    readonly reason: string,
    readonly details: unknown,
  ) {
    super(`Needs a teammate's approval: ${reason}`);
    this.name = 'NeedsApproval';
  }
}
