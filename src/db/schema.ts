import type { Insertable, Selectable, Updateable } from 'kysely';

/**
 * Table shapes. Timestamps are ISO-8601 strings on both dialects (PostgreSQL `timestamptz` is read
 * back as ISO by the pg type parser in database.ts), JSON is stored as text, booleans as 0/1.
 */
export interface AccountTable {
  id: string;
  name: string;
  agents_paused: number;
  created_at: string;
}

export interface UserTable {
  id: string;
  account_id: string;
  email: string;
  name: string;
  role: 'admin' | 'teammate';
  password_hash: string;
  created_at: string;
}

export interface InboxMemberTable {
  inbox_id: string;
  user_id: string;
  account_id: string;
}

export interface SessionTable {
  id: string;
  token_hash: string;
  user_id: string;
  account_id: string;
  expires_at: string;
  created_at: string;
}

export interface UserTokenTable {
  id: string;
  token_hash: string;
  user_id: string;
  account_id: string;
  name: string;
  created_at: string;
  revoked_at: string | null;
}

export interface InboxTable {
  id: string;
  account_id: string;
  type: 'api' | 'email' | 'web_chat';
  name: string;
  webhook_url: string | null;
  /** SHA-256 of the inbox secret, for constant-time checks of inbound calls. */
  secret_hash: string;
  /** The inbox secret sealed with DESKWOOT_SECRET: needed in clear to sign outbound webhooks. */
  secret_sealed: string;
  created_at: string;
}

export interface ContactTable {
  id: string;
  account_id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  custom_attributes: string;
  created_at: string;
  updated_at: string;
}

export interface ContactExternalIdTable {
  account_id: string;
  namespace: string;
  value: string;
  contact_id: string;
}

export interface ConversationTable {
  id: string;
  account_id: string;
  inbox_id: string;
  contact_id: string;
  status: 'open' | 'pending' | 'resolved' | 'snoozed';
  snoozed_until: string | null;
  assignee_user_id: string | null;
  priority: 'none' | 'low' | 'medium' | 'high' | 'urgent';
  subject: string | null;
  last_message_id: string | null;
  last_activity_at: string;
  created_at: string;
  updated_at: string;
}

export interface ConversationLabelTable {
  conversation_id: string;
  account_id: string;
  label: string;
}

export interface MessageTable {
  id: string;
  account_id: string;
  inbox_id: string;
  conversation_id: string;
  type: 'incoming' | 'outgoing' | 'note' | 'activity';
  author_kind: 'contact' | 'user' | 'agent' | 'system';
  author_id: string | null;
  content: string;
  source_id: string | null;
  delivery_status: 'pending' | 'sent' | 'failed' | null;
  /** Why delivery finally failed (an SMTP refusal, a bounce); optional so older row literals stay valid. */
  delivery_error?: string | null;
  created_at: string;
}

export interface DeliveryTable {
  id: string;
  account_id: string;
  message_id: string;
  inbox_id: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  next_attempt_at: string;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface EmailSettingsTable {
  inbox_id: string;
  account_id: string;
  /** The inbox's own address (lower case): mail to it, or to `local+token@domain`, lands here. */
  address: string;
  smtp_host: string;
  smtp_port: number;
  /** `tls`: TLS from the start (465); `starttls`: upgrade required (587); `none`: plain (a local relay). */
  smtp_security: 'tls' | 'starttls' | 'none';
  smtp_user: string | null;
  /** Sealed with DESKWOOT_SECRET; never returned. */
  smtp_password_sealed: string | null;
  created_at: string;
  updated_at: string;
}

export interface EmailThreadTable {
  conversation_id: string;
  account_id: string;
  inbox_id: string;
  /** In the Reply-To address (`local+token@domain`), so a reply threads when its headers are lost. */
  reply_token: string;
  subject: string;
  created_at: string;
}

export interface EmailMessageTable {
  message_id: string;
  account_id: string;
  inbox_id: string;
  conversation_id: string;
  /** `<id@domain>`, fixed before the first send so every retry carries the same one. */
  rfc_message_id: string;
  in_reply_to: string | null;
  /** Space-separated Message-IDs, oldest first. */
  references: string;
  subject: string;
  /** An inbound mail's text before quotes and signature were stripped. */
  full_text: string | null;
  created_at: string;
}

export interface AttachmentTable {
  id: string;
  account_id: string;
  inbox_id: string;
  conversation_id: string;
  message_id: string;
  filename: string;
  content_type: string;
  size: number;
  content: Buffer;
  created_at: string;
}

export interface AuditEventTable {
  id: string;
  account_id: string;
  seq: number;
  actor_kind: 'user' | 'agent' | 'system' | 'channel';
  actor_id: string | null;
  token_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  outcome: 'succeeded' | 'denied' | 'pending_approval' | 'approved' | 'rejected' | 'failed';
  reason: string | null;
  input: string;
  result: string;
  created_at: string;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  account_id: string;
  seq: number;
  last_hash: string;
}

export interface AgentTable {
  id: string;
  account_id: string;
  name: string;
  /** JSON array of scopes. */
  scopes: string;
  /** JSON array of inbox ids, or null for every inbox of the account. */
  inbox_ids: string | null;
  mode: 'supervised' | 'autonomous';
  /** JSON of the money limits (SPEC §2.3); enforced when money actions exist. */
  limits: string;
  status: 'active' | 'revoked';
  created_by: string | null;
  created_at: string;
  updated_at: string;
  revoked_at: string | null;
  last_active_at: string | null;
}

export interface AgentTokenTable {
  id: string;
  agent_id: string;
  account_id: string;
  token_hash: string;
  created_at: string;
  revoked_at: string | null;
}

export interface ApprovalTable {
  id: string;
  account_id: string;
  agent_id: string;
  token_id: string;
  /** The proposed action's name, e.g. `conversation.reply`. */
  action: string;
  /** JSON of the action's input as the agent proposed it. */
  input: string;
  inbox_id: string | null;
  conversation_id: string | null;
  /** Why a person is asked: `supervised`, or the limit that was exceeded. */
  reason: string;
  status: 'pending' | 'approved' | 'rejected' | 'cancelled' | 'failed';
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string | null;
  /** JSON of the input as approved, when the teammate edited it. */
  edited_input: string | null;
  /** JSON of the executed action's output. */
  result: string | null;
  /** JSON of what a person needs to decide a money proposal (the order, amount, limit); null for drafts. */
  details: string | null;
  created_at: string;
}

export interface StoreTable {
  id: string;
  account_id: string;
  kind: 'stripe' | 'shopify' | 'woocommerce';
  name: string;
  /** A different endpoint than the vendor's (tests, proxies), or null. `sandbox:` names a demo sandbox. */
  api_base: string | null;
  /** The credentials, sealed with DESKWOOT_SECRET; never returned. */
  credentials_sealed: string;
  status: 'connected' | 'disconnected';
  created_at: string;
  updated_at: string;
}

export type MoneyKind = 'refund' | 'cancel_order' | 'cancel_subscription';

/**
 * `reserved` (written before the store is called) → `succeeded`, `pending` (the store accepted it and
 * will settle later), `failed` (released: counts toward nothing), or `unknown` (the store did not say;
 * still counted until reconciled).
 */
export type MoneyStatus = 'reserved' | 'pending' | 'succeeded' | 'failed' | 'unknown';

export interface MoneyActionTable {
  id: string;
  account_id: string;
  store_id: string;
  kind: MoneyKind;
  /** The action's name (`order.refund`, …), for its audit event. */
  action: string;
  /** The full order or subscription id. */
  target_id: string;
  contact_id: string | null;
  currency: string;
  /** Minor units at stake: the refund, or what a cancellation puts at stake. */
  amount: number;
  status: MoneyStatus;
  actor_kind: 'user' | 'agent' | 'system' | 'channel';
  actor_id: string | null;
  token_id: string | null;
  agent_id: string | null;
  approval_id: string | null;
  approved_by: string | null;
  /** The caller's idempotency key, if it gave one: a repeat returns this action instead of a new one. */
  client_key: string | null;
  /** JSON of the action's input, as audited. */
  input: string;
  /** The store's id for what it did (refund id, job id). */
  vendor_ref: string | null;
  error: string | null;
  /** JSON of the settled output. */
  result: string | null;
  attempts: number;
  next_check_at: string | null;
  created_at: string;
  settled_at: string | null;
}

/** An agent's money at stake per currency in one five-minute bucket (its start). */
export interface MoneyUsageTable {
  account_id: string;
  agent_id: string;
  currency: string;
  bucket: string;
  amount: number;
}

export interface MoneyLockTable {
  account_id: string;
  seq: number;
}

export interface SandboxStateTable {
  store_id: string;
  state: string;
  updated_at: string;
}

/** A web_chat inbox's widget settings (src/channels/web-chat/). */
export interface WebChatSettingsTable {
  inbox_id: string;
  account_id: string;
  /** Names the inbox in the embed snippet; public, not a secret. */
  public_key: string;
  /** JSON array of origins (`https://shop.example`) the widget may be used from, or `["*"]`. */
  allowed_origins: string;
  /** 1: the pre-chat form's email is required before the first message. */
  require_email: number;
  /** `required`: only visitors with a verified identity (HMAC of the user id) may chat. */
  identity: 'optional' | 'required';
  /** An email inbox of the account that mails replies to visitors who left the page; null: none. */
  fallback_email_inbox_id?: string | null;
  updated_at: string;
}

/** A browser that chats through a web_chat inbox's widget; its token is stored only as SHA-256. */
export interface WebChatVisitorTable {
  id: string;
  account_id: string;
  inbox_id: string;
  token_hash: string;
  contact_id: string;
  /** The visitor's chat, once it sent a first message. */
  conversation_id: string | null;
  /** The site's user id, when the visitor's identity was verified. */
  user_id: string | null;
  created_at: string;
  last_seen_at: string;
}

export interface Database {
  accounts: AccountTable;
  users: UserTable;
  inbox_members: InboxMemberTable;
  sessions: SessionTable;
  user_tokens: UserTokenTable;
  inboxes: InboxTable;
  contacts: ContactTable;
  contact_external_ids: ContactExternalIdTable;
  conversations: ConversationTable;
  conversation_labels: ConversationLabelTable;
  messages: MessageTable;
  deliveries: DeliveryTable;
  email_settings: EmailSettingsTable;
  email_threads: EmailThreadTable;
  email_messages: EmailMessageTable;
  attachments: AttachmentTable;
  audit_events: AuditEventTable;
  audit_heads: AuditHeadTable;
  agents: AgentTable;
  agent_tokens: AgentTokenTable;
  approvals: ApprovalTable;
  stores: StoreTable;
  money_actions: MoneyActionTable;
  money_locks: MoneyLockTable;
  money_usage: MoneyUsageTable;
  sandbox_states: SandboxStateTable;
  web_chat_settings: WebChatSettingsTable;
  web_chat_visitors: WebChatVisitorTable;
  kysely_migration: { name: string; timestamp: string };
}

export type Account = Selectable<AccountTable>;
export type User = Selectable<UserTable>;
export type Inbox = Selectable<InboxTable>;
export type Contact = Selectable<ContactTable>;
export type Conversation = Selectable<ConversationTable>;
export type Message = Selectable<MessageTable>;
export type NewMessage = Insertable<MessageTable>;
export type ConversationUpdate = Updateable<ConversationTable>;
export type Delivery = Selectable<DeliveryTable>;
export type EmailSettings = Selectable<EmailSettingsTable>;
export type EmailMessage = Selectable<EmailMessageTable>;
export type Attachment = Selectable<AttachmentTable>;
export type AuditEvent = Selectable<AuditEventTable>;
export type Agent = Selectable<AgentTable>;
export type Approval = Selectable<ApprovalTable>;
export type Store = Selectable<StoreTable>;
export type MoneyAction = Selectable<MoneyActionTable>;
export type WebChatSettings = Selectable<WebChatSettingsTable>;
export type WebChatVisitor = Selectable<WebChatVisitorTable>;
