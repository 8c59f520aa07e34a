import { type FormEvent, useId, useState } from 'react';
import { messageOf } from '../../api/client.js';
import type { Approval, Message } from '../../api/types.js';
import { Badge, Button, Notice, TextAreaField } from '../../components/ui.js';
import { formatDateTime, formatRelative } from '../../lib/format.js';
import { authorLabel, messageKind } from '../inbox/thread.js';
import { MoneyDetailsView } from './money-details.js';

export const ACTION_LABELS: Record<string, string> = {
  'conversation.reply': 'Draft reply',
  'conversation.start': 'Draft new conversation',
  'order.refund': 'Refund',
  'order.cancel': 'Cancel order',
  'subscription.cancel': 'Cancel subscription',
};

/** What a proposal is about, for its card: the conversation so far, and who it is with. */
export interface ApprovalContext {
  title: string;
  messages: Message[];
}

function contentOf(input: Record<string, unknown> | null | undefined): string | null {
  const content = input?.content;
  return typeof content === 'string' ? content : null;
}

function Context({ context }: { context: ApprovalContext | null | undefined }) {
  if (context === undefined) return <p className="loading">Loading the conversation…</p>;
  if (context === null) return null;
  const recent = context.messages.filter((m) => m.type !== 'activity').slice(-4);
  return (
    <section className="approval-context" aria-label="Conversation so far">
      <h3>{context.title}</h3>
      <ol className="context-messages">
        {recent.map((m) => (
          <li key={m.id} className={`context-message message-${messageKind(m)}`}>
            <span className="message-author">{authorLabel(m)}</span>
            {m.type === 'note' && <span className="badge badge-note">Private note</span>}
            <p>{m.content}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}

/**
 * One proposal. A draft shows the conversation and its text: Approve sends it as it is; Edit &
 * approve opens the text for changes and sends only the edit; Reject asks for a reason. A money
 * proposal shows the order, the amount and the limit that asked for a person.
 */
export function ApprovalCard({
  approval,
  context,
  onApprove,
  onReject,
}: {
  approval: Approval;
  context?: ApprovalContext | null;
  onApprove(content?: string): Promise<void>;
  onReject(reason: string): Promise<void>;
}) {
  const proposed = contentOf(approval.input);
  const [mode, setMode] = useState<'view' | 'edit' | 'reject'>('view');
  const [text, setText] = useState(proposed ?? '');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const titleId = useId();
  const pending = approval.status === 'pending';
  const label = ACTION_LABELS[approval.action] ?? approval.action;

  const act = async (run: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await run();
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  };
  const approveEdited = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return setError('The reply cannot be empty.');
    void act(() => onApprove(text === proposed ? undefined : text));
  };
  const reject = (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) return setError('Say why, so the agent and the audit log know.');
    void act(() => onReject(reason.trim()));
  };
  const sent = contentOf(approval.edited_input) ?? proposed;

  return (
    <article className={`approval-card approval-${approval.status}`} aria-labelledby={titleId}>
      <header className="approval-header">
        <h2 id={titleId}>
          {label} <span className="approval-by">by {approval.agent.name}</span>
        </h2>
        <span className="approval-when">
          <time dateTime={approval.created_at} title={formatDateTime(approval.created_at)}>
            {formatRelative(approval.created_at)}
          </time>
          {!pending && <Badge tone={approval.status}>{approval.status}</Badge>}
        </span>
      </header>

      {approval.details?.kind === 'money' ? (
        <MoneyDetailsView details={approval.details} action={approval.action} />
      ) : (
        <Context context={context} />
      )}

      {proposed !== null && mode !== 'edit' && (
        <section className="approval-draft" aria-label={pending ? 'Proposed text' : 'Text'}>
          <h3>
            {pending ? 'The agent proposes to send' : approval.edited_input ? 'Sent after editing' : 'Text'}
          </h3>
          <p className="draft-text">{pending ? proposed : sent}</p>
        </section>
      )}
      {!pending && approval.decision_note && <p className="decision-note">Note: {approval.decision_note}</p>}
      {error && <Notice tone="error">{error}</Notice>}

      {pending && mode === 'view' && (
        <div className="approval-actions">
          <Button tone="primary" busy={busy} onClick={() => void act(() => onApprove())}>
            Approve
          </Button>
          {proposed !== null && (
            <Button busy={busy} onClick={() => setMode('edit')}>
              Edit & approve
            </Button>
          )}
          <Button tone="danger" busy={busy} onClick={() => setMode('reject')}>
            Reject
          </Button>
        </div>
      )}
      {pending && mode === 'edit' && (
        <form onSubmit={approveEdited} className="approval-edit">
          <TextAreaField
            label="Edit the reply before it is sent"
            value={text}
            rows={6}
            onChange={(e) => setText(e.target.value)}
            hint="Only this text is sent to the customer."
            autoFocus
          />
          <div className="approval-actions">
            <Button type="submit" tone="primary" busy={busy}>
              Approve edited reply
            </Button>
            <Button onClick={() => (setMode('view'), setText(proposed ?? ''), setError(null))}>Cancel</Button>
          </div>
        </form>
      )}
      {pending && mode === 'reject' && (
        <form onSubmit={reject} className="approval-reject">
          <TextAreaField
            label="Reason for rejecting"
            value={reason}
            rows={2}
            aria-required
            onChange={(e) => setReason(e.target.value)}
            hint="Shown to the agent and kept in the audit log. Nothing is sent."
            autoFocus
          />
          <div className="approval-actions">
            <Button type="submit" tone="danger" busy={busy}>
              Reject
            </Button>
            <Button onClick={() => (setMode('view'), setError(null))}>Cancel</Button>
          </div>
        </form>
      )}
    </article>
  );
}
