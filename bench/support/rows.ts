import type { ContactTable, ConversationTable, MessageTable } from '../../src/db/schema.js';
import { PRIORITIES, type SeedPlan, STATUSES } from './plan.js';
import { seededRng } from './random.js';
import { agentMessage, customerMessage, FIRST_NAMES, LAST_NAMES, noteMessage, subjectLine } from './text.js';

/** What the bulk rows hang on: the account, inboxes and users made through the real actions. */
export interface SeedTargets {
  accountId: string;
  inboxes: readonly { id: string; type: 'api' | 'email' | 'web_chat' }[];
  userIds: readonly string[];
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function base32(value: number, length: number): string {
  let out = '';
  let v = value;
  for (let i = 0; i < length; i++) {
    out = CROCKFORD[v % 32]! + out;
    v = Math.floor(v / 32);
  }
  return out;
}

/** A ULID-shaped id for a given time: sorts by time, then by `n`, like the app's monotonic ids. */
export function seededId(prefix: string, ms: number, n: number): string {
  const scramble = Math.imul(n ^ 0x5bd1e995, 0x27d4eb2d) >>> 0;
  return `${prefix}_${base32(ms, 10)}${base32(n, 8)}${base32(scramble, 8)}`;
}

const iso = (ms: number) => new Date(ms).toISOString();

export const contactId = (plan: SeedPlan, i: number) => seededId('ct', plan.contacts.createdMs[i]!, i);
export const conversationId = (plan: SeedPlan, i: number) =>
  seededId('conv', plan.conversations.startMs[i]!, i);
export const messageId = (plan: SeedPlan, seq: number) => seededId('msg', plan.messages.ms[seq]!, seq);

function contactName(i: number): { first: string; last: string } {
  const h = Math.imul(i + 1, 0x9e3779b1) >>> 0;
  return { first: FIRST_NAMES[h % FIRST_NAMES.length]!, last: LAST_NAMES[(h >>> 8) % LAST_NAMES.length]! };
}

export function contactRow(plan: SeedPlan, t: SeedTargets, i: number): ContactTable {
  const { first, last } = contactName(i);
  const created = iso(plan.contacts.createdMs[i]!);
  return {
    id: contactId(plan, i),
    account_id: t.accountId,
    name: `${first} ${last}`,
    email: i % 10 === 9 ? null : `${first.toLowerCase()}.${i}@example.net`,
    phone: i % 3 === 0 ? `+1555${String(i).padStart(7, '0')}` : null,
    custom_attributes: i % 4 === 0 ? JSON.stringify({ tier: i % 8 === 0 ? 'gold' : 'silver' }) : '{}',
    created_at: created,
    updated_at: created,
  };
}

export function conversationRow(plan: SeedPlan, t: SeedTargets, i: number): ConversationTable {
  const c = plan.conversations;
  const rng = seededRng(i * 7919 + 1);
  const assignee = c.assignee[i]!;
  const snoozed = c.snoozedUntilMs[i]!;
  return {
    id: conversationId(plan, i),
    account_id: t.accountId,
    inbox_id: t.inboxes[c.inbox[i]!]!.id,
    contact_id: contactId(plan, c.contact[i]!),
    status: STATUSES[c.status[i]!]!,
    snoozed_until: snoozed ? iso(snoozed) : null,
    assignee_user_id: assignee >= 0 ? t.userIds[assignee]! : null,
    priority: PRIORITIES[c.priority[i]!]!,
    subject: c.hasSubject[i] ? subjectLine(rng) : null,
    last_message_id: messageId(plan, c.lastSeq[i]!),
    last_activity_at: iso(c.lastMs[i]!),
    created_at: iso(c.startMs[i]!),
    updated_at: iso(c.lastMs[i]!),
  };
}

/** Message rows in time order; the text comes from one seeded stream, so every run is the same. */
export function* messageRows(plan: SeedPlan, t: SeedTargets, from = 0): Generator<MessageTable> {
  const m = plan.messages;
  const c = plan.conversations;
  const rng = seededRng(1234 + from);
  for (let seq = from; seq < m.count; seq++) {
    const conversation = m.conversation[seq]!;
    const position = m.position[seq]!;
    const inbox = t.inboxes[c.inbox[conversation]!]!;
    const contact = c.contact[conversation]!;
    const r = position === 0 ? 0 : rng();
    const type = r < 0.5 ? 'incoming' : r < 0.92 ? 'outgoing' : 'note';
    const assignee = c.assignee[conversation]!;
    const agent = t.userIds[assignee >= 0 ? assignee : seq % t.userIds.length]!;
    yield {
      id: messageId(plan, seq),
      account_id: t.accountId,
      inbox_id: inbox.id,
      conversation_id: conversationId(plan, conversation),
      type,
      author_kind: type === 'incoming' ? 'contact' : 'user',
      author_id: type === 'incoming' ? contactId(plan, contact) : agent,
      content:
        type === 'incoming'
          ? customerMessage(rng, position === 0, contactName(contact).first)
          : type === 'outgoing'
            ? agentMessage(rng)
            : noteMessage(rng),
      source_id: null,
      delivery_status: type === 'outgoing' && inbox.type === 'api' ? 'sent' : null,
      created_at: iso(m.ms[seq]!),
    };
  }
}
