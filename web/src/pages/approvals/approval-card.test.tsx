import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Approval, MoneyDetails } from '../../api/types.js';
import { ApprovalCard, type ApprovalContext } from './approval-card.js';

function draft(overrides: Partial<Approval> = {}): Approval {
  return {
    id: 'approval_1',
    agent: { id: 'agt_1', name: 'Support bot' },
    action: 'conversation.reply',
    input: { conversation_id: 'conv_1', content: 'Your parcel left the warehouse today.' },
    inbox_id: 'inbox_1',
    conversation_id: 'conv_1',
    reason: 'supervised',
    status: 'pending',
    decided_by: null,
    decided_at: null,
    decision_note: null,
    edited_input: null,
    result: null,
    details: null,
    created_at: new Date().toISOString(),
    ...overrides,
  };
}

const context: ApprovalContext = {
  title: 'Conversation with Casey',
  messages: [
    {
      id: 'msg_1',
      conversation_id: 'conv_1',
      type: 'incoming',
      private: false,
      author: { kind: 'contact', id: 'contact_1', name: 'Casey' },
      content: 'Where is my order?',
      delivery_status: null,
      delivery_error: null,
      attachments: [],
      created_at: new Date().toISOString(),
    },
  ],
};

function setup(approval: Approval) {
  const onApprove = vi.fn<(content?: string) => Promise<void>>(async () => undefined);
  const onReject = vi.fn<(reason: string) => Promise<void>>(async () => undefined);
  render(<ApprovalCard approval={approval} context={context} onApprove={onApprove} onReject={onReject} />);
  return { onApprove, onReject, user: userEvent.setup() };
}

describe('the approval card', () => {
  it('shows a draft with the conversation it answers, and approves it as it is', async () => {
    const { onApprove, user } = setup(draft());
    expect(screen.getByText('Where is my order?')).toBeTruthy();
    expect(screen.getByText('Your parcel left the warehouse today.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Approve' }));
    expect(onApprove).toHaveBeenCalledWith();
  });

  it('sends only the edited text after Edit & approve', async () => {
    const { onApprove, user } = setup(draft());
    await user.click(screen.getByRole('button', { name: 'Edit & approve' }));
    const box = screen.getByLabelText('Edit the reply before it is sent');
    await user.clear(box);
    await user.type(box, 'It ships tomorrow, with tracking.');
    await user.click(screen.getByRole('button', { name: 'Approve edited reply' }));
    expect(onApprove).toHaveBeenCalledWith('It ships tomorrow, with tracking.');
  });

  it('approves the draft unchanged when the edit changed nothing', async () => {
    const { onApprove, user } = setup(draft());
    await user.click(screen.getByRole('button', { name: 'Edit & approve' }));
    await user.click(screen.getByRole('button', { name: 'Approve edited reply' }));
    expect(onApprove).toHaveBeenCalledWith(undefined);
  });

  it('refuses to approve an emptied reply', async () => {
    const { onApprove, user } = setup(draft());
    await user.click(screen.getByRole('button', { name: 'Edit & approve' }));
    await user.clear(screen.getByLabelText('Edit the reply before it is sent'));
    await user.click(screen.getByRole('button', { name: 'Approve edited reply' }));
    expect(onApprove).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toMatch(/cannot be empty/);
  });

  it('rejects only with a reason', async () => {
    const { onReject, user } = setup(draft());
    await user.click(screen.getByRole('button', { name: 'Reject' }));
    await user.click(screen.getByRole('button', { name: 'Reject' }));
    expect(onReject).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toMatch(/Say why/);
    await user.type(screen.getByLabelText('Reason for rejecting'), 'Wrong tone');
    await user.click(screen.getByRole('button', { name: 'Reject' }));
    expect(onReject).toHaveBeenCalledWith('Wrong tone');
  });

  it('keeps the card and says why when the decision fails', async () => {
    const { onApprove, user } = setup(draft());
    onApprove.mockRejectedValueOnce(new Error('The agent was revoked'));
    await user.click(screen.getByRole('button', { name: 'Approve' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The agent was revoked');
    expect(screen.getByRole('button', { name: 'Approve' })).toBeTruthy();
  });

  it('shows a money proposal: the order, the amount and the limit that asked for a person', async () => {
    const details: MoneyDetails = {
      kind: 'money',
      order: {
        id: 'stripe:store_1:pi_1',
        store: { id: 'store_1', kind: 'stripe', name: 'Acme Stripe' },
        number: '1042',
        status: 'paid',
        currency: 'USD',
        total: 15000,
        refunded_amount: 0,
        refundable_amount: 15000,
        created_at: new Date().toISOString(),
        line_items: [{ name: 'Standing desk', quantity: 1, amount: 15000 }],
        contact_id: 'contact_1',
      },
      subscription: null,
      amount: 12000,
      currency: 'USD',
      limit: { code: 'cap_exceeded', message: 'Above the cap of $100.00 per refund' },
    };
    const { onApprove, user } = setup(
      draft({ action: 'order.refund', input: { order_id: 'stripe:store_1:pi_1', amount: 12000 }, details }),
    );
    expect(screen.getByText('$120.00')).toBeTruthy();
    expect(screen.getByText(/#1042/)).toBeTruthy();
    expect(screen.getByText(/Above the cap of \$100\.00 per refund/)).toBeTruthy();
    expect(screen.getByText(/cap exceeded/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Edit & approve' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Approve' }));
    expect(onApprove).toHaveBeenCalledWith();
  });

  it('says a supervised money proposal waits for a person whatever its amount', () => {
    const details: MoneyDetails = {
      kind: 'money',
      order: null,
      subscription: null,
      amount: 500,
      currency: 'EUR',
      limit: null,
    };
    setup(draft({ action: 'order.cancel', input: {}, details }));
    expect(screen.getByText(/Supervised agent/)).toBeTruthy();
  });
});
