import { api, unwrap } from '../../api/client.js';
import { formatMoney, formatRelative } from '../../lib/format.js';
import { useResource } from '../../lib/use-resource.js';

/** The customer's orders and subscriptions from the connected stores (read live from each store). */
export function ContactOrders({ contactId }: { contactId: string }) {
  const orders = useResource(contactId, () =>
    unwrap(api.GET('/api/v1/contacts/{id}/orders', { params: { path: { id: contactId } } })),
  );
  if (!orders.data) return orders.error ? <p className="muted">Orders: {orders.error}</p> : null;
  const { unavailable_stores: unavailable } = orders.data;
  const list = orders.data.orders;
  const subscriptions = orders.data.subscriptions;
  if (!list.length && !subscriptions.length && !unavailable.length) return null;
  return (
    <section className="contact-orders" aria-labelledby="orders-title">
      <h3 id="orders-title">Orders</h3>
      <ul className="order-list">
        {list.map((order) => (
          <li key={order.id}>
            <strong>#{order.number}</strong> {formatMoney(order.total, order.currency)} ·{' '}
            {order.status.replace('_', ' ')}
            <span className="muted">
              {' '}
              · {order.store.name} · {formatRelative(order.created_at)}
            </span>
          </li>
        ))}
        {subscriptions.map((sub) => (
          <li key={sub.id}>
            <strong>{sub.plan}</strong> {formatMoney(sub.amount, sub.currency)} ·{' '}
            {sub.status.replace('_', ' ')}
            {sub.cancel_at_period_end && <span className="muted"> · cancels at period end</span>}
          </li>
        ))}
      </ul>
      {unavailable.map((store) => (
        <p key={store.id} className="muted">
          {store.name}: {store.message}
        </p>
      ))}
    </section>
  );
}
