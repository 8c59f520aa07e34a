import { type FormEvent, useState } from 'react';
import { api, ApiError, messageOf, unwrap } from '../../api/client.js';
import type { Inbox } from '../../api/types.js';
import { useToast } from '../../components/toasts.js';
import { Button, Notice, SelectField, TextField } from '../../components/ui.js';

type Security = 'starttls' | 'tls' | 'none';

const asSecurity = (value: string): Security => (value === 'tls' || value === 'none' ? value : 'starttls');

/**
 * An email inbox's address and the SMTP server its replies go out through. The password is never
 * shown: left empty it stays as it is.
 */
export function EmailSettings({ inbox, onSaved }: { inbox: Inbox; onSaved(): void }) {
  const saved = inbox.email;
  const [form, setForm] = useState({
    address: saved?.address ?? '',
    host: saved?.smtp.host ?? '',
    port: String(saved?.smtp.port ?? 587),
    security: saved?.smtp.security ?? ('starttls' as Security),
    user: saved?.smtp.user ?? '',
    password: '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const toast = useToast();
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      await unwrap(
        api.PATCH('/api/v1/inboxes/{id}', {
          params: { path: { id: inbox.id } },
          body: {
            email: {
              address: form.address.trim(),
              smtp: {
                host: form.host.trim(),
                port: Number(form.port),
                security: form.security,
                user: form.user.trim() || null,
                ...(form.password && { password: form.password }),
              },
            },
          },
        }),
      );
      setForm({ ...form, password: '' });
      toast(`${inbox.name}: email settings saved`);
      onSaved();
    } catch (err) {
      setErrors(err instanceof ApiError ? { ...err.fields, form: err.message } : { form: messageOf(err) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="inline-form"
      onSubmit={(e) => void save(e)}
      aria-label={`Email settings for ${inbox.name}`}
    >
      {!saved && (
        <p className="muted">Not set up yet: replies in this inbox fail until it has an SMTP server.</p>
      )}
      {errors.form && <Notice tone="error">{errors.form}</Notice>}
      <TextField
        label="Address"
        type="email"
        value={form.address}
        required
        onChange={(e) => setForm({ ...form, address: e.target.value })}
        error={errors['email.address']}
        hint="Customers write here; replies come from it."
      />
      <TextField
        label="SMTP host"
        value={form.host}
        required
        onChange={(e) => setForm({ ...form, host: e.target.value })}
        error={errors['email.smtp.host']}
      />
      <TextField
        label="SMTP port"
        type="number"
        value={form.port}
        required
        onChange={(e) => setForm({ ...form, port: e.target.value })}
        error={errors['email.smtp.port']}
      />
      <SelectField
        label="Security"
        value={form.security}
        onChange={(e) => setForm({ ...form, security: asSecurity(e.target.value) })}
      >
        <option value="starttls">STARTTLS (required)</option>
        <option value="tls">TLS</option>
        <option value="none">None (local relay only)</option>
      </SelectField>
      <TextField
        label="SMTP user"
        value={form.user}
        autoComplete="off"
        onChange={(e) => setForm({ ...form, user: e.target.value })}
        error={errors['email.smtp.user']}
      />
      <TextField
        label="SMTP password"
        type="password"
        value={form.password}
        autoComplete="new-password"
        onChange={(e) => setForm({ ...form, password: e.target.value })}
        error={errors['email.smtp.password']}
        hint={saved?.smtp.password_set ? 'A password is stored; leave empty to keep it.' : 'None stored.'}
      />
      <Button type="submit" busy={busy}>
        Save
      </Button>
    </form>
  );
}
