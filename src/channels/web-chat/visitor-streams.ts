import type { Logger } from 'pino';
import type { CommittedChange } from '../../core/services.js';
import type { Executor } from '../../db/database.js';
import { chatMessages } from './chat-messages.js';
import type { TChatMessage } from './web-chat.types.js';

/** One open widget stream: a visitor waiting for its chat's new messages. */
export interface VisitorStream {
  accountId: string;
  visitorId: string;
  /** Null until the visitor's first message opens its conversation. */
  conversationId: string | null;
  /** The newest message the widget has; only later ones are sent. */
  lastId: string | null;
  send(messages: TChatMessage[]): void;
}

/**
 * This node's open widget streams. Told of every committed change (through the realtime hub, so on
 * PostgreSQL of every node's), it reads the new messages of each chat the change touched and sends
 * them to that chat's streams. A change only says what it touched; the messages are read here,
 * with the visitor's own view (no notes, no activity).
 */
export class VisitorStreams {
  private readonly streams = new Map<string, Set<VisitorStream>>();
  /** Each stream's reads run one after another, so messages go out once and in order. */
  private readonly pulls = new WeakMap<VisitorStream, Promise<void>>();

  constructor(private readonly services: { db: { kysely: Executor }; logger: Logger }) {}

  open(stream: VisitorStream): () => void {
    const set = this.streams.get(stream.accountId) ?? new Set<VisitorStream>();
    set.add(stream);
    this.streams.set(stream.accountId, set);
    return () => {
      set.delete(stream);
      if (!set.size && this.streams.get(stream.accountId) === set) this.streams.delete(stream.accountId);
    };
  }

  /** How many streams this visitor has open on this node (a few tabs; more is refused). */
  openFor(accountId: string, visitorId: string): number {
    let n = 0;
    for (const s of this.streams.get(accountId) ?? []) if (s.visitorId === visitorId) n += 1;
    return n;
  }

  get size(): number {
    let n = 0;
    for (const set of this.streams.values()) n += set.size;
    return n;
  }

  readonly onChange = (change: CommittedChange): void => {
    const set = this.streams.get(change.accountId);
    if (!set?.size) return;
    void this.conversationOf(change)
      .then((conversationId) => {
        if (!conversationId) return;
        // A visitor without a chat yet gets one only by sending its first message.
        const first = change.action === 'web_chat.send_message';
        for (const stream of set) {
          if (stream.conversationId === conversationId || (stream.conversationId === null && first))
            this.pull(stream, conversationId);
        }
      })
      .catch((err: unknown) => this.services.logger.warn({ err }, 'web chat stream update failed'));
  };

  /** Reads what the widget lacks; also sent right after the stream opens, for what it missed. */
  pull(stream: VisitorStream, touched: string | null = null): void {
    const previous = this.pulls.get(stream) ?? Promise.resolve();
    const next = previous
      .then(async () => {
        const db = this.services.db.kysely;
        if (stream.conversationId === null) {
          const visitor = await db
            .selectFrom('web_chat_visitors')
            .select('conversation_id')
            .where('id', '=', stream.visitorId)
            .executeTakeFirst();
          stream.conversationId = visitor?.conversation_id ?? null;
        }
        if (stream.conversationId === null) return;
        if (touched !== null && touched !== stream.conversationId) return;
        const messages = await chatMessages(db, stream.conversationId, stream.lastId ?? undefined);
        if (!messages.length) return;
        stream.lastId = messages[messages.length - 1]!.id;
        stream.send(messages);
      })
      .catch((err: unknown) => this.services.logger.warn({ err }, 'web chat stream read failed'));
    this.pulls.set(stream, next);
  }

  private async conversationOf(change: CommittedChange): Promise<string | null> {
    if (!change.targetId) return null;
    if (change.targetType === 'conversation') return change.targetId;
    if (change.targetType !== 'message') return null;
    const row = await this.services.db.kysely
      .selectFrom('messages')
      .select('conversation_id')
      .where('id', '=', change.targetId)
      .where('account_id', '=', change.accountId)
      .executeTakeFirst();
    return row?.conversation_id ?? null;
  }
}
