import { useEffect, useRef } from 'react';
import type { Message } from '../../api/types.js';
import { formatDateTime } from '../../lib/format.js';

/** Who wrote a message, in words (colour only repeats it). */
export function authorLabel(message: Message): string {
  const name = message.author.name;
  if (message.type === 'activity') return 'Activity';
  switch (message.author.kind) {
    case 'contact':
      return name ? `${name} (customer)` : 'Customer';
    case 'agent':
      return name ? `${name} (AI agent)` : 'AI agent';
    case 'user':
      return name ?? 'Teammate';
    case 'system':
      return 'Deskwoot';
  }
}

/** The kind of message for its styling: customer, teammate, agent, private note or activity. */
export function messageKind(message: Message): 'customer' | 'teammate' | 'agent' | 'note' | 'activity' {
  if (message.type === 'activity') return 'activity';
  if (message.type === 'note') return 'note';
  if (message.author.kind === 'contact') return 'customer';
  return message.author.kind === 'agent' ? 'agent' : 'teammate';
}

/** A file size people read: bytes, kB or MB. */
function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} kB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

const DELIVERY = { pending: 'Sending…', sent: 'Delivered', failed: 'Delivery failed' } as const;

function MessageItem({ message }: { message: Message }) {
  const kind = messageKind(message);
  if (kind === 'activity')
    return (
      <li className="message message-activity">
        <p>
          {message.content} · <time dateTime={message.created_at}>{formatDateTime(message.created_at)}</time>
        </p>
      </li>
    );
  return (
    <li className={`message message-${kind}`}>
      <article aria-label={`${kind === 'note' ? 'Private note' : 'Message'} from ${authorLabel(message)}`}>
        <header className="message-header">
          <span className="message-author">{authorLabel(message)}</span>
          {kind === 'note' && (
            <span className="badge badge-note">Private note · not sent to the customer</span>
          )}
          {kind === 'agent' && <span className="badge badge-agent">AI agent</span>}
          <time dateTime={message.created_at}>{formatDateTime(message.created_at)}</time>
        </header>
        <p className="message-body">{message.content}</p>
        {message.attachments.length > 0 && (
          <ul className="message-attachments" aria-label="Attachments">
            {message.attachments.map((file) => (
              <li key={file.id}>
                <a href={`/api/v1/attachments/${encodeURIComponent(file.id)}`} download={file.filename}>
                  {file.filename}
                </a>{' '}
                <span className="muted">({formatSize(file.size)})</span>
              </li>
            ))}
          </ul>
        )}
        {message.delivery_status && (
          <p className={`message-delivery delivery-${message.delivery_status}`}>
            {DELIVERY[message.delivery_status]}
            {message.delivery_status === 'failed' && message.delivery_error && `: ${message.delivery_error}`}
          </p>
        )}
      </article>
    </li>
  );
}

/** The thread, oldest first, scrolled to the newest message when it opens or grows. */
export function Thread({ messages }: { messages: Message[] }) {
  const box = useRef<HTMLOListElement>(null);
  const lastId = messages[messages.length - 1]?.id;
  useEffect(() => {
    const el = box.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [lastId]);
  return (
    <ol ref={box} className="thread" aria-label="Messages">
      {messages.map((message) => (
        <MessageItem key={message.id} message={message} />
      ))}
    </ol>
  );
}
