import { type FormEvent, type KeyboardEvent, type RefObject, useState } from 'react';
import { messageOf } from '../../api/client.js';
import { Button, Notice } from '../../components/ui.js';

/** Unsent text per conversation and mode, kept while moving between conversations. */
const drafts = new Map<string, string>();

/**
 * Reply to the customer or add a private note. The mode is always visible and changes the box's
 * label, colour and button, so a note is never sent by mistake. Ctrl/⌘+Enter sends.
 */
export function Composer({
  conversationId,
  onSend,
  textarea,
}: {
  conversationId: string;
  onSend(content: string, isPrivate: boolean): Promise<void>;
  textarea?: RefObject<HTMLTextAreaElement | null>;
}) {
  const [mode, setMode] = useState<'reply' | 'note'>('reply');
  const key = `${conversationId}:${mode}`;
  const [text, setTextState] = useState(() => drafts.get(key) ?? '');
  const [shownKey, setShownKey] = useState(key);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (shownKey !== key) {
    setShownKey(key);
    setTextState(drafts.get(key) ?? '');
    setError(null);
  }
  const setText = (value: string) => {
    drafts.set(key, value);
    setTextState(value);
  };

  const send = async (event?: FormEvent) => {
    event?.preventDefault();
    if (!text.trim() || busy) return;
    setBusy(true);
    setError(null);
    try {
      await onSend(text, mode === 'note');
      drafts.delete(key);
      setTextState('');
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void send();
  };
  const note = mode === 'note';

  return (
    <form className={`composer${note ? ' composer-note' : ''}`} onSubmit={(e) => void send(e)}>
      <fieldset className="composer-mode">
        <legend className="visually-hidden">What to write</legend>
        <label>
          <input type="radio" name="composer-mode" checked={!note} onChange={() => setMode('reply')} /> Reply
          to customer
        </label>
        <label>
          <input type="radio" name="composer-mode" checked={note} onChange={() => setMode('note')} /> Private
          note
        </label>
      </fieldset>
      <label htmlFor={`composer-${conversationId}`} className="visually-hidden">
        {note ? 'Private note (only teammates see it)' : 'Reply to the customer'}
      </label>
      <textarea
        id={`composer-${conversationId}`}
        ref={textarea}
        value={text}
        rows={4}
        placeholder={
          note ? 'A note for teammates — never sent to the customer' : 'Write a reply to the customer…'
        }
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
      />
      {error && <Notice tone="error">{error}</Notice>}
      <div className="composer-actions">
        <span className="composer-hint">
          {note ? 'Only teammates see notes.' : 'Sent to the customer.'} Ctrl+Enter sends.
        </span>
        <Button type="submit" tone={note ? 'secondary' : 'primary'} busy={busy} disabled={!text.trim()}>
          {note ? 'Add note' : 'Send reply'}
        </Button>
      </div>
    </form>
  );
}
