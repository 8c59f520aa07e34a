import { identityHash } from '../../src/channels/web-chat/identity.js';
import { startSession } from '../../src/channels/web-chat/start-session.js';
import type { Actor } from '../../src/core/actor.js';
import { perform } from '../../src/core/perform.js';
import type { Services } from '../../src/core/services.js';
import { createInbox } from '../../src/inboxes/create-inbox.js';

/** A site allowed to use the test widget. */
export const WIDGET_ORIGIN = 'https://shop.example';

/** Limits high enough that tests probing the widget's routes never meet them. */
export const UNLIMITED_WIDGET = {
  perAddressPerMinute: 1_000_000,
  sessionsPerAddressPerMinute: 1_000_000,
  messagesPerVisitorPerMinute: 1_000_000,
};

/** A web_chat inbox for WIDGET_ORIGIN and one visitor of it, made through the same actions as the doors. */
export async function seedWidget(
  services: Services,
  system: Actor,
): Promise<{
  inboxId: string;
  key: string;
  visitorToken: string;
  /** A signed-in customer's identity, signed with the inbox secret. */
  identity: { user_id: string; hash: string };
}> {
  const inbox = await perform(services, system, createInbox, {
    type: 'web_chat',
    name: 'Website chat',
    web_chat: { allowed_origins: [WIDGET_ORIGIN] },
  });
  const key = inbox.web_chat!.public_key;
  const channel: Actor = { kind: 'channel', accountId: system.accountId, inboxId: inbox.id };
  const session = await perform(services, channel, startSession, { public_key: key, email: 'v@example.com' });
  const identity = { user_id: 'customer-1', hash: identityHash(inbox.secret, 'customer-1') };
  return { inboxId: inbox.id, key, visitorToken: session.visitor_token, identity };
}
