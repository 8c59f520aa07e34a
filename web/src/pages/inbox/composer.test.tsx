import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { Composer } from './composer.js';

describe('the composer', () => {
  it('replies to the customer, or adds a private note that says it is one', async () => {
    const user = userEvent.setup();
    const onSend = vi.fn<(content: string, isPrivate: boolean) => Promise<void>>(async () => undefined);
    render(<Composer conversationId="conv_1" onSend={onSend} />);
    await user.type(screen.getByLabelText('Reply to the customer'), 'On its way!');
    await user.click(screen.getByRole('button', { name: 'Send reply' }));
    expect(onSend).toHaveBeenLastCalledWith('On its way!', false);

    await user.click(screen.getByRole('radio', { name: 'Private note' }));
    expect(screen.getByText(/Only teammates see notes/)).toBeTruthy();
    await user.type(
      screen.getByLabelText('Private note (only teammates see it)'),
      'Checked with the warehouse',
    );
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(onSend).toHaveBeenLastCalledWith('Checked with the warehouse', true);
  });

  it('keeps the text and says why when sending fails', async () => {
    const user = userEvent.setup();
    const onSend = vi.fn(async () => {
      throw new Error('The server could not be reached');
    });
    render(<Composer conversationId="conv_2" onSend={onSend} />);
    await user.type(screen.getByLabelText('Reply to the customer'), 'Hello');
    await user.click(screen.getByRole('button', { name: 'Send reply' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The server could not be reached');
    const box = screen.getByLabelText('Reply to the customer');
    expect(box instanceof HTMLTextAreaElement && box.value).toBe('Hello');
  });
});
