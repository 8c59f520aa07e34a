import { type FormEvent, useState } from 'react';
import type { Conversation, ConversationStatus, Priority, User } from '../../api/types.js';
import { Button, SelectField } from '../../components/ui.js';
import { isStatus, STATUSES } from './inbox-filter.js';

export interface ConversationChange {
  status?: ConversationStatus;
  snoozed_until?: string | null;
  assignee_id?: string | null;
  labels?: string[];
  priority?: Priority;
}

const PRIORITIES: readonly Priority[] = ['none', 'low', 'medium', 'high', 'urgent'];

function isPriority(value: string): value is Priority {
  return PRIORITIES.some((p) => p === value);
}

/** Tomorrow at 09:00 local time, as a datetime-local value. */
function tomorrowMorning(): string {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  d.setHours(9, 0, 0, 0);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Status (with a wake-up time for snoozing), assignee, priority and labels of one conversation. */
export function ConversationControls({
  conversation,
  users,
  onChange,
}: {
  conversation: Conversation;
  users: User[];
  onChange(change: ConversationChange): Promise<void>;
}) {
  const [snoozing, setSnoozing] = useState(false);
  const [until, setUntil] = useState(tomorrowMorning);
  const [label, setLabel] = useState('');

  const setStatus = (value: string) => {
    if (!isStatus(value)) return;
    if (value === 'snoozed') return setSnoozing(true);
    setSnoozing(false);
    void onChange({ status: value });
  };
  const snooze = (event: FormEvent) => {
    event.preventDefault();
    setSnoozing(false);
    void onChange({ status: 'snoozed', snoozed_until: new Date(until).toISOString() });
  };
  const addLabel = (event: FormEvent) => {
    event.preventDefault();
    const next = label.trim();
    if (!next || conversation.labels.includes(next)) return setLabel('');
    setLabel('');
    void onChange({ labels: [...conversation.labels, next] });
  };

  return (
    <div className="controls">
      <SelectField
        label="Status"
        value={snoozing ? 'snoozed' : conversation.status}
        onChange={(e) => setStatus(e.target.value)}
        hint={
          conversation.status === 'snoozed' && conversation.snoozed_until
            ? `Until ${new Date(conversation.snoozed_until).toLocaleString()}`
            : undefined
        }
      >
        {STATUSES.map((s) => (
          <option key={s.value} value={s.value}>
            {s.label}
          </option>
        ))}
      </SelectField>
      {snoozing && (
        <form className="snooze" onSubmit={snooze}>
          <label htmlFor="snooze-until">Snooze until</label>
          <input
            id="snooze-until"
            type="datetime-local"
            required
            value={until}
            onChange={(e) => setUntil(e.target.value)}
          />
          <Button type="submit" tone="primary" className="button-small">
            Snooze
          </Button>
          <Button className="button-small" onClick={() => setSnoozing(false)}>
            Cancel
          </Button>
        </form>
      )}
      <SelectField
        label="Assignee"
        value={conversation.assignee_id ?? ''}
        onChange={(e) => void onChange({ assignee_id: e.target.value || null })}
      >
        <option value="">Unassigned</option>
        {users.map((u) => (
          <option key={u.id} value={u.id}>
            {u.name}
          </option>
        ))}
      </SelectField>
      <SelectField
        label="Priority"
        value={conversation.priority}
        onChange={(e) => isPriority(e.target.value) && void onChange({ priority: e.target.value })}
      >
        {PRIORITIES.map((p) => (
          <option key={p} value={p}>
            {p === 'none' ? 'No priority' : p.charAt(0).toUpperCase() + p.slice(1)}
          </option>
        ))}
      </SelectField>
      <div className="labels-editor">
        <span className="labels-title" id="labels-title">
          Labels
        </span>
        <ul aria-labelledby="labels-title" className="label-chips">
          {conversation.labels.map((l) => (
            <li key={l} className="chip chip-label">
              {l}
              <button
                type="button"
                className="chip-remove"
                aria-label={`Remove label ${l}`}
                onClick={() => void onChange({ labels: conversation.labels.filter((x) => x !== l) })}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
        <form onSubmit={addLabel} className="label-add">
          <label htmlFor="add-label" className="visually-hidden">
            Add a label
          </label>
          <input
            id="add-label"
            value={label}
            maxLength={50}
            placeholder="Add a label"
            onChange={(e) => setLabel(e.target.value)}
          />
          <Button type="submit" className="button-small" disabled={!label.trim()}>
            Add
          </Button>
        </form>
      </div>
    </div>
  );
}
