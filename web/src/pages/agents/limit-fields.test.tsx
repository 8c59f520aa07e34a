import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import type { Limits } from '../../api/types.js';
import { LimitFields } from './limit-fields.js';
import { draftOf, EMPTY_LIMITS, limitsFromDraft } from './limits-draft.js';

/** The fields with their state, and what they come to, as a form would use them. */
function Harness({ money, initial }: { money: boolean; initial?: Limits }) {
  const [draft, setDraft] = useState(initial ? draftOf(initial) : EMPTY_LIMITS);
  const { limits, errors } = limitsFromDraft(draft, { money });
  return (
    <>
      <LimitFields draft={draft} errors={errors} onChange={setDraft} />
      <output data-testid="limits">{JSON.stringify(limits)}</output>
    </>
  );
}

const limits = (): unknown => JSON.parse(screen.getByTestId('limits').textContent ?? 'null');
const perAction = () => screen.getByRole('group', { name: 'Cap per action' });

describe('the money limit fields', () => {
  it('turns amounts typed per currency into minor units, with the right decimals for each', async () => {
    const user = userEvent.setup();
    render(<Harness money />);
    await user.type(within(perAction()).getByLabelText('Amount in USD'), '49.99');
    await user.click(within(perAction()).getByRole('button', { name: 'Add a currency' }));
    await user.type(within(perAction()).getAllByLabelText('Currency')[1]!, 'jpy');
    await user.type(within(perAction()).getByLabelText('Amount in JPY'), '5000');
    expect(limits()).toMatchObject({ max_amount: { USD: 4999, JPY: 5000 } });
  });

  it('names what is wrong: too many decimals, a repeated currency, a code that is not one', async () => {
    const user = userEvent.setup();
    render(<Harness money />);
    const group = perAction();
    await user.type(within(group).getByLabelText('Amount in USD'), '12.345');
    expect(within(group).getByText('At most 2 decimals in USD')).toBeTruthy();
    await user.click(within(group).getByRole('button', { name: 'Add a currency' }));
    await user.type(within(group).getAllByLabelText('Currency')[1]!, 'USD');
    await user.type(within(group).getAllByLabelText('Amount in USD')[1]!, '10');
    expect(within(group).getByText('USD is already listed')).toBeTruthy();
    await user.clear(within(group).getAllByLabelText('Currency')[1]!);
    await user.type(within(group).getAllByLabelText('Currency')[1]!, 'XX');
    expect(within(group).getByText(/Pick a currency first/)).toBeTruthy();
  });

  it('keeps the other limits: order age, cooldown, statuses, and what to do beyond a limit', async () => {
    const user = userEvent.setup();
    render(<Harness money={false} />);
    await user.type(screen.getByLabelText('Oldest order (days)'), '30');
    await user.type(screen.getByLabelText('Cooldown per customer (minutes)'), '60');
    await user.click(screen.getByRole('checkbox', { name: 'paid' }));
    await user.click(screen.getByRole('checkbox', { name: 'fulfilled' }));
    await user.selectOptions(screen.getByLabelText('Beyond a limit'), 'approval');
    expect(limits()).toEqual({
      on_exceed: 'approval',
      max_order_age_days: 30,
      cooldown_minutes: 60,
      allowed_order_statuses: ['paid', 'fulfilled'],
    });
    await user.clear(screen.getByLabelText('Cooldown per customer (minutes)'));
    await user.type(screen.getByLabelText('Cooldown per customer (minutes)'), '1.5');
    expect(screen.getByText('A whole number from 0 to 10080')).toBeTruthy();
  });

  it("shows an agent's limits as they are, in major units", () => {
    render(
      <Harness
        money
        initial={{ on_exceed: 'deny', max_amount: { EUR: 2550 }, daily_amount: { EUR: 10000 } }}
      />,
    );
    const input = within(perAction()).getByLabelText('Amount in EUR');
    expect(input instanceof HTMLInputElement && input.value).toBe('25.50');
    expect(limits()).toEqual({ on_exceed: 'deny', max_amount: { EUR: 2550 }, daily_amount: { EUR: 10000 } });
  });
});
