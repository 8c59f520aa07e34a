import type { MoneyDetails } from '../../api/types.js';
import { formatDateTime, formatMoney } from '../../lib/format.js';

/** What a money proposal is about: the order or subscription, the amount, and why a person is asked. */
export function MoneyDetailsView({ details, action }: { details: MoneyDetails; action: string }) {
  const { order, subscription, amount, currency, limit } = details;
  return (
    <div className="money-details">
      <p className="money-amount">
        <span className="money-amount-label">{action === 'order.refund' ? 'Refund' : 'At stake'}</span>{' '}
        <strong>{formatMoney(amount, currency)}</strong>
      </p>
      {order && (
        <dl className="facts">
          <dt>Order</dt>
          <dd>
            #{order.number} · {order.store.name} ({order.store.kind})
          </dd>
          <dt>Status</dt>
          <dd>{order.status.replace('_', ' ')}</dd>
          <dt>Total</dt>
          <dd>{formatMoney(order.total, order.currency)}</dd>
          <dt>Already refunded</dt>
          <dd>{formatMoney(order.refunded_amount, order.currency)}</dd>
          <dt>Still refundable</dt>
          <dd>{formatMoney(order.refundable_amount, order.currency)}</dd>
          <dt>Placed</dt>
          <dd>{formatDateTime(order.created_at)}</dd>
          {order.line_items.length > 0 && (
            <>
              <dt>Items</dt>
              <dd>
                <ul className="line-items">
                  {order.line_items.map((item, i) => (
                    <li key={i}>
                      {item.quantity} × {item.name} — {formatMoney(item.amount, order.currency)}
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          )}
        </dl>
      )}
      {subscription && (
        <dl className="facts">
          <dt>Subscription</dt>
          <dd>
            {subscription.plan} · {subscription.store.name} ({subscription.store.kind})
          </dd>
          <dt>Status</dt>
          <dd>{subscription.status.replace('_', ' ')}</dd>
          <dt>Price</dt>
          <dd>{formatMoney(subscription.amount, subscription.currency)} per period</dd>
          {subscription.current_period_end && (
            <>
              <dt>Period ends</dt>
              <dd>{formatDateTime(subscription.current_period_end)}</dd>
            </>
          )}
        </dl>
      )}
      <p className="money-why">
        {limit ? (
          <>
            <strong>Asked for a person by the limit {limit.code.replace(/_/g, ' ')}:</strong> {limit.message}
          </>
        ) : (
          <>
            <strong>Supervised agent:</strong> every money action it proposes waits for a person.
          </>
        )}
      </p>
    </div>
  );
}
