import { exponential, type Rng, seededRng, weighted } from './random.js';

/**
 * The shape of the seeded data, decided up front in typed arrays (no text yet): who, where, when.
 * Messages are laid out in global time order, as a live help desk would have written them, so
 * rowids and ids grow with time.
 */
export interface SeedPlan {
  nowMs: number;
  contacts: { count: number; createdMs: Float64Array };
  conversations: {
    count: number;
    contact: Uint32Array;
    inbox: Uint8Array;
    status: Uint8Array;
    priority: Uint8Array;
    /** Index into the workspace's users, or -1 when unassigned. */
    assignee: Int8Array;
    snoozedUntilMs: Float64Array;
    startMs: Float64Array;
    lastMs: Float64Array;
    lastSeq: Uint32Array;
    hasSubject: Uint8Array;
  };
  /** Indexed by global sequence (time order). */
  messages: { count: number; conversation: Uint32Array; position: Uint16Array; ms: Float64Array };
}

export const STATUSES = ['open', 'pending', 'resolved', 'snoozed'] as const;
export const PRIORITIES = ['none', 'low', 'medium', 'high', 'urgent'] as const;

const DAY = 86_400_000;
const HISTORY_DAYS = 365;

export interface PlanSize {
  contacts: number;
  conversations: number;
  messages: number;
  inboxWeights: readonly number[];
  users: number;
}

export function planSeed(size: PlanSize, nowMs: number, seed = 42): SeedPlan {
  const rng = seededRng(seed);
  const start = nowMs - HISTORY_DAYS * DAY;
  const contactCreatedMs = new Float64Array(size.contacts);
  for (let i = 0; i < size.contacts; i++)
    contactCreatedMs[i] = start - 30 * DAY + Math.floor(rng() * 30 * DAY);

  const n = size.conversations;
  const startMs = new Float64Array(n);
  for (let i = 0; i < n; i++) startMs[i] = start + Math.floor(rng() * (HISTORY_DAYS * DAY - 3_600_000));
  startMs.sort();

  const counts = messageCounts(rng, n, size.messages);
  const offsets = new Uint32Array(n + 1);
  for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i]! + counts[i]!;
  const flatMs = new Float64Array(size.messages);
  for (let i = 0; i < n; i++) threadTimes(rng, flatMs, offsets[i]!, counts[i]!, startMs[i]!, nowMs);

  const order = new Uint32Array(size.messages);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => flatMs[a]! - flatMs[b]! || a - b);

  const conversationOfFlat = new Uint32Array(size.messages);
  for (let i = 0; i < n; i++) conversationOfFlat.fill(i, offsets[i]!, offsets[i + 1]!);
  const messages = {
    count: size.messages,
    conversation: new Uint32Array(size.messages),
    position: new Uint16Array(size.messages),
    ms: new Float64Array(size.messages),
  };
  const lastSeq = new Uint32Array(n);
  for (let seq = 0; seq < order.length; seq++) {
    const flat = order[seq]!;
    const conversation = conversationOfFlat[flat]!;
    const position = flat - offsets[conversation]!;
    messages.conversation[seq] = conversation;
    messages.position[seq] = position;
    messages.ms[seq] = flatMs[flat]!;
    if (position === counts[conversation]! - 1) lastSeq[conversation] = seq;
  }

  const conversations = {
    count: n,
    contact: new Uint32Array(n),
    inbox: new Uint8Array(n),
    status: new Uint8Array(n),
    priority: new Uint8Array(n),
    assignee: new Int8Array(n),
    snoozedUntilMs: new Float64Array(n),
    startMs,
    lastMs: new Float64Array(n),
    lastSeq,
    hasSubject: new Uint8Array(n),
  };
  for (let i = 0; i < n; i++) {
    const lastMs = flatMs[offsets[i + 1]! - 1]!;
    conversations.lastMs[i] = lastMs;
    conversations.contact[i] = Math.floor(rng() * size.contacts);
    conversations.inbox[i] = weighted(rng, size.inboxWeights);
    // Old conversations are mostly resolved; the open backlog is recent-heavy.
    const age = (nowMs - lastMs) / (HISTORY_DAYS * DAY);
    const status = rng() < 0.35 + 0.6 * age ? 2 : weighted(rng, [60, 25, 0, 15]);
    conversations.status[i] = status;
    if (status === 3) conversations.snoozedUntilMs[i] = nowMs + DAY + Math.floor(rng() * 30 * DAY);
    conversations.priority[i] = weighted(rng, [70, 10, 10, 7, 3]);
    conversations.assignee[i] = rng() < 0.6 ? Math.floor(rng() * size.users) : -1;
    conversations.hasSubject[i] = rng() < 0.3 ? 1 : 0;
  }
  return { nowMs, contacts: { count: size.contacts, createdMs: contactCreatedMs }, conversations, messages };
}

/** Thread lengths averaging total/n (most short, a few long), adjusted to sum exactly to `total`. */
function messageCounts(rng: Rng, n: number, total: number): Uint16Array {
  const counts = new Uint16Array(n);
  const mean = total / n;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const c = Math.min(400, 1 + Math.floor(exponential(rng, mean - 0.5)));
    counts[i] = c;
    sum += c;
  }
  while (sum !== total) {
    const i = Math.floor(rng() * n);
    if (sum < total && counts[i]! < 400) {
      counts[i] = counts[i]! + 1;
      sum++;
    } else if (sum > total && counts[i]! > 1) {
      counts[i] = counts[i]! - 1;
      sum--;
    }
  }
  return counts;
}

/** Message times of one thread: replies hours apart, squeezed so the last is before now. */
function threadTimes(
  rng: Rng,
  out: Float64Array,
  at: number,
  count: number,
  startMs: number,
  nowMs: number,
): void {
  let t = 0;
  out[at] = 0;
  for (let j = 1; j < count; j++) {
    t += 60_000 + Math.floor(exponential(rng, 5 * 3_600_000));
    out[at + j] = t;
  }
  const room = nowMs - 60_000 - startMs;
  const scale = t > room ? room / t : 1;
  let previous = -1;
  for (let j = 0; j < count; j++) {
    // Whole milliseconds, strictly increasing within the thread.
    const ms = Math.max(previous + 1, Math.floor(startMs + out[at + j]! * scale));
    out[at + j] = ms;
    previous = ms;
  }
}
