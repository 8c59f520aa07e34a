/** The small workspace the MCP benchmarks and the soak call into, made through the real actions. */
import pino from 'pino';
import { createAccount } from '../src/accounts/create-account.js';
import { createAgent } from '../src/agents/create-agent.js';
import { receive } from '../src/channels/api/receive-incoming.js';
import type { Actor } from '../src/core/actor.js';
import { secretBox } from '../src/core/crypto.js';
import { perform } from '../src/core/perform.js';
import type { Scope } from '../src/core/scopes.js';
import type { Services } from '../src/core/services.js';
import { openDb } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { createInbox } from '../src/inboxes/create-inbox.js';

export const BENCH_SECRET = 'benchmark-secret-not-for-production';

export interface McpFixture {
  accountId: string;
  /** Conversations of the inbox, each with `messagesPerConversation` incoming messages. */
  conversationIds: string[];
  /** One agent (its bot token) with conversations:read and replies:write, supervised. */
  token: string;
  agentId: string;
}

/** Services on a database, as the server builds them, with logging off. */
export async function benchServices(url: string): Promise<Services> {
  const services: Services = {
    db: openDb(url, { backgroundCheckpoints: true }),
    box: secretBox(BENCH_SECRET),
    logger: pino({ level: 'warn' }),
    now: () => new Date(),
    onDeliveryQueued: () => undefined,
    onLeashChanged: () => undefined,
  };
  await migrate(services.db);
  return services;
}

export async function seedMcpFixture(
  services: Services,
  options: { conversations: number; messagesPerConversation: number; scopes?: Scope[] },
): Promise<McpFixture> {
  const account = await createAccount(services, { name: 'MCP Bench Co' }, 'benchmark');
  const system: Actor = { kind: 'system', accountId: account.id, reason: 'benchmark' };
  const inbox = await perform(services, system, createInbox, {
    type: 'api',
    name: 'Support',
    webhook_url: null,
  });
  const channel: Actor = { kind: 'channel', accountId: account.id, inboxId: inbox.id };
  const conversationIds: string[] = [];
  for (let c = 0; c < options.conversations; c++) {
    let conversationId: string | undefined;
    for (let m = 0; m < options.messagesPerConversation; m++) {
      const received = await receive(services, channel, {
        contact: { email: `customer-${c}@example.com`, name: `Customer ${c}` },
        content: `Message ${m} of customer ${c}: my order #${1000 + c} has not arrived yet, could you check where it is?`,
        ...(conversationId && { conversation_id: conversationId }),
      });
      conversationId = received.conversation_id;
    }
    conversationIds.push(conversationId!);
  }
  const agent = await perform(services, system, createAgent, {
    name: 'Bench agent',
    scopes: options.scopes ?? ['conversations:read', 'replies:write'],
    mode: 'supervised',
    inbox_ids: null,
    limits: { on_exceed: 'deny' },
  });
  return { accountId: account.id, conversationIds, token: agent.token, agentId: agent.id };
}
