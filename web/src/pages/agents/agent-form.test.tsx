import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/client.js';
import type { Inbox } from '../../api/types.js';
import { AgentForm, type NewAgent } from './agent-form.js';

const inboxes: Inbox[] = [
  {
    id: 'inbox_1',
    type: 'api',
    name: 'Website',
    webhook_url: null,
    web_chat: null,
    email: null,
    created_at: '2026-01-01T00:00:00Z',
  },
  {
    id: 'inbox_2',
    type: 'email',
    name: 'Email',
    webhook_url: null,
    web_chat: null,
    email: null,
    created_at: '2026-01-01T00:00:00Z',
  },
];

function setup() {
  const onCreate = vi.fn<(agent: NewAgent) => Promise<void>>(async () => undefined);
  render(<AgentForm inboxes={inboxes} onCreate={onCreate} onCancel={() => undefined} />);
  return { onCreate, user: userEvent.setup() };
}

const moneyGroup = () => screen.getByRole('group', { name: 'Money (off by default)' });

describe('the new agent form', () => {
  it('starts read-only and supervised, with the money scopes apart and off', async () => {
    const { onCreate, user } = setup();
    const money = within(moneyGroup()).getAllByRole('checkbox');
    expect(money.map((box) => box.closest('label')?.textContent)).toEqual([
      expect.stringContaining('refunds:write'),
      expect.stringContaining('orders:cancel'),
      expect.stringContaining('subscriptions:cancel'),
    ]);
    expect(money.every((box) => box instanceof HTMLInputElement && !box.checked)).toBe(true);
    const read = within(screen.getByRole('group', { name: 'Read' })).getAllByRole('checkbox');
    expect(read.every((box) => box instanceof HTMLInputElement && box.checked)).toBe(true);

    await user.type(screen.getByLabelText('Name'), 'Returns bot');
    await user.click(screen.getByRole('button', { name: 'Create agent' }));
    expect(onCreate).toHaveBeenCalledWith({
      name: 'Returns bot',
      scopes: ['conversations:read', 'contacts:read', 'orders:read'],
      mode: 'supervised',
      inbox_ids: null,
      limits: { on_exceed: 'deny' },
    });
  });

  it('requires a cap per action and a daily cap for a money scope, and sends them in minor units', async () => {
    const { onCreate, user } = setup();
    await user.type(screen.getByLabelText('Name'), 'Refund bot');
    await user.click(within(moneyGroup()).getByRole('checkbox', { name: /refunds:write/ }));
    await user.click(screen.getByRole('button', { name: 'Create agent' }));
    expect(onCreate).not.toHaveBeenCalled();
    expect(screen.getByText('Money scopes need a cap per action, in at least one currency')).toBeTruthy();
    expect(screen.getByText('Money scopes need a daily cap, in at least one currency')).toBeTruthy();

    const [perAction, daily] = screen.getAllByLabelText('Amount in USD');
    await user.type(perAction!, '50');
    await user.type(daily!, '200.50');
    await user.click(screen.getByRole('button', { name: 'Create agent' }));
    expect(onCreate).toHaveBeenCalledWith(
      expect.objectContaining({
        scopes: ['conversations:read', 'contacts:read', 'orders:read', 'refunds:write'],
        limits: { on_exceed: 'deny', max_amount: { USD: 5000 }, daily_amount: { USD: 20050 } },
      }),
    );
  });

  it('restricts the agent to the inboxes picked, and asks for one when none is', async () => {
    const { onCreate, user } = setup();
    await user.type(screen.getByLabelText('Name'), 'Web bot');
    await user.click(screen.getByRole('radio', { name: /Only these/ }));
    await user.click(screen.getByRole('button', { name: 'Create agent' }));
    expect(onCreate).not.toHaveBeenCalled();
    expect(screen.getByText('Pick at least one inbox, or allow all')).toBeTruthy();
    await user.click(screen.getByRole('checkbox', { name: 'Website' }));
    await user.click(screen.getByRole('radio', { name: /Autonomous/ }));
    await user.click(screen.getByRole('button', { name: 'Create agent' }));
    expect(onCreate).toHaveBeenCalledWith(
      expect.objectContaining({ inbox_ids: ['inbox_1'], mode: 'autonomous' }),
    );
  });

  it("shows the server's message for each field it refuses", async () => {
    const { onCreate, user } = setup();
    onCreate.mockRejectedValueOnce(
      new ApiError(400, 'bad_request', 'Invalid input: name', { name: 'Already taken' }),
    );
    await user.type(screen.getByLabelText('Name'), 'Twin');
    await user.click(screen.getByRole('button', { name: 'Create agent' }));
    expect(await screen.findByText('Already taken')).toBeTruthy();
    expect(screen.getByLabelText('Name').getAttribute('aria-invalid')).toBe('true');
  });
});
