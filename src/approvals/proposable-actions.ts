import type { ActionDef } from '../core/action.js';
import { replyToConversation } from '../conversations/post-message.js';
import { startConversation } from '../conversations/start-conversation.js';

/** The actions an agent can propose (customer-facing ones), by name, for executing an approval. */
export const PROPOSABLE_ACTIONS: ReadonlyMap<string, ActionDef> = new Map(
  [replyToConversation, startConversation].map((action) => [action.name, action as ActionDef]),
);
