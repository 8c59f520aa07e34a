/**
 * Stripe's error responses: `{ "error": { type, message, code?, param?, doc_url? } }` with the
 * status Stripe uses. Messages follow Stripe's wording so connectors that match on them (and
 * people reading logs) see what production would show.
 */
export type StripeErrorType = 'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error';

export interface StripeErrorBody {
  type: StripeErrorType;
  message: string;
  code?: string;
  param?: string;
  doc_url?: string;
  request_log_url?: string;
  payment_intent?: unknown;
  charge?: string;
}

export class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: StripeErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(body.message);
  }
}

function invalid(status: number, message: string, extra: Partial<StripeErrorBody> = {}): StripeApiError {
  const body: StripeErrorBody = { type: 'invalid_request_error', message, ...extra };
  if (body.code !== undefined)
    body.doc_url = `https://stripe.com/docs/error-codes/${body.code.replace(/_/g, '-')}`;
  return new StripeApiError(status, body);
}

export const stripeErrors = {
  noApiKey: () =>
    new StripeApiError(
      401,
      {
        type: 'invalid_request_error',
        message:
          "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
      },
      { 'www-authenticate': 'Bearer realm="Stripe"' },
    ),
  invalidApiKey: (key: string) =>
    new StripeApiError(
      401,
      { type: 'invalid_request_error', message: `Invalid API Key provided: ${maskKey(key)}` },
      { 'www-authenticate': 'Bearer realm="Stripe"' },
    ),
  unrecognizedUrl: (method: string, path: string) =>
    invalid(
      404,
      `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
    ),
  resourceMissing: (kind: string, id: string, param = 'id') =>
    invalid(404, `No such ${kind}: '${id}'`, { code: 'resource_missing', param }),
  unknownParameter: (param: string) =>
    invalid(400, `Received unknown parameter: ${param}`, { code: 'parameter_unknown', param }),
  unsupportedParameter: (param: string) =>
    invalid(400, `The Stripe sandbox does not support the parameter ${param} on this endpoint.`, {
      code: 'parameter_unknown',
      param,
    }),
  invalidInteger: (param: string, value: string) =>
    invalid(400, `Invalid integer: ${value}`, { code: 'parameter_invalid_integer', param }),
  invalidPositiveInteger: (param: string) =>
    invalid(400, 'This value must be greater than or equal to 1.', {
      code: 'parameter_invalid_integer',
      param,
    }),
  invalidBoolean: (param: string, value: string) =>
    invalid(400, `Invalid boolean: ${value}`, { code: 'parameter_invalid_boolean', param }),
  invalidString: (param: string) =>
    invalid(400, `Invalid string: ${param} must be a string`, { code: 'parameter_invalid_string', param }),
  invalidArray: (param: string) => invalid(400, `Invalid array`, { param }),
  invalidObject: (param: string) => invalid(400, `Invalid object`, { param }),
  invalidEnum: (param: string, value: string, allowed: readonly string[]) =>
    invalid(400, `Invalid ${param}: must be one of ${allowed.join(', ')} (got ${value})`, { param }),
  limitOutOfRange: () =>
    invalid(400, 'This value must be less than or equal to 100.', {
      code: 'parameter_invalid_integer',
      param: 'limit',
    }),
  cannotExpand: (path: string) =>
    invalid(400, `This property cannot be expanded (${path}).`, { param: 'expand' }),
  refundTargetMissing: () =>
    invalid(
      400,
      'One of the following params should be provided for this request: payment_intent or charge.',
      {
        code: 'parameter_missing',
      },
    ),
  chargeNotOfIntent: (charge: string, intent: string) =>
    invalid(400, `The charge ${charge} does not belong to the PaymentIntent ${intent}.`, { param: 'charge' }),
  noSuccessfulCharge: (intent: string, param: 'charge' | 'payment_intent') =>
    invalid(400, `This PaymentIntent (${intent}) does not have a successful charge to refund.`, { param }),
  chargeAlreadyRefunded: (charge: string) =>
    invalid(400, `Charge ${charge} has already been refunded.`, { code: 'charge_already_refunded', charge }),
  refundTooLarge: (message: string) => invalid(400, message, { code: 'amount_too_large', param: 'amount' }),
  intentUnexpectedState: (status: string, intent: unknown) =>
    invalid(
      400,
      `You cannot cancel this PaymentIntent because it has a status of ${status}. Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method, requires_capture, requires_confirmation, requires_action, processing.`,
      { code: 'payment_intent_unexpected_state', payment_intent: intent },
    ),
  subscriptionCanceled: () =>
    invalid(400, 'A canceled subscription can only update its cancellation_details and metadata.'),
  idempotencyMismatch: (key: string) =>
    new StripeApiError(400, {
      type: 'idempotency_error',
      message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
    }),
  idempotencyInProgress: (key: string) =>
    new StripeApiError(409, {
      type: 'idempotency_error',
      message: `There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through): ${key}. Please try again later.`,
    }),
  internal: () =>
    new StripeApiError(500, {
      type: 'api_error',
      message: 'An unknown error occurred',
    }),
};

/** Stripe shows the prefix and the last four characters of a wrong key, nothing else. */
function maskKey(key: string): string {
  const prefix = /^(sk|rk|pk)_(test|live)_/.exec(key)?.[0] ?? '';
  const tail = key.length > prefix.length + 4 ? key.slice(-4) : '';
  return `${prefix}${'*'.repeat(Math.max(4, key.length - prefix.length - tail.length))}${tail}`;
}

/** A fallback body for a scripted fault with this status. */
export function stripeFaultBody(status: number): { error: StripeErrorBody } {
  if (status === 429) {
    return {
      error: {
        type: 'invalid_request_error',
        code: 'rate_limit',
        message:
          'Too many requests hit the API too quickly. We recommend an exponential backoff of your requests.',
        doc_url: 'https://stripe.com/docs/error-codes/rate-limit',
      },
    };
  }
  if (status === 409) {
    return {
      error: {
        type: 'invalid_request_error',
        code: 'lock_timeout',
        message:
          'This object cannot be accessed right now because another API request or Stripe process is currently accessing it. If you see this error intermittently, retry the request.',
      },
    };
  }
  return { error: { type: 'api_error', message: 'An unknown error occurred' } };
}
