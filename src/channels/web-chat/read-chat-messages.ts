import { defineAction } from '../../core/action.js';
import { sha256Hex } from '../../core/crypto.js';
import { notFound } from '../../core/errors.js';
import { chatMessages } from './chat-messages.js';
import { unknownVisitor } from './send-chat-message.js';
import { widgetInbox } from './start-session.js';
import { findVisitorByTokenHash } from './web-chat.repository.js';
import { type TChatMessage, ZReadMessagesInputSchema } from './web-chat.types.js';

/** The visitor's chat as the widget shows it (a read: changes nothing, not audited). */
export const readChatMessages = defineAction({
  name: 'web_chat.read_messages',
  summary: 'A website visitor reads its chat',
  input: ZReadMessagesInputSchema,
  kind: 'read',
  allow: { channel: true },
  redact: ['visitor_token'],
  async handler({
    db,
    actor,
    input,
    services,
  }): Promise<{ conversation_id: string | null; messages: TChatMessage[]; visitor_id: string }> {
    if (actor.kind !== 'channel') throw notFound('Inbox');
    const { inbox } = await widgetInbox(db, actor.accountId, actor.inboxId, input.public_key);
    const now = services.now().toISOString();
    const visitor = await findVisitorByTokenHash(db, inbox.id, sha256Hex(input.visitor_token), now);
    if (!visitor) throw unknownVisitor();
    return {
      visitor_id: visitor.id,
      conversation_id: visitor.conversation_id,
      messages: visitor.conversation_id ? await chatMessages(db, visitor.conversation_id, input.after) : [],
    };
  },
});
