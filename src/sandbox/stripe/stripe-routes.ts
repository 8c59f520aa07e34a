import type { Hono } from 'hono';
import { cancelPaymentIntent } from './cancel-payment-intent.js';
import { cancelSubscriptionNow, updateSubscription } from './cancel-subscription.js';
import { listCustomers, listPaymentIntents, listRefunds, listSubscriptions } from './list-objects.js';
import type { FormObject } from './parse-form.js';
import { createRefund } from './refund-payment.js';
import { renderCustomer, renderPaymentIntent, renderRefund } from './render-objects.js';
import { renderSubscription } from './render-subscription.js';
import type { StripeContext } from './stripe-context.js';
import { stripeErrors } from './stripe-errors.js';
import { checkParams, readExpand } from './stripe-params.js';

export interface StripeEnv {
  Variables: {
    /** Query and body parameters together (the body wins). */
    params: FormObject;
    query: FormObject;
    body: FormObject | null;
    requestId: string;
    fault: string | null;
  };
}

export function stripeJson(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

const RETRIEVE = { supported: ['expand'] };

/** The endpoints the sandbox serves; each is a thin adapter onto one operation. */
export function registerStripeRoutes(app: Hono<StripeEnv>, ctx: StripeContext): void {
  const { state } = ctx;

  app.get('/v1/customers', (c) => stripeJson(listCustomers(state, c.var.params)));
  app.get('/v1/customers/:id', (c) => {
    checkParams(c.var.params, RETRIEVE);
    const customer = state.customers[c.req.param('id')];
    if (!customer) throw stripeErrors.resourceMissing('customer', c.req.param('id'));
    return stripeJson(renderCustomer(customer, readExpand(c.var.params)));
  });

  app.get('/v1/payment_intents', (c) => stripeJson(listPaymentIntents(state, c.var.params)));
  app.get('/v1/payment_intents/:id', (c) => {
    checkParams(c.var.params, { supported: ['expand'], ignored: ['client_secret'] });
    const intent = state.paymentIntents[c.req.param('id')];
    if (!intent) throw stripeErrors.resourceMissing('payment_intent', c.req.param('id'), 'intent');
    return stripeJson(renderPaymentIntent(state, intent, readExpand(c.var.params)));
  });
  app.post('/v1/payment_intents/:id/cancel', (c) => {
    const intent = cancelPaymentIntent(ctx, c.req.param('id'), c.var.params);
    return stripeJson(renderPaymentIntent(state, intent, readExpand(c.var.params)));
  });

  app.post('/v1/refunds', (c) => {
    const refund = createRefund(ctx, c.var.params);
    return stripeJson(renderRefund(state, refund, readExpand(c.var.params)));
  });
  app.get('/v1/refunds', (c) => stripeJson(listRefunds(state, c.var.params)));
  app.get('/v1/refunds/:id', (c) => {
    checkParams(c.var.params, RETRIEVE);
    const refund = state.refunds[c.req.param('id')];
    if (!refund) throw stripeErrors.resourceMissing('refund', c.req.param('id'));
    return stripeJson(renderRefund(state, refund, readExpand(c.var.params)));
  });

  app.get('/v1/subscriptions', (c) => stripeJson(listSubscriptions(state, c.var.params)));
  app.get('/v1/subscriptions/:id', (c) => {
    checkParams(c.var.params, RETRIEVE);
    const sub = state.subscriptions[c.req.param('id')];
    if (!sub) throw stripeErrors.resourceMissing('subscription', c.req.param('id'));
    return stripeJson(renderSubscription(state, sub, readExpand(c.var.params)));
  });
  app.delete('/v1/subscriptions/:id', (c) => {
    const sub = cancelSubscriptionNow(ctx, c.req.param('id'), c.var.params);
    return stripeJson(renderSubscription(state, sub, readExpand(c.var.params)));
  });
  app.post('/v1/subscriptions/:id', (c) => {
    const sub = updateSubscription(ctx, c.req.param('id'), c.var.params);
    return stripeJson(renderSubscription(state, sub, readExpand(c.var.params)));
  });
}
