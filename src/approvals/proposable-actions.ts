import type { ActionDef } from '../core/action.js';
import { replyToConversation } from '../conversations/post-message.js';
import { startConversation } from '../conversations/start-conversation.js';
import { cancelOrder } from '../money/cancel-order.js';
import { cancelSubscription } from '../money/cancel-subscription.js';
import { refundOrder } from '../money/refund-order.js';

/** The actions an agent can propose (customer-facing and money ones), by name, for executing an approval. */
export const PROPOSABLE_ACTIONS: ReadonlyMap<string, ActionDef> = new Map(
  [replyToConversation, startConversation, refundOrder, cancelOrder, cancelSubscription].map((action) => [
    action.name,
    action as unknown as ActionDef,
  ]),
);
