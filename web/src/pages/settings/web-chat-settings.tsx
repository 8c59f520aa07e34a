import { type FormEvent, useState } from 'react';
import { api, ApiError, messageOf, unwrap } from '../../api/client.js';
import type { Inbox } from '../../api/types.js';
import { CopyButton } from '../../components/copy-button.js';
import { useToast } from '../../components/toasts.js';
import { Button, SelectField, TextField } from '../../components/ui.js';

/** The one tag a site adds to show the chat; the widget finds this server from the script's URL. */
export function embedSnippet(publicKey: string): string {
  return `<script src="${window.location.origin}/widget.js" data-inbox="${publicKey}" async></script>`;
}

/** "https://a.example, https://b.example" → a list, as the API takes it. */
export function parseOrigins(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((origin) => origin.trim())
    .filter(Boolean);
}

/**
 * A web chat inbox's embed snippet, where the widget may run, and the email inbox (of `inboxes`)
 * that mails replies to visitors who left the page.
 */
export function WebChatSettings({
  inbox,
  inboxes,
  onSaved,
}: {
  inbox: Inbox;
  inboxes: readonly Inbox[];
  onSaved(): void;
}) {
  const settings = inbox.web_chat;
  const saved = settings?.allowed_origins.join(', ') ?? '';
  const savedFallback = settings?.fallback_email_inbox_id ?? '';
  const [origins, setOrigins] = useState(saved);
  const [requireEmail, setRequireEmail] = useState(settings?.require_email ?? false);
  const [fallback, setFallback] = useState(savedFallback);
  const emailInboxes = inboxes.filter((other) => other.type === 'email');
  const [error, setError] = useState<string | undefined>();
  const [fallbackError, setFallbackError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const toast = useToast();
  if (!settings) return null;
  const snippet = embedSnippet(settings.public_key);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    setFallbackError(undefined);
    try {
      await unwrap(
        api.PATCH('/api/v1/inboxes/{id}', {
          params: { path: { id: inbox.id } },
          body: {
            web_chat: {
              allowed_origins: parseOrigins(origins),
              require_email: requireEmail,
              fallback_email_inbox_id: fallback || null,
            },
          },
        }),
      );
      toast(`${inbox.name}: chat settings saved`);
      onSaved();
    } catch (err) {
      const onFallback = err instanceof ApiError ? err.fields['web_chat.fallback_email_inbox_id'] : undefined;
      if (onFallback) setFallbackError(onFallback);
      else setError(err instanceof ApiError ? err.message : messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <div className="token-box">
        <label htmlFor={`snippet-${inbox.id}`}>Embed snippet for {inbox.name}</label>
        <input
          id={`snippet-${inbox.id}`}
          readOnly
          value={snippet}
          onFocus={(e) => e.currentTarget.select()}
        />
        <CopyButton text={snippet} label={`the embed snippet of ${inbox.name}`} />
      </div>
      <form className="inline-form" onSubmit={(e) => void save(e)}>
        <TextField
          label={`Allowed origins for ${inbox.name}`}
          value={origins}
          placeholder="https://shop.example, https://www.shop.example"
          onChange={(e) => setOrigins(e.target.value)}
          error={error}
          hint={
            saved
              ? 'The widget works only on these sites ("*" alone: any site).'
              : 'No site is allowed yet: list where the widget may run ("*" alone: any site).'
          }
        />
        <label>
          <input type="checkbox" checked={requireEmail} onChange={(e) => setRequireEmail(e.target.checked)} />{' '}
          Ask for the visitor’s email before the chat
        </label>
        <SelectField
          label={`Mail replies to visitors who left ${inbox.name}`}
          value={fallback}
          onChange={(e) => setFallback(e.target.value)}
          error={fallbackError}
          hint={
            emailInboxes.length
              ? 'A reply to a visitor who gave an email and left the page is mailed after 2 minutes.'
              : 'Add an email inbox to mail replies to visitors who left the page.'
          }
        >
          <option value="">Don’t mail them</option>
          {emailInboxes.map((email) => (
            <option key={email.id} value={email.id}>
              From {email.name}
              {email.email ? ` (${email.email.address})` : ''}
            </option>
          ))}
        </SelectField>
        <Button
          type="submit"
          busy={busy}
          disabled={
            origins === saved &&
            requireEmail === (settings.require_email ?? false) &&
            fallback === savedFallback
          }
        >
          Save
        </Button>
      </form>
    </>
  );
}
