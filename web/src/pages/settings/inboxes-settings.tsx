import { type FormEvent, useState } from 'react';
import { api, ApiError, messageOf, unwrap } from '../../api/client.js';
import type { Inbox } from '../../api/types.js';
import { CopyButton } from '../../components/copy-button.js';
import { ConfirmDialog, Dialog } from '../../components/dialog.js';
import { useToast } from '../../components/toasts.js';
import { Button, Loading, Notice, SelectField, TextField } from '../../components/ui.js';
import { useResource } from '../../lib/use-resource.js';
import { parseOrigins, WebChatSettings } from './web-chat-settings.js';
import { EmailSettings } from './email-settings.js';

function SecretOnce({ inbox, secret, onClose }: { inbox: string; secret: string; onClose(): void }) {
  return (
    <Dialog title={`${inbox}: inbox secret`} onClose={onClose}>
      <Notice tone="warning">Copy it now: it is shown only this once.</Notice>
      <p>
        Your system sends it as <code>Authorization: Bearer …</code> to post customer messages, and checks
        webhook signatures with it.
      </p>
      <div className="token-box">
        <label htmlFor="inbox-secret">Secret</label>
        <input id="inbox-secret" readOnly value={secret} onFocus={(e) => e.currentTarget.select()} />
        <CopyButton text={secret} label="the inbox secret" />
      </div>
      <div className="dialog-actions">
        <Button tone="primary" onClick={onClose}>
          Done
        </Button>
      </div>
    </Dialog>
  );
}

function WebhookField({ inbox, onSaved }: { inbox: Inbox; onSaved(): void }) {
  const [url, setUrl] = useState(inbox.webhook_url ?? '');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const toast = useToast();
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await unwrap(
        api.PATCH('/api/v1/inboxes/{id}', {
          params: { path: { id: inbox.id } },
          body: { webhook_url: url.trim() || null },
        }),
      );
      toast(`${inbox.name}: webhook URL saved`);
      onSaved();
    } catch (err) {
      setError(err instanceof ApiError ? (err.fields.webhook_url ?? err.message) : messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="inline-form" onSubmit={(e) => void save(e)}>
      <TextField
        label={`Webhook URL for ${inbox.name}`}
        type="url"
        value={url}
        placeholder="https://example.com/deskwoot-webhook"
        onChange={(e) => setUrl(e.target.value)}
        error={error}
        hint="Outgoing messages are POSTed here, signed with the inbox secret."
      />
      <Button type="submit" busy={busy} disabled={url.trim() === (inbox.webhook_url ?? '')}>
        Save
      </Button>
    </form>
  );
}

export function InboxesSettings() {
  const inboxes = useResource('inboxes', () => unwrap(api.GET('/api/v1/inboxes')));
  const [secret, setSecret] = useState<{ inbox: string; secret: string } | null>(null);
  const [rotating, setRotating] = useState<Inbox | null>(null);
  const [form, setForm] = useState<{
    name: string;
    type: Inbox['type'];
    webhook_url: string;
    origins: string;
  }>({ name: '', type: 'api', webhook_url: '', origins: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const toast = useToast();

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      const made = await unwrap(
        api.POST('/api/v1/inboxes', {
          body: {
            name: form.name.trim(),
            type: form.type,
            webhook_url: form.type === 'api' && form.webhook_url.trim() ? form.webhook_url.trim() : null,
            ...(form.type === 'web_chat' && { web_chat: { allowed_origins: parseOrigins(form.origins) } }),
          },
        }),
      );
      setForm({ name: '', type: 'api', webhook_url: '', origins: '' });
      setSecret({ inbox: made.name, secret: made.secret });
      inboxes.reload();
    } catch (err) {
      setErrors(err instanceof ApiError ? { ...err.fields, form: err.message } : { form: messageOf(err) });
    } finally {
      setBusy(false);
    }
  };
  const rotate = async (inbox: Inbox) => {
    try {
      const rotated = await unwrap(
        api.POST('/api/v1/inboxes/{id}/rotate-secret', { params: { path: { id: inbox.id } } }),
      );
      setSecret({ inbox: inbox.name, secret: rotated.secret });
    } catch (err) {
      toast(messageOf(err), 'error');
    } finally {
      setRotating(null);
    }
  };

  if (!inboxes.data) return inboxes.error ? <Notice tone="error">{inboxes.error}</Notice> : <Loading />;
  const all = inboxes.data.inboxes;
  return (
    <section aria-labelledby="inboxes-title" className="settings-section">
      <h2 id="inboxes-title">Inboxes</h2>
      <ul className="settings-list">
        {all.map((inbox) => (
          <li key={inbox.id} className="settings-item">
            <div className="settings-item-head">
              <h3>{inbox.name}</h3>
              <span className="chip">{inbox.type.replace('_', ' ')}</span>
              <span className="muted">{inbox.open_count} open</span>
              <code className="muted">{inbox.id}</code>
            </div>
            {inbox.type === 'web_chat' && (
              <WebChatSettings inbox={inbox} inboxes={all} onSaved={inboxes.reload} />
            )}
            {inbox.type === 'email' && <EmailSettings inbox={inbox} onSaved={inboxes.reload} />}
            {inbox.type === 'api' && (
              <>
                <WebhookField inbox={inbox} onSaved={inboxes.reload} />
                <p className="muted">
                  Customer messages come in at <code>POST /api/v1/inboxes/{inbox.id}/incoming</code>.
                </p>
              </>
            )}
            <Button className="button-small" onClick={() => setRotating(inbox)}>
              Rotate secret
            </Button>
          </li>
        ))}
      </ul>
      <form className="settings-form" onSubmit={(e) => void create(e)} aria-labelledby="new-inbox-title">
        <h3 id="new-inbox-title">New inbox</h3>
        {errors.form && <Notice tone="error">{errors.form}</Notice>}
        <TextField
          label="Name"
          value={form.name}
          required
          onChange={(e) => setForm({ ...form, name: e.target.value })}
          error={errors.name}
        />
        <SelectField
          label="Channel"
          value={form.type}
          onChange={(e) =>
            setForm({
              ...form,
              type: e.target.value === 'email' ? 'email' : e.target.value === 'web_chat' ? 'web_chat' : 'api',
            })
          }
        >
          <option value="api">API</option>
          <option value="email">Email</option>
          <option value="web_chat">Web chat</option>
        </SelectField>
        {form.type === 'api' && (
          <TextField
            label="Webhook URL"
            type="url"
            value={form.webhook_url}
            onChange={(e) => setForm({ ...form, webhook_url: e.target.value })}
            error={errors.webhook_url}
          />
        )}
        {form.type === 'web_chat' && (
          <TextField
            label="Allowed origins"
            value={form.origins}
            placeholder="https://shop.example"
            onChange={(e) => setForm({ ...form, origins: e.target.value })}
            error={errors['web_chat.allowed_origins.0'] ?? errors['web_chat.allowed_origins']}
            hint="The sites the chat widget may run on, separated by commas."
          />
        )}
        <Button type="submit" tone="primary" busy={busy}>
          Create inbox
        </Button>
      </form>
      {rotating && (
        <ConfirmDialog
          title={`Rotate the secret of ${rotating.name}?`}
          confirmLabel="Rotate secret"
          onConfirm={() => void rotate(rotating)}
          onCancel={() => setRotating(null)}
        >
          <p>The current secret stops working at once: update your integration with the new one.</p>
        </ConfirmDialog>
      )}
      {secret && <SecretOnce inbox={secret.inbox} secret={secret.secret} onClose={() => setSecret(null)} />}
    </section>
  );
}
