import { type RefObject, useEffect, useRef, useState } from 'react';
import { api, messageOf, unwrap } from '../../api/client.js';
import type { Inbox, User } from '../../api/types.js';
import { useToast } from '../../components/toasts.js';
import { Button, Loading, Notice } from '../../components/ui.js';
import { useResource } from '../../lib/use-resource.js';
import { Composer } from './composer.js';
import { ContactOrders } from './contact-orders.js';
import { type ConversationChange, ConversationControls } from './conversation-controls.js';
import { Thread } from './thread.js';

/**
 * One conversation: who it is with, its thread, the composer and its settings. `version` changes
 * when a realtime event says it changed, which reloads it in place.
 */
export function ConversationView({
  id,
  version,
  inboxes,
  users,
  composer,
  onBack,
  onChanged,
}: {
  id: string;
  version: number;
  inboxes: Inbox[];
  users: User[];
  composer: RefObject<HTMLTextAreaElement | null>;
  onBack(): void;
  onChanged(): void;
}) {
  const toast = useToast();
  const thread = useResource(id, () =>
    unwrap(api.GET('/api/v1/conversations/{id}', { params: { path: { id } } })),
  );
  const [saving, setSaving] = useState(false);
  const shownVersion = useRef(version);
  const { reload } = thread;
  useEffect(() => {
    if (shownVersion.current === version) return;
    shownVersion.current = version;
    reload();
  }, [version, reload]);

  if (!thread.data) {
    return thread.error ? (
      <Notice tone="error">{thread.error}</Notice>
    ) : (
      <Loading label="Opening conversation…" />
    );
  }
  const { conversation, messages } = thread.data;
  const inbox = inboxes.find((i) => i.id === conversation.inbox_id);
  const contact = conversation.contact;

  const change = async (body: ConversationChange) => {
    setSaving(true);
    try {
      await unwrap(api.PATCH('/api/v1/conversations/{id}', { params: { path: { id } }, body }));
      thread.reload();
      onChanged();
    } catch (error) {
      toast(messageOf(error), 'error');
    } finally {
      setSaving(false);
    }
  };
  const send = async (content: string, isPrivate: boolean) => {
    await unwrap(
      api.POST('/api/v1/conversations/{id}/messages', {
        params: { path: { id } },
        body: { content, private: isPrivate },
      }),
    );
    thread.reload();
    onChanged();
  };

  return (
    <section className="conversation" aria-labelledby="conversation-title" aria-busy={saving || undefined}>
      <header className="conversation-header">
        <Button tone="ghost" className="back-to-list" onClick={onBack}>
          ← Conversations
        </Button>
        <div>
          <h2 id="conversation-title">{contact.name ?? contact.email ?? 'Unknown customer'}</h2>
          <p className="conversation-sub">
            {contact.email && contact.name ? `${contact.email} · ` : ''}
            {inbox ? `${inbox.name} inbox` : ''}
          </p>
        </div>
      </header>
      <div className="conversation-body">
        <div className="conversation-main">
          <Thread messages={messages} />
          <Composer conversationId={id} onSend={send} textarea={composer} />
        </div>
        <aside className="conversation-side" aria-label="Conversation details">
          <ConversationControls conversation={conversation} users={users} onChange={change} />
          <ContactOrders contactId={contact.id} />
        </aside>
      </div>
    </section>
  );
}
