import { DEMO_CONTACTS, DEMO_PRODUCTS, DEMO_TEAM, type DemoContact, type DemoUser } from './demo-contacts.js';
import { DEMO_THREADS, type DemoThread, parseTurn, type Turn, type TurnKind } from './demo-threads.js';
import { Random } from './random.js';

export const DEMO_SEED = 20_260_101;

export type DemoInbox = 'api' | 'email' | 'web_chat';
export type DemoStatus = 'open' | 'pending' | 'resolved' | 'snoozed';

export interface DemoChanges {
  assignee?: DemoUser;
  labels?: string[];
  priority?: DemoThread['priority'];
  status?: DemoStatus;
  snoozed_until?: string;
}

/** One thing that happens in the demo's history; the seeder performs them in time order. */
export type DemoStep =
  | { at: Date; kind: 'incoming'; conversation: number; content: string }
  | { at: Date; kind: 'reply' | 'note'; conversation: number; by: DemoUser; content: string }
  | { at: Date; kind: 'update'; conversation: number; by: DemoUser; changes: DemoChanges }
  | { at: Date; kind: 'enrich'; contact: number; by: DemoUser };

export interface PlannedConversation {
  inbox: DemoInbox;
  contact: number;
  status: DemoStatus;
  assignee: DemoUser | null;
}

export interface DemoPlan {
  /** When the workspace itself is created: an hour before its first conversation. */
  startedAt: Date;
  conversations: PlannedConversation[];
  steps: DemoStep[];
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Teammate Sam works the email and chat inboxes; the API inbox is the admin's. */
const INBOX_SIZES: Record<DemoInbox, number> = { api: 10, email: 21, web_chat: 19 };
const STATUS_MIX: Record<DemoStatus, number> = { resolved: 16, pending: 10, snoozed: 6, open: 8 };
/** How long ago a conversation's last event was, by its status. */
const ENDED_AGO: Record<DemoStatus, [number, number]> = {
  resolved: [DAY, 13 * DAY],
  pending: [2 * HOUR, 3 * DAY],
  snoozed: [HOUR, 4 * DAY],
  open: [5 * MINUTE, 2 * DAY],
};

/** Each contact talks at most once per inbox, so an incoming message always finds its own thread. */
function slots(rng: Random): { inbox: DemoInbox; contact: number }[] {
  const all = DEMO_CONTACTS.map((_, i) => i);
  const order = rng.shuffle(all);
  const email = order.slice(0, INBOX_SIZES.email);
  const chat = [...order.slice(INBOX_SIZES.email), ...rng.shuffle(email)].slice(0, INBOX_SIZES.web_chat);
  const api = rng.shuffle(all).slice(0, INBOX_SIZES.api);
  return [
    ...api.map((contact) => ({ inbox: 'api' as const, contact })),
    ...email.map((contact) => ({ inbox: 'email' as const, contact })),
    ...chat.map((contact) => ({ inbox: 'web_chat' as const, contact })),
  ];
}

/** Where the script stops: resolved runs to the end, pending and snoozed wait on the customer. */
function cut(rng: Random, turns: readonly Turn[], status: DemoStatus, untouched: boolean): readonly Turn[] {
  const kind = (i: number) => turns[i]?.[0];
  let end = turns.length - 1;
  if (status === 'pending' || status === 'snoozed') {
    const waits = turns.flatMap(([k], i) =>
      k === 'reply' && turns.slice(i).some(([later]) => later === 'customer') ? [i] : [],
    );
    end = rng.pick(waits);
  } else if (status === 'open') {
    // Open: the customer spoke last, either on first contact or later in the thread.
    const runEnds = turns.flatMap(([k], i) => (k === 'customer' && kind(i + 1) !== 'customer' ? [i] : []));
    end = untouched ? nth(runEnds, 0) : rng.pick(runEnds.slice(0, -1));
    while (kind(end + 1) === 'note') end += 1;
  }
  return turns.slice(0, end + 1);
}

function nth<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`No item ${index}`);
  return item;
}

function gap(rng: Random, previous: TurnKind, next: TurnKind): number {
  if (next === 'note') return rng.int(3 * MINUTE, 40 * MINUTE);
  if (next === 'reply') return rng.int(15 * MINUTE, 5 * HOUR);
  return previous === 'customer' ? rng.int(MINUTE, 8 * MINUTE) : rng.int(40 * MINUTE, 20 * HOUR);
}

function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (match, key: string) => values[key] ?? match);
}

function placeholders(rng: Random, contact: DemoContact, thread: DemoThread, writer: DemoUser) {
  return {
    first: contact.name.split(' ')[0] ?? contact.name,
    me: DEMO_TEAM[writer].name.split(' ')[0] ?? '',
    email: contact.email,
    company: String(contact.attributes?.company ?? 'Northwind Studio'),
    order: `#${rng.int(10_240, 19_999)}`,
    product: thread.product ?? rng.pick(DEMO_PRODUCTS),
    amount: `$${rng.int(29, 799)}.${rng.pick(['00', '50', '99'])}`,
    last4: String(rng.int(1000, 9999)),
    ref: `DW-${rng.int(10_000, 99_999)}`,
    day: rng.pick(['Tuesday', 'Wednesday', 'Thursday', 'Friday']),
  };
}

function planConversation(rng: Random, now: Date, index: number, slot: PlannedConversation): DemoStep[] {
  const thread = nth(DEMO_THREADS, index % DEMO_THREADS.length);
  const turns = cut(rng, thread.turns.map(parseTurn), slot.status, slot.inbox === 'api' || !slot.assignee);
  const writer = slot.assignee ?? 'admin';
  const values = placeholders(rng, nth(DEMO_CONTACTS, slot.contact), thread, writer);
  const other: DemoUser = writer === 'admin' && slot.inbox !== 'api' ? 'teammate' : 'admin';
  const conversation = index;
  const planned: { offset: number; step: (at: Date) => DemoStep }[] = [];
  let offset = 0;
  turns.forEach(([kind, text], i) => {
    if (i > 0) offset += gap(rng, nth(turns, i - 1)[0], kind);
    const content = fill(text, values);
    const by = kind === 'note' && rng.chance(0.25) ? other : writer;
    planned.push({
      offset,
      step: (at) =>
        kind === 'customer'
          ? { at, kind: 'incoming', conversation, content }
          : { at, kind, conversation, by, content },
    });
  });
  if (slot.assignee || rng.chance(0.5)) {
    // Triage, a few minutes after the first message: labels, priority and (maybe) an assignee.
    const changes: DemoChanges = { labels: [...thread.labels] };
    if (slot.assignee) changes.assignee = slot.assignee;
    if (thread.priority !== 'none') changes.priority = thread.priority;
    planned.push({
      offset: rng.int(2 * MINUTE, 12 * MINUTE),
      step: (at) => ({ at, kind: 'update', conversation, by: 'admin', changes }),
    });
  }
  if (slot.status !== 'open') {
    const changes: DemoChanges = { status: slot.status };
    if (slot.status === 'snoozed') {
      const wake = new Date(now.getTime() + rng.int(1, 4) * DAY);
      wake.setUTCHours(9, 0, 0, 0);
      changes.snoozed_until = wake.toISOString();
    }
    offset += rng.int(5 * MINUTE, HOUR);
    planned.push({ offset, step: (at) => ({ at, kind: 'update', conversation, by: writer, changes }) });
  }
  const [min, max] = ENDED_AGO[slot.status];
  const start = now.getTime() - rng.int(min, max) - offset;
  return planned.map(({ offset: o, step }) => step(new Date(start + o)));
}

/** The demo's history: which conversations exist, and every message and change, oldest first. */
export function planDemo(now: Date, seed = DEMO_SEED): DemoPlan {
  const rng = new Random(seed);
  const statuses = rng.shuffle(
    Object.entries(STATUS_MIX).flatMap(([status, n]) => Array<DemoStatus>(n).fill(status as DemoStatus)),
  );
  const conversations: PlannedConversation[] = slots(rng).map((slot) => {
    const status = slot.inbox === 'api' ? 'open' : (statuses.pop() ?? 'open');
    const replied = status !== 'open' || rng.chance(0.5);
    const assignee: DemoUser | null =
      slot.inbox === 'api'
        ? rng.chance(0.5)
          ? 'admin'
          : null
        : replied
          ? rng.chance(0.6)
            ? 'teammate'
            : 'admin'
          : null;
    return { ...slot, status, assignee };
  });
  const byTime = (a: DemoStep, b: DemoStep) => a.at.getTime() - b.at.getTime();
  const steps = conversations.flatMap((c, i) => planConversation(rng, now, i, c)).sort(byTime);
  // A teammate fills in what they learn about a customer soon after first hearing from them.
  for (const [contact, data] of DEMO_CONTACTS.entries()) {
    const first = steps.find(
      (s) => s.kind === 'incoming' && conversations[s.conversation]?.contact === contact,
    );
    if (data.attributes && first) {
      steps.push({
        at: new Date(first.at.getTime() + rng.int(30 * MINUTE, 2 * HOUR)),
        kind: 'enrich',
        contact,
        by: 'admin',
      });
    }
  }
  steps.sort(byTime);
  const startedAt = new Date((steps[0]?.at.getTime() ?? now.getTime()) - HOUR);
  return { startedAt, conversations, steps };
}
