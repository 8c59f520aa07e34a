import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Inbox } from '../../api/types.js';
import { ToastProvider } from '../../components/toasts.js';
import { embedSnippet, parseOrigins, WebChatSettings } from './web-chat-settings.js';

const inbox: Inbox = {
  id: 'inbox_1',
  type: 'web_chat',
  name: 'Website',
  webhook_url: null,
  email: null,
  web_chat: {
    public_key: 'dwc_abc',
    allowed_origins: ['https://shop.example'],
    require_email: false,
    identity: 'optional',
    fallback_email_inbox_id: null,
  },
  created_at: '2026-01-01T00:00:00Z',
};

describe('the web chat settings', () => {
  it('shows the one tag a site adds, pointing at this server', () => {
    render(
      <ToastProvider>
        <WebChatSettings inbox={inbox} onSaved={() => undefined} />
      </ToastProvider>,
    );
    const snippet = screen.getByLabelText('Embed snippet for Website');
    expect(snippet instanceof HTMLInputElement && snippet.value).toBe(
      `<script src="${window.location.origin}/widget.js" data-inbox="dwc_abc" async></script>`,
    );
    expect(embedSnippet('dwc_abc')).toContain('data-inbox="dwc_abc"');
    const origins = screen.getByLabelText('Allowed origins for Website');
    expect(origins instanceof HTMLInputElement && origins.value).toBe('https://shop.example');
  });

  it('reads a list of origins separated by commas, spaces or lines', () => {
    expect(parseOrigins(' https://a.example, https://b.example\nhttps://c.example  ')).toEqual([
      'https://a.example',
      'https://b.example',
      'https://c.example',
    ]);
    expect(parseOrigins(' , ')).toEqual([]);
  });
});
