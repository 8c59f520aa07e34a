import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/core/ids.js';
import type { ConversationTable, MessageTable } from '../src/db/schema.js';
import { DIALECTS } from './support/databases.js';
import { call, type Harness, seedWorkspace, startHarness, type Workspace } from './support/harness.js';

/**
 * Conversation search takes different routes by how common a word is: the newest 100 conversations,
 * a larger window sized from their share of hits, or every matching message. Words are placed here
 * so that each route is taken (on each database), and every result is checked, page by page,
 * against the plain definition: conversations with a message holding all the words (the last one
 * as a prefix), newest activity first, only in the caller's inboxes.
 */

const CONVERSATIONS = 1_300;
const MINUTE = 60_000;

/** Words of the one message of the conversation ranked `rank` by recency (0 = newest). */
function wordsOf(rank: number): string[] {
  const words = ['alpha'];
  if (rank % 15 === 0) words.push('beta');
  if (rank === 5 || rank === 50 || (rank >= 100 && rank % 20 === 0)) words.push('gamma');
  if (rank === 3 || rank >= 1_100) words.push('delta');
  if (rank >= 1_250) words.push('epsilon');
  return words;
}

/** Old conversations also get many messages with `word`, so it counts as common overall. */
const FILLERS: [word: string, ranks: [number, number]][] = [
  ['gamma', [1_200, 1_300]],
  ['delta', [1_100, 1_300]],
];

function matches(words: readonly string[], query: string): boolean {
  const terms = query.toLowerCase().split(/\s+/);
  return terms.every((term, i) =>
    words.some((word) => (i === terms.length - 1 ? word.startsWith(term) : word === term)),
  );
}

describe.each(DIALECTS)('conversation search on %s', (dialect) => {
  let h: Harness;
  let ws: Workspace;
  const seeded: { id: string; inboxId: string; rank: number; words: string[] }[] = [];

  beforeAll(async () => {
    h = await startHarness(dialect);
    ws = await seedWorkspace(h.services);
    const contactId = ws.conversations[0]!.contactId;
    const start = Date.now() - 10 * 24 * 60 * MINUTE;
    const conversations: ConversationTable[] = [];
    const messages: MessageTable[] = [];
    const message = (conversation: ConversationTable, content: string, at: string): MessageTable => ({
      id: newId('message'),
      account_id: ws.accountId,
      inbox_id: conversation.inbox_id,
      conversation_id: conversation.id,
      type: 'incoming',
      author_kind: 'contact',
      author_id: contactId,
      content,
      source_id: null,
      delivery_status: null,
      created_at: at,
    });
    for (let rank = CONVERSATIONS - 1; rank >= 0; rank--) {
      const at = new Date(start + (CONVERSATIONS - rank) * MINUTE).toISOString();
      const inboxId = ws.inboxes[rank % 2]!.id;
      const conversation: ConversationTable = {
        id: newId('conversation'),
        account_id: ws.accountId,
        inbox_id: inboxId,
        contact_id: contactId,
        status: 'open',
        snoozed_until: null,
        assignee_user_id: null,
        priority: 'none',
        subject: null,
        last_message_id: null,
        last_activity_at: at,
        created_at: at,
        updated_at: at,
      };
      conversations.push(conversation);
      const words = wordsOf(rank);
      messages.push(message(conversation, `Hello, ${words.join(' and ')}.`, at));
      for (const [word, [from, to]] of FILLERS) {
        if (rank < from || rank >= to) continue;
        for (let n = 0; n < 12; n++)
          messages.push(message(conversation, `More about ${word}, part ${n}.`, at));
        words.push(word);
      }
      seeded.push({ id: conversation.id, inboxId, rank, words: [...new Set(words)] });
    }
    const db = h.services.db.kysely;
    for (let i = 0; i < conversations.length; i += 200) {
      await db
        .insertInto('conversations')
        .values(conversations.slice(i, i + 200))
        .execute();
    }
    for (let i = 0; i < messages.length; i += 200) {
      await db
        .insertInto('messages')
        .values(messages.slice(i, i + 200))
        .execute();
    }
  }, 60_000);
  afterAll(async () => h?.close());

  async function search(
    token: string,
    query: string,
    pages: number,
  ): Promise<{ ids: string[]; more: boolean }> {
    const ids: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < pages; page++) {
      const res = await call(
        h.app,
        'GET',
        `/api/v1/conversations?query=${encodeURIComponent(query)}${cursor ? `&cursor=${cursor}` : ''}`,
        { token },
      );
      expect(res.status).toBe(200);
      const body = res.body as { conversations: { id: string }[]; next_cursor: string | null };
      ids.push(...body.conversations.map((c) => c.id));
      cursor = body.next_cursor;
      if (!cursor) break;
    }
    return { ids, more: cursor !== null };
  }

  function expected(query: string, inboxIds: readonly string[] | null): string[] {
    return seeded
      .filter((c) => (inboxIds ? inboxIds.includes(c.inboxId) : true) && matches(c.words, query))
      .sort((a, b) => a.rank - b.rank)
      .map((c) => c.id);
  }

  it.each([
    ['a word in every conversation', 'alpha'],
    ['a prefix of it', 'alp'],
    ['a word in one conversation of 15', 'beta'],
    ['two words', 'alpha beta'],
    ['a word common in old conversations and sparse in new ones', 'gamma'],
    ['its prefix', 'gam'],
    ['a word common only in old conversations', 'delta'],
    ['a word only in old conversations', 'epsilon'],
    ['a word in no conversation', 'zeta'],
  ])('finds %s ("%s") exactly, newest activity first, page after page', async (_, query) => {
    for (const actor of [
      { token: ws.admin.token, inboxes: null },
      { token: ws.teammate.token, inboxes: [ws.inboxes[0]!.id] },
    ]) {
      const pages = 3;
      const all = expected(query, actor.inboxes);
      const got = await search(actor.token, query, pages);
      expect(got.ids).toEqual(all.slice(0, 25 * pages));
      expect(got.more).toBe(all.length > 25 * pages);
    }
  });
});
