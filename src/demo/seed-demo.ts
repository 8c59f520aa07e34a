import { randomBytes } from 'node:crypto';
import { createAccount } from '../accounts/create-account.js';
import { receive } from '../channels/api/receive-incoming.js';
import { updateContact } from '../contacts/update-contact.js';
import { postMessage } from '../conversations/post-message.js';
import { updateConversation } from '../conversations/update-conversation.js';
import type { Actor } from '../core/actor.js';
import { createAgent } from '../agents/create-agent.js';
import { AppError } from '../core/errors.js';
import { perform } from '../core/perform.js';
import type { Services } from '../core/services.js';
import type { Executor } from '../db/database.js';
import { createInbox } from '../inboxes/create-inbox.js';
import { createUser } from '../users/create-user.js';
import { findUserInAccount, userActor } from '../users/users.repository.js';
import { DEMO_CONTACTS, DEMO_TEAM, type DemoUser } from './demo-contacts.js';
import { DEMO_AGENT_LIMITS, seedDemoStore } from './seed-demo-store.js';
import { type DemoInbox, type DemoStep, type PlannedConversation, planDemo } from './demo-plan.js';

export const DEMO_ACCOUNT_NAME = 'Demo Co';

const DEMO_INBOXES: Record<DemoInbox, string> = {
  api: 'Website API',
  email: 'Support email',
  web_chat: 'Website chat',
};

export interface DemoWorkspace {
  accountId: string;
  admin: { email: string; password: string };
  /**
   * A supervised demo agent: it reads, takes notes, and proposes replies and refunds (which wait
   * for approval) against the demo's sandbox store.
   */
  agent: { id: string; token: string };
  contacts: number;
  conversations: number;
  messages: number;
}

/** Whether the database is empty, holds just the demo workspace, or holds something else. */
export async function demoState(db: Executor): Promise<'empty' | 'demo' | 'other'> {
  const accounts = await db.selectFrom('accounts').select('name').limit(2).execute();
  if (!accounts.length) return 'empty';
  return accounts.length === 1 && accounts[0]?.name === DEMO_ACCOUNT_NAME ? 'demo' : 'other';
}

interface Workspace {
  accountId: string;
  inboxes: Record<DemoInbox, string>;
  users: Record<DemoUser, { id: string; actor: Actor }>;
}

async function createWorkspace(services: Services, adminPassword: string): Promise<Workspace> {
  const account = await createAccount(services, { name: DEMO_ACCOUNT_NAME }, 'demo');
  const system: Actor = { kind: 'system', accountId: account.id, reason: 'demo' };
  const inbox = async (type: DemoInbox) =>
    (await perform(services, system, createInbox, { type, name: DEMO_INBOXES[type] })).id;
  const inboxes = { api: await inbox('api'), email: await inbox('email'), web_chat: await inbox('web_chat') };
  const user = async (who: DemoUser, password: string, inbox_ids?: string[]) => {
    const role = who === 'admin' ? 'admin' : 'teammate';
    const created = await perform(services, system, createUser, {
      ...DEMO_TEAM[who],
      password,
      role,
      inbox_ids,
    });
    const row = await findUserInAccount(services.db.kysely, account.id, created.id);
    return { id: created.id, actor: await userActor(services.db.kysely, row, null) };
  };
  const users = {
    admin: await user('admin', adminPassword),
    // Nobody signs in as the teammate in the demo; a random password keeps the account closed.
    teammate: await user('teammate', randomBytes(18).toString('base64url'), [
      inboxes.email,
      inboxes.web_chat,
    ]),
  };
  return { accountId: account.id, inboxes, users };
}

/** What the plan's indexes became: conversation and contact ids. */
interface Ids {
  conversations: Map<number, string>;
  contacts: Map<number, string>;
}

function idOf(ids: Map<number, string>, index: number): string {
  const id = ids.get(index);
  if (!id) throw new Error(`The demo plan refers to ${index} before creating it`);
  return id;
}

async function runStep(
  services: Services,
  ws: Workspace,
  planned: readonly PlannedConversation[],
  ids: Ids,
  step: DemoStep,
): Promise<void> {
  if (step.kind === 'enrich') {
    const { attributes } = DEMO_CONTACTS[step.contact] ?? {};
    const input = { contact_id: idOf(ids.contacts, step.contact), custom_attributes: attributes };
    await perform(services, ws.users[step.by].actor, updateContact, input);
    return;
  }
  const conversation = planned[step.conversation];
  const contact = conversation && DEMO_CONTACTS[conversation.contact];
  if (!conversation || !contact) throw new Error(`No conversation ${step.conversation} in the demo plan`);
  if (step.kind === 'incoming') {
    // The customer writes in on the conversation's own inbox, as that channel would deliver it.
    const channel: Actor = {
      kind: 'channel',
      accountId: ws.accountId,
      inboxId: ws.inboxes[conversation.inbox],
    };
    const existing = ids.conversations.get(step.conversation);
    const received = await receive(services, channel, {
      contact: {
        email: contact.email,
        name: contact.name,
        ...(contact.phone && { phone: contact.phone }),
        ...(conversation.inbox === 'api' && { external_id: `cus_${1001 + conversation.contact}` }),
      },
      content: step.content,
      ...(existing && { conversation_id: existing }),
    });
    ids.conversations.set(step.conversation, received.conversation_id);
    ids.contacts.set(conversation.contact, received.contact_id);
    return;
  }
  const conversation_id = idOf(ids.conversations, step.conversation);
  const actor = ws.users[step.by].actor;
  if (step.kind === 'update') {
    const { assignee, ...changes } = step.changes;
    const assignee_id = assignee && ws.users[assignee].id;
    await perform(services, actor, updateConversation, { conversation_id, assignee_id, ...changes });
    return;
  }
  const input = { conversation_id, content: step.content, private: step.kind === 'note' };
  await perform(services, actor, postMessage, input);
}

/**
 * Creates the demo workspace in an empty database — an account, three inboxes, an admin and a
 * teammate, ~20 customers and ~50 conversations over the last two weeks — entirely through the
 * actions the doors use, so every row has its audit event. The content is fixed (seeded); only
 * the times follow the clock.
 */
export async function seedDemo(
  services: Services,
  options: { password?: string } = {},
): Promise<DemoWorkspace> {
  if ((await demoState(services.db.kysely)) !== 'empty') {
    throw new AppError(
      'conflict',
      'The demo workspace is only created in an empty database, and this one has data',
    );
  }
  const plan = planDemo(services.now());
  let clock = plan.startedAt;
  // Each step runs with the clock at its planned time, so the history reads as two real weeks.
  const demo: Services = { ...services, now: () => clock };
  const password = options.password ?? randomBytes(12).toString('base64url');
  const workspace = await createWorkspace(demo, password);
  const ids: Ids = { conversations: new Map(), contacts: new Map() };
  for (const step of plan.steps) {
    clock = step.at;
    await runStep(demo, workspace, plan.conversations, ids, step);
  }
  await seedDemoStore(services, workspace.accountId);
  // Supervised, so every reply and every refund it proposes waits in Approvals; its money limits
  // show what a person is asked about (and JPY, which it has no limit in, is refused).
  const agent = await perform(
    services,
    { kind: 'system', accountId: workspace.accountId, reason: 'demo' },
    createAgent,
    {
      name: 'Demo support agent',
      scopes: [
        'conversations:read',
        'contacts:read',
        'orders:read',
        'replies:write',
        'notes:write',
        'conversations:update',
        'refunds:write',
        'orders:cancel',
        'subscriptions:cancel',
      ],
      mode: 'supervised',
      limits: DEMO_AGENT_LIMITS,
    },
  );
  return {
    accountId: workspace.accountId,
    admin: { email: DEMO_TEAM.admin.email, password },
    agent: { id: agent.id, token: agent.token },
    contacts: ids.contacts.size,
    conversations: ids.conversations.size,
    messages: plan.steps.filter((s) => s.kind === 'incoming' || s.kind === 'reply' || s.kind === 'note')
      .length,
  };
}
