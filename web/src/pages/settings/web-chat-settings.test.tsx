import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Inbox } from '../../api/types.js';
import { ToastProvider } from '../../components/toasts.js';
import { stubPatch } from '../../test-api.js';
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

const support: Inbox = {
  id: 'inbox_2',
  type: 'email',
  name: 'Support',
  webhook_url: null,
  web_chat: null,
  email: {
    address: 'support@acme.test',
    smtp: { host: 'smtp.acme.test', port: 587, security: 'starttls', user: null, password_set: false },
  },
  created_at: '2026-01-01T00:00:00Z',
};
const backend: Inbox = { ...support, id: 'inbox_3', type: 'api', name: 'Backend', email: null };

/** The PATCH that saves Website's settings as they stand, with this fallback. */
const savedWithFallback = (fallback: string | null) => ({
  params: { path: { id: 'inbox_1' } },
  body: {
    web_chat: {
      allowed_origins: ['https://shop.example'],
      require_email: false,
      fallback_email_inbox_id: fallback,
    },
  },
});

describe('the web chat settings', () => {
  afterEach(() => vi.restoreAllMocks());
  it('shows the one tag a site adds, pointing at this server', () => {
    render(
      <ToastProvider>
        <WebChatSettings inbox={inbox} inboxes={[inbox]} onSaved={() => undefined} />
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

  it('mails replies to visitors who left through a chosen email inbox, and stops on “Don’t mail them”', async () => {
    const patch = stubPatch({ data: inbox });
    const user = userEvent.setup();
    const onSaved = vi.fn();
    const { rerender } = render(
      <ToastProvider>
        <WebChatSettings inbox={inbox} inboxes={[inbox, support, backend]} onSaved={onSaved} />
      </ToastProvider>,
    );
    const select = screen.getByLabelText('Mail replies to visitors who left Website') as HTMLSelectElement;
    // Only email inboxes can mail; nothing is chosen yet, so there is nothing to save.
    expect([...select.options].map((o) => o.text)).toEqual([
      'Don’t mail them',
      'From Support (support@acme.test)',
    ]);
    expect(select.value).toBe('');
    const save = screen.getByRole('button', { name: 'Save' });
    expect((save as HTMLButtonElement).disabled).toBe(true);
    await user.selectOptions(select, 'inbox_2');
    await user.click(save);
    expect(patch).toHaveBeenLastCalledWith('/api/v1/inboxes/{id}', savedWithFallback('inbox_2'));
    expect(onSaved).toHaveBeenCalledTimes(1);

    const withFallback = { ...inbox, web_chat: { ...inbox.web_chat!, fallback_email_inbox_id: 'inbox_2' } };
    rerender(
      <ToastProvider>
        <WebChatSettings
          key="saved"
          inbox={withFallback}
          inboxes={[withFallback, support]}
          onSaved={onSaved}
        />
      </ToastProvider>,
    );
    const again = screen.getByLabelText('Mail replies to visitors who left Website') as HTMLSelectElement;
    expect(again.value).toBe('inbox_2');
    await user.selectOptions(again, '');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(patch).toHaveBeenLastCalledWith('/api/v1/inboxes/{id}', savedWithFallback(null));
  });

  it('shows the server’s refusal of a fallback under the fallback, not under the origins', async () => {
    stubPatch({
      status: 400,
      error: {
        error: {
          code: 'bad_request',
          message: 'fallback_email_inbox_id must name an email inbox of this account',
          details: {
            fields: [
              { field: 'web_chat.fallback_email_inbox_id', message: 'Not an email inbox of this account' },
            ],
          },
        },
      },
    });
    const user = userEvent.setup();
    const onSaved = vi.fn();
    render(
      <ToastProvider>
        <WebChatSettings inbox={inbox} inboxes={[inbox, support]} onSaved={onSaved} />
      </ToastProvider>,
    );
    await user.selectOptions(screen.getByLabelText('Mail replies to visitors who left Website'), 'inbox_2');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Not an email inbox of this account')).toBeTruthy();
    expect(screen.queryByText(/must name an email inbox/)).toBeNull();
    expect(onSaved).not.toHaveBeenCalled();
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
