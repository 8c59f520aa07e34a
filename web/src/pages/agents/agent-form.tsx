import { type FormEvent, useState } from 'react';
import { ApiError, messageOf } from '../../api/client.js';
import type { Agent, Inbox, Limits, Scope } from '../../api/types.js';
import { Button, Notice, TextField } from '../../components/ui.js';
import { LimitFields } from './limit-fields.js';
import { EMPTY_LIMITS, limitsFromDraft, type LimitsDraft } from './limits-draft.js';
import { DEFAULT_GRANT, isMoneyScope, SCOPE_GROUPS } from './scope-groups.js';

export interface NewAgent {
  name: string;
  scopes: Scope[];
  inbox_ids: string[] | null;
  mode: Agent['mode'];
  limits: Limits;
}

/**
 * A new agent: name, mode, scopes (read-only by default; money apart and off), inboxes, limits.
 * Money scopes open the limit fields, which they require.
 */
export function AgentForm({
  inboxes,
  onCreate,
  onCancel,
}: {
  inboxes: Inbox[];
  onCreate(agent: NewAgent): Promise<void>;
  onCancel(): void;
}) {
  const [name, setName] = useState('');
  const [mode, setMode] = useState<Agent['mode']>('supervised');
  const [scopes, setScopes] = useState<Scope[]>([...DEFAULT_GRANT]);
  const [everyInbox, setEveryInbox] = useState(true);
  const [inboxIds, setInboxIds] = useState<string[]>([]);
  const [limits, setLimits] = useState<LimitsDraft>(EMPTY_LIMITS);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const money = scopes.some(isMoneyScope);

  const toggle = (scope: Scope, on: boolean) =>
    setScopes((current) => (on ? [...current, scope] : current.filter((s) => s !== scope)));
  const toggleInbox = (id: string, on: boolean) =>
    setInboxIds((current) => (on ? [...current, id] : current.filter((i) => i !== id)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = limitsFromDraft(limits, { money });
    const problems: Record<string, string> = { ...found.errors };
    if (!name.trim()) problems.name = 'Give the agent a name';
    if (!everyInbox && inboxIds.length === 0) problems.inbox_ids = 'Pick at least one inbox, or allow all';
    setErrors(problems);
    setFailure(null);
    if (Object.keys(problems).length) return setFailure('Check the fields marked below.');
    setBusy(true);
    try {
      await onCreate({
        name: name.trim(),
        scopes,
        mode,
        inbox_ids: everyInbox ? null : inboxIds,
        limits: found.limits,
      });
    } catch (error) {
      setBusy(false);
      if (error instanceof ApiError) setErrors(error.fields);
      setFailure(messageOf(error));
    }
  };

  return (
    <form className="agent-form" onSubmit={(e) => void submit(e)} aria-labelledby="new-agent-title">
      <h2 id="new-agent-title">New agent</h2>
      {failure && <Notice tone="error">{failure}</Notice>}
      <TextField
        label="Name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={errors.name}
        maxLength={100}
        autoFocus
      />

      <fieldset className="radio-group">
        <legend>Mode</legend>
        <label className="radio">
          <input
            type="radio"
            name="mode"
            checked={mode === 'supervised'}
            onChange={() => setMode('supervised')}
          />
          <span>
            <strong>Supervised</strong> (recommended): replies and money actions wait for a teammate’s
            approval.
          </span>
        </label>
        <label className="radio">
          <input
            type="radio"
            name="mode"
            checked={mode === 'autonomous'}
            onChange={() => setMode('autonomous')}
          />
          <span>
            <strong>Autonomous</strong>: acts directly within its scopes and limits.
          </span>
        </label>
      </fieldset>

      {SCOPE_GROUPS.map((group) => (
        <fieldset key={group.title} className={`checkbox-group scopes${group.money ? ' scopes-money' : ''}`}>
          <legend>{group.money ? 'Money (off by default)' : group.title}</legend>
          {group.money && (
            <p className="field-hint">
              These move money. Each needs the limits below: a cap per action and a daily cap.
            </p>
          )}
          {group.scopes.map(({ scope, allows }) => (
            <label key={scope} className="checkbox">
              <input
                type="checkbox"
                checked={scopes.includes(scope)}
                onChange={(e) => toggle(scope, e.target.checked)}
              />
              <span>
                <code>{scope}</code> — {allows}
              </span>
            </label>
          ))}
        </fieldset>
      ))}

      <fieldset className="checkbox-group">
        <legend>Inboxes</legend>
        <label className="radio">
          <input type="radio" name="inboxes" checked={everyInbox} onChange={() => setEveryInbox(true)} /> All
          inboxes
        </label>
        <label className="radio">
          <input type="radio" name="inboxes" checked={!everyInbox} onChange={() => setEveryInbox(false)} />{' '}
          Only these:
        </label>
        <div className="inbox-picker" aria-disabled={everyInbox || undefined}>
          {inboxes.map((inbox) => (
            <label key={inbox.id} className="checkbox">
              <input
                type="checkbox"
                disabled={everyInbox}
                checked={!everyInbox && inboxIds.includes(inbox.id)}
                onChange={(e) => toggleInbox(inbox.id, e.target.checked)}
              />
              {inbox.name}
            </label>
          ))}
        </div>
        {errors.inbox_ids && <p className="field-error">{errors.inbox_ids}</p>}
      </fieldset>

      <details className="limits-section" open={money || undefined}>
        <summary>Money limits{money ? ' (required for the money scopes)' : ''}</summary>
        <LimitFields draft={limits} errors={errors} onChange={setLimits} />
      </details>
      {errors.limits && <p className="field-error">{errors.limits}</p>}

      <div className="form-actions">
        <Button type="submit" tone="primary" busy={busy}>
          Create agent
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}
