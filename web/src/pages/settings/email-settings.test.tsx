import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Inbox } from '../../api/types.js';
import { ToastProvider } from '../../components/toasts.js';
import { stubPatch } from '../../test-api.js';
import { EmailSettings } from './email-settings.js';

const inbox: Inbox = {
  id: 'inbox_1',
  type: 'email',
  name: 'Support',
  webhook_url: null,
  web_chat: null,
  email: {
    address: 'support@acme.test',
    smtp: { host: 'smtp.acme.test', port: 587, security: 'starttls', user: 'support', password_set: true },
  },
  created_at: '2026-01-01T00:00:00Z',
};

describe('the email settings', () => {
  afterEach(() => vi.restoreAllMocks());

  it('shows the stored settings without the password, and keeps it when left empty', async () => {
    const patch = stubPatch({ data: inbox });
    const user = userEvent.setup();
    const onSaved = vi.fn();
    render(
      <ToastProvider>
        <EmailSettings inbox={inbox} onSaved={onSaved} />
      </ToastProvider>,
    );
    expect((screen.getByLabelText('Address') as HTMLInputElement).value).toBe('support@acme.test');
    expect((screen.getByLabelText('SMTP password') as HTMLInputElement).value).toBe('');
    expect(screen.getByText('A password is stored; leave empty to keep it.')).toBeTruthy();
    await user.clear(screen.getByLabelText('SMTP port'));
    await user.type(screen.getByLabelText('SMTP port'), '465');
    await user.selectOptions(screen.getByLabelText('Security'), 'tls');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(patch).toHaveBeenCalledWith('/api/v1/inboxes/{id}', {
      params: { path: { id: 'inbox_1' } },
      body: {
        email: {
          address: 'support@acme.test',
          smtp: { host: 'smtp.acme.test', port: 465, security: 'tls', user: 'support' },
        },
      },
    });
    expect(onSaved).toHaveBeenCalled();
  });
});
