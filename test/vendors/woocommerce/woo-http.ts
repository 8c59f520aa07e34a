import type { Context } from 'hono';
import type { WooEnv } from './create-woocommerce-server.js';
import { WooError } from './create-woo-refund.js';
import type { WooOrder } from './woo-state.js';

/** WordPress REST conventions the WooCommerce routes share: error bodies, paging, permissions. */
export function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...value } : {};
}

export function orderMatches(o: WooOrder, search: string): boolean {
  if (String(o.id) === search) return true;
  return [o.billingEmail, o.billingFirstName, o.billingLastName, ...o.lineItems.map((li) => li.name)].some(
    (v) => v.toLowerCase().includes(search),
  );
}

export function wooError(err: WooError): Response {
  const data: Record<string, unknown> = { status: err.status };
  if (err.params) data['params'] = err.params;
  return new Response(JSON.stringify({ code: err.code, message: err.message, data }), {
    status: err.status,
    headers: { 'content-type': 'application/json; charset=UTF-8' },
  });
}

export function invalidParam(name: string, message: string): WooError {
  return new WooError(400, 'rest_invalid_param', `Invalid parameter(s): ${name}`, { [name]: message });
}

/** What WordPress answers a request that carried no credentials at all. */
export function permissionError(method: string, single: boolean): WooError {
  if (method === 'GET') {
    return new WooError(
      401,
      'woocommerce_rest_cannot_view',
      single ? 'Sorry, you cannot view this resource.' : 'Sorry, you cannot list resources.',
    );
  }
  if (method === 'POST' && !single) {
    return new WooError(
      401,
      'woocommerce_rest_cannot_create',
      'Sorry, you are not allowed to create resources.',
    );
  }
  return new WooError(
    401,
    'woocommerce_rest_cannot_edit',
    'Sorry, you are not allowed to edit this resource.',
  );
}

/** `per_page` (1–100, default 10) and `page`, with WordPress's `X-WP-Total` / `X-WP-TotalPages`. */
export function paged<T>(c: Context<WooEnv>, list: T[], render: (item: T) => unknown): Response {
  const perPageRaw = c.req.query('per_page');
  const perPage = perPageRaw === undefined ? 10 : Number(perPageRaw);
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100) {
    throw invalidParam('per_page', 'per_page must be between 1 (inclusive) and 100 (inclusive)');
  }
  const pageRaw = c.req.query('page');
  const page = pageRaw === undefined ? 1 : Number(pageRaw);
  if (!Number.isInteger(page) || page < 1)
    throw invalidParam('page', 'page must be greater than or equal to 1');
  const items = list.slice((page - 1) * perPage, page * perPage).map(render);
  c.header('X-WP-Total', String(list.length));
  c.header('X-WP-TotalPages', String(Math.ceil(list.length / perPage)));
  return c.json(items);
}
