import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Message } from '../../api/types.js';
import { Thread } from './thread.js';

const base: Message = {
  id: 'msg_1',
  conversation_id: 'conv_1',
  type: 'incoming',
  private: false,
  author: { kind: 'contact', id: 'ct_1', name: 'Casey' },
  content: 'See the attached invoice',
  delivery_status: null,
  delivery_error: null,
  attachments: [],
  created_at: '2026-12-01T10:00:00Z',
};

describe('Thread', () => {
  it("offers a customer's attachments as downloads", () => {
    render(
      <Thread
        messages={[
          {
            ...base,
            attachments: [
              { id: 'att_1', filename: 'invoice.pdf', content_type: 'application/pdf', size: 2048 },
            ],
          },
        ]}
      />,
    );
    const link = screen.getByRole('link', { name: 'invoice.pdf' });
    expect(link.getAttribute('href')).toBe('/api/v1/attachments/att_1');
    expect(link.hasAttribute('download')).toBe(true);
    expect(screen.getByText('(2 kB)')).toBeTruthy();
  });

  it('says why a reply could not be delivered', () => {
    render(
      <Thread
        messages={[
          {
            ...base,
            id: 'msg_2',
            type: 'outgoing',
            author: { kind: 'user', id: 'usr_1', name: 'Ana' },
            content: 'We are on it',
            delivery_status: 'failed',
            delivery_error: 'Bounced: Status 5.1.1: 550 User unknown',
          },
        ]}
      />,
    );
    expect(screen.getByText('Delivery failed: Bounced: Status 5.1.1: 550 User unknown')).toBeTruthy();
  });
});
