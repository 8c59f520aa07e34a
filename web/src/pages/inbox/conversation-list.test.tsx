import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Conversation } from '../../api/types.js';
import { ConversationList } from './conversation-list.js';
import { mergeHead } from './use-conversation-list.js';

function conversation(n: number, at = `2026-11-0${n}T10:00:00.000Z`): Conversation {
  return {
    id: `conv_${n}`,
    inbox_id: 'inbox_1',
    status: 'open',
    snoozed_until: null,
    priority: 'none',
    labels: [],
    assignee_id: null,
    contact: { id: `contact_${n}`, name: `Customer ${n}`, email: null },
    last_message: null,
    last_activity_at: at,
    created_at: at,
    updated_at: at,
  };
}

describe('the conversation list', () => {
  it('moves through conversations with the arrow keys and j/k, and Enter goes to the reply box', async () => {
    const user = userEvent.setup();
    const onOpen = vi.fn();
    const onEnter = vi.fn();
    const items = [conversation(3), conversation(2), conversation(1)];
    const { rerender } = render(
      <ConversationList
        {...{
          items,
          loading: false,
          loadingMore: false,
          error: null,
          hasMore: false,
          inboxes: [],
          users: [],
        }}
        selectedId={null}
        onOpen={onOpen}
        onEnter={onEnter}
        onLoadMore={() => undefined}
      />,
    );
    const list = screen.getByRole('listbox', { name: 'Conversations' });
    list.focus();
    await user.keyboard('{ArrowDown}');
    expect(onOpen).toHaveBeenLastCalledWith('conv_3', 'key');
    rerender(
      <ConversationList
        {...{
          items,
          loading: false,
          loadingMore: false,
          error: null,
          hasMore: false,
          inboxes: [],
          users: [],
        }}
        selectedId="conv_3"
        onOpen={onOpen}
        onEnter={onEnter}
        onLoadMore={() => undefined}
      />,
    );
    expect(list.getAttribute('aria-activedescendant')).toBe('conversation-conv_3');
    expect(screen.getByRole('option', { selected: true }).textContent).toMatch(/Customer 3/);
    await user.keyboard('j');
    expect(onOpen).toHaveBeenLastCalledWith('conv_2', 'key');
    await user.keyboard('{End}');
    expect(onOpen).toHaveBeenLastCalledWith('conv_1', 'key');
    await user.keyboard('k');
    expect(onOpen).toHaveBeenLastCalledWith('conv_3', 'key');
    await user.keyboard('{Enter}');
    expect(onEnter).toHaveBeenCalled();
  });

  it('keeps what was scrolled through when the first page comes again after a change', () => {
    const loaded = [5, 4, 3, 2, 1].map((n) => conversation(n));
    // Conversation 2 has news: it moves to the top of the new first page.
    const head = [conversation(2, '2026-11-09T10:00:00.000Z'), conversation(5), conversation(4)];
    const merged = mergeHead({ items: loaded, cursor: 'after-1' }, head, 'after-4');
    expect(merged.items.map((c) => c.id)).toEqual(['conv_2', 'conv_5', 'conv_4', 'conv_3', 'conv_1']);
    expect(merged.cursor).toBe('after-1');
    expect(mergeHead({ items: loaded, cursor: null }, head.slice(0, 2), null)).toEqual({
      items: head.slice(0, 2),
      cursor: null,
    });
  });
});
