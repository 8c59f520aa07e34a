import { useId } from 'react';
import { currencyDigits } from '../../lib/format.js';
import { type AmountRow, type LimitsDraft, ORDER_STATUSES, type OrderStatus } from './limits-draft.js';

const COMMON_CURRENCIES = [
  'USD',
  'EUR',
  'GBP',
  'CAD',
  'AUD',
  'JPY',
  'CHF',
  'SEK',
  'NOK',
  'DKK',
  'PLN',
  'BRL',
  'INR',
];

function AmountList({
  legend,
  hint,
  field,
  rows,
  errors,
  onChange,
}: {
  legend: string;
  hint: string;
  field: 'max_amount' | 'daily_amount';
  rows: AmountRow[];
  errors: Record<string, string>;
  onChange(rows: AmountRow[]): void;
}) {
  const id = useId();
  const set = (i: number, change: Partial<AmountRow>) =>
    onChange(rows.map((row, j) => (j === i ? { ...row, ...change } : row)));
  return (
    <fieldset className="amount-list">
      <legend>{legend}</legend>
      <p className="field-hint">{hint}</p>
      {errors[field] && (
        <p className="field-error" role="alert">
          {errors[field]}
        </p>
      )}
      {rows.map((row, i) => {
        const currencyError = errors[`${field}.${i}.currency`];
        const amountError = errors[`${field}.${i}.amount`];
        const digits = currencyDigits(row.currency.trim().toUpperCase());
        return (
          <div className="amount-row" key={i}>
            <div className={`field field-currency${currencyError ? ' field-invalid' : ''}`}>
              <label htmlFor={`${id}-${i}-currency`}>Currency</label>
              <input
                id={`${id}-${i}-currency`}
                value={row.currency}
                maxLength={3}
                list={`${id}-currencies`}
                autoCapitalize="characters"
                aria-invalid={currencyError ? true : undefined}
                aria-describedby={currencyError ? `${id}-${i}-currency-error` : undefined}
                onChange={(e) => set(i, { currency: e.target.value.toUpperCase() })}
              />
              {currencyError && (
                <p className="field-error" id={`${id}-${i}-currency-error`}>
                  {currencyError}
                </p>
              )}
            </div>
            <div className={`field field-amount${amountError ? ' field-invalid' : ''}`}>
              <label
                htmlFor={`${id}-${i}-amount`}
              >{`Amount${row.currency ? ` in ${row.currency}` : ''}`}</label>
              <input
                id={`${id}-${i}-amount`}
                value={row.amount}
                inputMode={digits === 0 ? 'numeric' : 'decimal'}
                placeholder={digits === 0 ? '5000' : '50.00'}
                aria-invalid={amountError ? true : undefined}
                aria-describedby={amountError ? `${id}-${i}-amount-error` : undefined}
                onChange={(e) => set(i, { amount: e.target.value })}
              />
              {amountError && (
                <p className="field-error" id={`${id}-${i}-amount-error`}>
                  {amountError}
                </p>
              )}
            </div>
            <button
              type="button"
              className="button button-ghost button-small"
              aria-label={`Remove the ${row.currency || 'blank'} ${legend.toLowerCase()}`}
              onClick={() => onChange(rows.filter((_, j) => j !== i))}
            >
              Remove
            </button>
          </div>
        );
      })}
      <datalist id={`${id}-currencies`}>
        {COMMON_CURRENCIES.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
      <button
        type="button"
        className="button button-secondary button-small"
        onClick={() => onChange([...rows, { currency: '', amount: '' }])}
      >
        Add a currency
      </button>
    </fieldset>
  );
}

/**
 * The money limits of a token (SPEC §2.3), typed in major units per currency and sent in minor
 * units. Every limit must pass; `on_exceed` says what happens beyond one.
 */
export function LimitFields({
  draft,
  errors,
  onChange,
}: {
  draft: LimitsDraft;
  errors: Record<string, string>;
  onChange(draft: LimitsDraft): void;
}) {
  const id = useId();
  const set = (change: Partial<LimitsDraft>) => onChange({ ...draft, ...change });
  const toggleStatus = (status: OrderStatus, on: boolean) =>
    set({
      allowed_order_statuses: on
        ? [...draft.allowed_order_statuses, status]
        : draft.allowed_order_statuses.filter((s) => s !== status),
    });
  const number = (field: 'max_order_age_days' | 'cooldown_minutes', label: string, hint: string) => (
    <div className={`field${errors[field] ? ' field-invalid' : ''}`}>
      <label htmlFor={`${id}-${field}`}>{label}</label>
      <input
        id={`${id}-${field}`}
        inputMode="numeric"
        value={draft[field]}
        aria-invalid={errors[field] ? true : undefined}
        aria-describedby={`${id}-${field}-hint${errors[field] ? ` ${id}-${field}-error` : ''}`}
        onChange={(e) => set({ [field]: e.target.value })}
      />
      <p className="field-hint" id={`${id}-${field}-hint`}>
        {hint}
      </p>
      {errors[field] && (
        <p className="field-error" id={`${id}-${field}-error`}>
          {errors[field]}
        </p>
      )}
    </div>
  );

  return (
    <div className="limit-fields">
      <AmountList
        legend="Cap per action"
        hint="The most one refund or cancellation may move, per currency. An order in an unlisted currency is refused."
        field="max_amount"
        rows={draft.max_amount}
        errors={errors}
        onChange={(rows) => set({ max_amount: rows })}
      />
      <AmountList
        legend="Daily cap"
        hint="The most this agent may move in any 24 hours, per currency."
        field="daily_amount"
        rows={draft.daily_amount}
        errors={errors}
        onChange={(rows) => set({ daily_amount: rows })}
      />
      {number('max_order_age_days', 'Oldest order (days)', 'Leave empty for no age limit.')}
      {number(
        'cooldown_minutes',
        'Cooldown per customer (minutes)',
        'Time between two money actions for one customer.',
      )}
      <fieldset className="checkbox-group">
        <legend>Allowed order statuses</legend>
        <p className="field-hint">None checked: any status.</p>
        {ORDER_STATUSES.map((status) => (
          <label key={status} className="checkbox">
            <input
              type="checkbox"
              checked={draft.allowed_order_statuses.includes(status)}
              onChange={(e) => toggleStatus(status, e.target.checked)}
            />
            {status.replace('_', ' ')}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-on-exceed`}>Beyond a limit</label>
        <select
          id={`${id}-on-exceed`}
          value={draft.on_exceed}
          onChange={(e) => set({ on_exceed: e.target.value === 'approval' ? 'approval' : 'deny' })}
        >
          <option value="deny">Refuse the action</option>
          <option value="approval">Ask a teammate to approve it</option>
        </select>
      </div>
    </div>
  );
}
