import type { components, paths } from './schema.gen.js';

/** The API's objects, named as in its OpenAPI document (generated from the server's zod schemas). */
type Schemas = components['schemas'];

export type Agent = Schemas['Agent'];
export type Approval = Schemas['Approval'];
export type AuditEvent = Schemas['AuditEvent'];
export type Contact = Schemas['Contact'];
export type Conversation = Schemas['Conversation'];
export type ConversationCount = Schemas['ConversationCount'];
export type Inbox = Schemas['Inbox'];
export type Message = Schemas['Message'];
export type RealtimeEvent = Schemas['RealtimeEvent'];
export type User = Schemas['User'];
export type Limits = Agent['limits'];
export type Scope = Agent['scopes'][number];
export type ConversationStatus = Conversation['status'];
export type Priority = Conversation['priority'];
export type Outcome = AuditEvent['outcome'];
export type MoneyDetails = NonNullable<Approval['details']>;

/** The signed-in person and its account (`GET /api/v1/me`). */
export type Me = paths['/api/v1/me']['get']['responses'][200]['content']['application/json'];
export type Store = Schemas['Store'];
export type Order = Schemas['Order'];
export type Subscription = Schemas['Subscription'];
export type ConnectStore = NonNullable<
  paths['/api/v1/stores']['post']['requestBody']
>['content']['application/json'];
