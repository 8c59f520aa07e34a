import { type FormEvent, useState } from 'react';
import { api, ApiError, messageOf, unwrap } from '../../api/client.js';
import type { Inbox, User } from '../../api/types.js';
import { useToast } from '../../components/toasts.js';
import { Button, Loading, Notice, SelectField, TextField } from '../../components/ui.js';
import { useMe } from '../../lib/session.js';
import { useResource } from '../../lib/use-resource.js';

function InboxChecks({
  inboxes,
  value,
  onChange,
  legend,
  disabled,
}: {
  inboxes: Inbox[];
  value: string[];
  onChange(ids: string[]): void;
  legend: string;
  disabled?: boolean;
}) {
  return (
    <fieldset className="checkbox-group" disabled={disabled}>
      <legend>{legend}</legend>
      {inboxes.map((inbox) => (
        <label key={inbox.id} className="checkbox">
          <input
            type="checkbox"
            checked={value.includes(inbox.id)}
            onChange={(e) =>
              onChange(e.target.checked ? [...value, inbox.id] : value.filter((id) => id !== inbox.id))
            }
          />
          {inbox.name}
        </label>
      ))}
    </fieldset>
  );
}

function TeammateRow({
  user,
  inboxes,
  isMe,
  onSaved,
}: {
  user: User;
  inboxes: Inbox[];
  isMe: boolean;
  onSaved(): void;
}) {
  const [role, setRole] = useState(user.role);
  const [inboxIds, setInboxIds] = useState(user.inbox_ids);
  const [busy, setBusy] = useState(false);
  const toast = useToast();
  const changed = role !== user.role || [...inboxIds].sort().join() !== [...user.inbox_ids].sort().join();
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await unwrap(
        api.PATCH('/api/v1/users/{id}', {
          params: { path: { id: user.id } },
          body: { role, inbox_ids: inboxIds },
        }),
      );
      toast(`${user.name} saved`);
      onSaved();
    } catch (err) {
      toast(messageOf(err), 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className="settings-item">
      <form onSubmit={(e) => void save(e)} aria-label={`${user.name}'s role and inboxes`}>
        <div className="settings-item-head">
          <h3>{user.name}</h3>
          <span className="muted">{user.email}</span>
        </div>
        <SelectField
          label={`Role of ${user.name}`}
          value={role}
          disabled={isMe}
          hint={isMe ? 'You cannot change your own role.' : undefined}
          onChange={(e) => setRole(e.target.value === 'admin' ? 'admin' : 'teammate')}
        >
          <option value="teammate">Teammate: the conversations of its inboxes</option>
          <option value="admin">Admin: everything, settings included</option>
        </SelectField>
        <InboxChecks
          legend={role === 'admin' ? 'Inboxes (admins see every inbox)' : 'Inboxes'}
          inboxes={inboxes}
          value={inboxIds}
          onChange={setInboxIds}
          disabled={role === 'admin'}
        />
        <Button type="submit" busy={busy} disabled={!changed}>
          Save
        </Button>
      </form>
    </li>
  );
}

interface NewTeammate {
  name: string;
  email: string;
  password: string;
  role: User['role'];
  inbox_ids: string[];
}

const EMPTY: NewTeammate = { name: '', email: '', password: '', role: 'teammate', inbox_ids: [] };

export function TeammatesSettings() {
  const me = useMe();
  const users = useResource('users', () => unwrap(api.GET('/api/v1/users')));
  const inboxes = useResource('inboxes', () => unwrap(api.GET('/api/v1/inboxes')));
  const [form, setForm] = useState<NewTeammate>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const toast = useToast();
  const inboxList = inboxes.data?.inboxes ?? [];

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      const made = await unwrap(
        api.POST('/api/v1/users', {
          body: {
            ...form,
            name: form.name.trim() || undefined,
            email: form.email.trim(),
            inbox_ids: form.role === 'admin' ? [] : form.inbox_ids,
          },
        }),
      );
      toast(`${made.name} can now sign in with that email and password`);
      setForm(EMPTY);
      users.reload();
    } catch (err) {
      setErrors(err instanceof ApiError ? { ...err.fields, form: err.message } : { form: messageOf(err) });
    } finally {
      setBusy(false);
    }
  };

  if (!users.data) return users.error ? <Notice tone="error">{users.error}</Notice> : <Loading />;
  return (
    <section aria-labelledby="teammates-title" className="settings-section">
      <h2 id="teammates-title">Teammates</h2>
      <ul className="settings-list">
        {users.data.users.map((user) => (
          <TeammateRow
            key={user.id}
            user={user}
            inboxes={inboxList}
            isMe={user.id === me.user.id}
            onSaved={users.reload}
          />
        ))}
      </ul>
      <form className="settings-form" onSubmit={(e) => void create(e)} aria-labelledby="new-teammate-title">
        <h3 id="new-teammate-title">Add a teammate</h3>
        {errors.form && <Notice tone="error">{errors.form}</Notice>}
        <TextField
          label="Name"
          value={form.name}
          onChange={(e) => setForm({ ...form, name: e.target.value })}
          error={errors.name}
        />
        <TextField
          label="Email"
          type="email"
          required
          value={form.email}
          onChange={(e) => setForm({ ...form, email: e.target.value })}
          error={errors.email}
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          value={form.password}
          onChange={(e) => setForm({ ...form, password: e.target.value })}
          error={errors.password}
          hint="At least 8 characters. Share it with them privately."
        />
        <SelectField
          label="Role"
          value={form.role}
          onChange={(e) => setForm({ ...form, role: e.target.value === 'admin' ? 'admin' : 'teammate' })}
        >
          <option value="teammate">Teammate</option>
          <option value="admin">Admin</option>
        </SelectField>
        {form.role === 'teammate' && (
          <InboxChecks
            legend="Inboxes"
            inboxes={inboxList}
            value={form.inbox_ids}
            onChange={(ids) => setForm({ ...form, inbox_ids: ids })}
          />
        )}
        <Button type="submit" tone="primary" busy={busy}>
          Add teammate
        </Button>
      </form>
    </section>
  );
}
