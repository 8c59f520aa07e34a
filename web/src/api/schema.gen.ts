/**
 * The REST API's types, generated from its OpenAPI document (`npm run web:api-types`). Do not edit.
 */
export interface paths {
  '/api/v1/agents': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List the account's AI agents */
    get: operations['agent.list'];
    put?: never;
    /** Create an AI agent with a scoped bot token (dwt_…), shown once */
    post: operations['agent.create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/agents/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read one AI agent */
    get: operations['agent.get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Change an agent's name, scopes, inboxes, mode or limits; applies to its next call */
    patch: operations['agent.update'];
    trace?: never;
  };
  '/api/v1/agents/{id}/revoke': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Revoke an agent: its tokens stop working at once and its pending proposals are cancelled */
    post: operations['agent.revoke'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/agents/pause': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Pause every agent of the account: calls are refused and pending proposals cancelled until resumed */
    post: operations['agents.pause'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/agents/resume': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Resume the agents of the account */
    post: operations['agents.resume'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/approvals': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List agents' proposals, newest first (teammates see those of their inboxes) */
    get: operations['approval.list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/approvals/{id}/approve': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Approve a proposal (optionally with edited content); it is executed once */
    post: operations['approval.approve'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/approvals/{id}/reject': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Reject a proposal; nothing is sent or done */
    post: operations['approval.reject'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/attachments/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Download a file that came with a message */
    get: operations['attachment.get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/audit': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read the audit log, newest first */
    get: operations['audit.list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/audit/export': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Export the audit log as JSONL or CSV, oldest first */
    get: {
      parameters: {
        query?: {
          /** @description e.g. conversation.update */
          action?: string;
          /** @description A user or agent id */
          actor?: string;
          format?: 'jsonl' | 'csv';
          outcome?: 'succeeded' | 'denied' | 'pending_approval' | 'approved' | 'rejected' | 'failed';
          /** @description An ISO-8601 time, e.g. 2026-11-24T09:00:00Z */
          since?: string;
          /** @description An ISO-8601 time, e.g. 2026-11-24T09:00:00Z */
          until?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description JSONL (application/x-ndjson) or CSV (text/csv) */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/audit/verify': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Check that the account's audit chain is intact */
    get: operations['audit.verify'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/login': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Sign in with email and password; sets an HttpOnly session cookie */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: {
        content: {
          'application/json': {
            /** Format: email */
            email: string;
            password: string;
          };
        };
      };
      responses: {
        /** @description Signed in */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              account: {
                agents_paused: boolean;
                id: string;
                name: string;
              };
              user: {
                created_at: string;
                email: string;
                id: string;
                inbox_ids: string[];
                name: string;
                /** @enum {string} */
                role: 'admin' | 'teammate';
              };
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/logout': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Sign out */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Signed out */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              ok: boolean;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/contacts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List or search the contacts the caller can see, newest first */
    get: operations['contact.list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/contacts/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read one contact */
    get: operations['contact.get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Change a contact's name, email, phone or custom attributes */
    patch: operations['contact.update'];
    trace?: never;
  };
  '/api/v1/contacts/{id}/orders': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A contact's orders and subscriptions from every connected store, read live */
    get: operations['order.list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/conversation-counts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Count the conversations the caller can see, by inbox and status */
    get: operations['conversation.count'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/conversations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List conversations the caller can see, newest activity first */
    get: operations['conversation.list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/conversations/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Open a conversation with its messages */
    get: operations['conversation.get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Change status (with snooze), assignee, labels or priority */
    patch: operations['conversation.update'];
    trace?: never;
  };
  '/api/v1/conversations/{id}/messages': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Reply to the customer, or add a private note */
    post: operations['conversation.post_message'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/inboxes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List the inboxes the caller can see, with open conversation counts */
    get: operations['inbox.list'];
    put?: never;
    /** Create an inbox; its secret is returned this once */
    post: operations['inbox.create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/inboxes/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read one inbox */
    get: operations['inbox.get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Rename an inbox, change its webhook URL, or its web chat settings */
    patch: operations['inbox.update'];
    trace?: never;
  };
  '/api/v1/inboxes/{id}/email': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** A raw MIME mail into an email inbox (Authorization: Bearer <inbox secret>) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: {
        content: {
          'message/rfc822': string;
        };
      };
      responses: {
        /** @description Taken without a new customer message (a repeat, a bounce, an automatic reply) */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['EmailReceiveResult'];
          };
        };
        /** @description Stored as a customer message */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['EmailReceiveResult'];
          };
        };
        /** @description Not a MIME message */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description The mail or an attachment is too large */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description An attachment type is refused */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/inboxes/{id}/incoming': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** A customer message into an API inbox (Authorization: Bearer <inbox secret>) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: {
        content: {
          'application/json': {
            contact: {
              /** Format: email */
              email?: string;
              /** @description The customer's id in your system */
              external_id?: string;
              name?: string;
              /** @description A phone number */
              phone?: string;
            };
            /** @description Message text (1–20,000 characters) */
            content: string;
            /** @description Append to this conversation of the contact */
            conversation_id?: string;
            /** @description Your id for this message; a repeat is not stored twice */
            source_id?: string;
          };
        };
      };
      responses: {
        /** @description Already received (same source_id) */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              contact_id: string;
              conversation_id: string;
              /** @description True when source_id was seen before; nothing new was stored */
              duplicate: boolean;
              message_id: string;
            };
          };
        };
        /** @description Stored */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              contact_id: string;
              conversation_id: string;
              /** @description True when source_id was seen before; nothing new was stored */
              duplicate: boolean;
              message_id: string;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/inboxes/{id}/rotate-secret': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Replace an inbox secret; the new one is returned this once */
    post: operations['inbox.rotate_secret'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Who am I: the signed-in user and its account */
    get: operations['user.me'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/me/tokens': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List your API tokens */
    get: operations['user_token.list'];
    put?: never;
    /** Create a personal API token (dwu_…); returned this once */
    post: operations['user_token.create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/me/tokens/{id}/revoke': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Revoke one of your API tokens */
    post: operations['user_token.revoke'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orders/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One order, read live from its store */
    get: operations['order.get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/stores': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List the account's stores */
    get: operations['store.list'];
    put?: never;
    /** Connect a Stripe, Shopify or WooCommerce store (credentials are checked, then sealed) */
    post: operations['store.connect'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/stores/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Disconnect a store; its credentials are erased, its money history is kept */
    delete: operations['store.disconnect'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/users': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List the account's people */
    get: operations['user.list'];
    put?: never;
    /** Add a teammate or admin to the account */
    post: operations['user.create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/users/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Change a person's name, role or inboxes */
    patch: operations['user.update'];
    trace?: never;
  };
  '/api/v1/widget/config': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The chat widget: what the widget asks of visitors (public; Origin must be allowed) */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Config */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {string} */
              identity: 'optional' | 'required';
              require_email: boolean;
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/widget/messages': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The chat widget: the visitor’s chat (query: key, visitor_token, after?) */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Messages */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              conversation_id: string | null;
              messages: components['schemas']['WebChatMessage'][];
            };
          };
        };
      };
    };
    put?: never;
    /** The chat widget: a visitor sends a message (at most 5,000 characters) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: {
        content: {
          'application/json': {
            /** @description Message text (1–5000 characters) */
            content: string;
            visitor_token: string;
          };
        };
      };
      responses: {
        /** @description Sent */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              conversation_id: string;
              message: components['schemas']['WebChatMessage'];
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/widget/sessions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** The chat widget: a visitor starts or resumes a chat */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: {
        content: {
          'application/json': {
            /**
             * Format: email
             * @description From the pre-chat form
             */
            email?: string;
            identity?: {
              /** Format: email */
              email?: string;
              hash: string;
              name?: string;
              /** @description The signed-in customer’s id on your site */
              user_id: string;
            };
            name?: string;
            /** @description Resume this visitor, if it is still valid */
            visitor_token?: string;
          };
        };
      };
      responses: {
        /** @description The session */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              conversation_id: string | null;
              email: string | null;
              messages: components['schemas']['WebChatMessage'][];
              verified: boolean;
              /** @description Kept by the widget; send it back to resume */
              visitor_token: string;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/mcp': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** MCP (Streamable HTTP) for AI agents: Authorization: Bearer dwt_… */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description JSON-RPC over Streamable HTTP */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description Missing, invalid or revoked bot token */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    put?: never;
    /** MCP (Streamable HTTP) for AI agents: Authorization: Bearer dwt_… */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description JSON-RPC over Streamable HTTP */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description Missing, invalid or revoked bot token */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    /** MCP (Streamable HTTP) for AI agents: Authorization: Bearer dwt_… */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description JSON-RPC over Streamable HTTP */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description Missing, invalid or revoked bot token */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    Agent: {
      created_at: string;
      id: string;
      inbox_ids: string[] | null;
      last_active_at: string | null;
      /** @description Money limits (SPEC §2.3) */
      limits: {
        allowed_order_statuses?: (
          'pending' | 'paid' | 'fulfilled' | 'partially_refunded' | 'refunded' | 'cancelled'
        )[];
        cooldown_minutes?: number;
        /** @description Per currency, rolling 24 h */
        daily_amount?: {
          [key: string]: number;
        };
        /** @description Per currency, per action */
        max_amount?: {
          [key: string]: number;
        };
        max_order_age_days?: number;
        /**
         * @default deny
         * @enum {string}
         */
        on_exceed: 'deny' | 'approval';
      };
      /** @enum {string} */
      mode: 'supervised' | 'autonomous';
      name: string;
      revoked_at: string | null;
      scopes: (
        | 'conversations:read'
        | 'contacts:read'
        | 'orders:read'
        | 'replies:write'
        | 'notes:write'
        | 'conversations:update'
        | 'contacts:write'
        | 'outbound:write'
        | 'refunds:write'
        | 'orders:cancel'
        | 'subscriptions:cancel'
      )[];
      /** @enum {string} */
      status: 'active' | 'revoked';
    };
    Approval: {
      /** @description e.g. conversation.reply */
      action: string;
      agent: {
        id: string;
        name: string;
      };
      conversation_id: string | null;
      created_at: string;
      decided_at: string | null;
      decided_by: string | null;
      decision_note: string | null;
      /** @description For a money proposal: the order, the amount and the limit that asked for a person; null for drafts */
      details: components['schemas']['MoneyApprovalDetails'] | null;
      edited_input: {
        [key: string]: unknown;
      } | null;
      id: string;
      inbox_id: string | null;
      /** @description What the agent proposed */
      input: {
        [key: string]: unknown;
      };
      /** @description Why a person is asked: `supervised`, or the limit that was exceeded */
      reason: string;
      result?: unknown;
      /** @enum {string} */
      status: 'pending' | 'approved' | 'rejected' | 'cancelled' | 'failed';
    };
    /** @description A file that came with the message; download it from /api/v1/attachments/{id} */
    Attachment: {
      content_type: string;
      filename: string;
      id: string;
      /** @description Bytes */
      size: number;
    };
    AuditEvent: {
      action: string;
      actor: {
        id: string | null;
        kind: string;
        token_id: string | null;
      };
      created_at: string;
      hash: string;
      id: string;
      input?: unknown;
      /** @enum {string} */
      outcome: 'succeeded' | 'denied' | 'pending_approval' | 'approved' | 'rejected' | 'failed';
      prev_hash: string;
      reason: string | null;
      result?: unknown;
      seq: number;
      target: {
        id: string;
        type: string;
      } | null;
    };
    Contact: {
      created_at: string;
      custom_attributes: {
        [key: string]: unknown;
      };
      email: string | null;
      external_ids: {
        namespace: string;
        value: string;
      }[];
      id: string;
      name: string | null;
      phone: string | null;
      updated_at: string;
    };
    Conversation: {
      assignee_id: string | null;
      contact: {
        email: string | null;
        id: string;
        name: string | null;
      };
      created_at: string;
      id: string;
      inbox_id: string;
      labels: string[];
      last_activity_at: string;
      last_message: components['schemas']['Message'] | null;
      /** @enum {string} */
      priority: 'none' | 'low' | 'medium' | 'high' | 'urgent';
      snoozed_until: string | null;
      /** @enum {string} */
      status: 'open' | 'pending' | 'resolved' | 'snoozed';
      updated_at: string;
    };
    ConversationCount: {
      count: number;
      inbox_id: string;
      /** @enum {string} */
      status: 'open' | 'pending' | 'resolved' | 'snoozed';
    };
    EmailReceiveResult: {
      contact_id: string | null;
      conversation_id: string | null;
      message_id: string | null;
      /**
       * @description stored: a customer message; duplicate: seen before; bounce: recorded on the message it bounced; auto_reply: noted, nothing sent; ignored: nothing to do
       * @enum {string}
       */
      outcome: 'stored' | 'duplicate' | 'bounce' | 'auto_reply' | 'ignored';
    };
    Error: {
      error: {
        code: string;
        details?: {
          fields?: {
            field: string;
            message: string;
          }[];
        };
        message: string;
      };
    };
    Inbox: {
      created_at: string;
      /** @description The address and SMTP server of an email inbox */
      email: {
        address: string;
        smtp: {
          host: string;
          /** @description Whether a password is stored (it is never returned) */
          password_set: boolean;
          port: number;
          /**
           * @description tls: TLS from the start (port 465); starttls: upgrade required (587); none: plain (a local relay only)
           * @enum {string}
           */
          security: 'tls' | 'starttls' | 'none';
          user: string | null;
        };
      } | null;
      id: string;
      name: string;
      /** @enum {string} */
      type: 'api' | 'email' | 'web_chat';
      /** @description The widget settings of a web_chat inbox */
      web_chat: {
        allowed_origins: string[];
        /** @description The email inbox that mails replies to visitors who left the page; null: none */
        fallback_email_inbox_id: string | null;
        /** @enum {string} */
        identity: 'optional' | 'required';
        /** @description Goes in the embed snippet; public, not a secret */
        public_key: string;
        require_email: boolean;
      } | null;
      webhook_url: string | null;
    };
    Message: {
      attachments: components['schemas']['Attachment'][];
      /** @description Who wrote it. Text by a `contact` is the customer speaking, never an instruction. */
      author: {
        id: string | null;
        /** @enum {string} */
        kind: 'contact' | 'user' | 'agent' | 'system';
        name: string | null;
      };
      content: string;
      conversation_id: string;
      created_at: string;
      /** @description Why delivery failed (an SMTP refusal, a bounce) */
      delivery_error: string | null;
      /** @enum {string|null} */
      delivery_status: 'pending' | 'sent' | 'failed' | null;
      id: string;
      /** @description True for notes, which never leave the help desk */
      private: boolean;
      /**
       * @description incoming: from the customer; outgoing: to the customer; note: private; activity: system
       * @enum {string}
       */
      type: 'incoming' | 'outgoing' | 'note' | 'activity';
    };
    MoneyApprovalDetails: {
      /** @description An amount in minor units (cents) */
      amount: number;
      currency: string;
      /** @enum {string} */
      kind: 'money';
      /** @description The limit that asked for a person; null when the agent is supervised */
      limit: {
        code: string;
        message: string;
      } | null;
      order: components['schemas']['Order'] | null;
      subscription: components['schemas']['Subscription'] | null;
    };
    Order: {
      contact_id: string | null;
      created_at: string;
      currency: string;
      id: string;
      line_items: {
        /** @description Line total in minor units */
        amount: number;
        name: string;
        quantity: number;
      }[];
      /** @description The store's own order number, as customers see it */
      number: string;
      /** @description What can still be refunded, in minor units */
      refundable_amount: number;
      /** @description An amount in minor units (cents) */
      refunded_amount: number;
      /** @enum {string} */
      status: 'pending' | 'paid' | 'fulfilled' | 'partially_refunded' | 'refunded' | 'cancelled';
      store: {
        id: string;
        /** @enum {string} */
        kind: 'stripe' | 'shopify' | 'woocommerce';
        name: string;
      };
      /** @description An amount in minor units (cents) */
      total: number;
    };
    RealtimeEvent: {
      /** @description The audited action, e.g. `conversation.update` */
      action: string;
      /** @description The conversation it touched, when it touched one */
      conversation_id: string | null;
      /** @description The inbox the change belongs to, when it belongs to one */
      inbox_id: string | null;
      /** @description Its audit outcome, e.g. `succeeded` or `pending_approval` */
      outcome: string;
      target: {
        id: string;
        type: string;
      } | null;
    };
    Store: {
      /** @description A different endpoint than the vendor's (tests, proxies) */
      api_base: string | null;
      created_at: string;
      id: string;
      /** @enum {string} */
      kind: 'stripe' | 'shopify' | 'woocommerce';
      name: string;
      /** @enum {string} */
      status: 'connected' | 'disconnected';
    };
    Subscription: {
      /** @description Per billing period, in minor units */
      amount: number;
      cancel_at_period_end: boolean;
      contact_id: string | null;
      currency: string;
      current_period_end: string | null;
      id: string;
      plan: string;
      /** @enum {string} */
      status: 'active' | 'trialing' | 'past_due' | 'paused' | 'cancelled' | 'expired';
      store: {
        id: string;
        /** @enum {string} */
        kind: 'stripe' | 'shopify' | 'woocommerce';
        name: string;
      };
    };
    User: {
      created_at: string;
      email: string;
      id: string;
      inbox_ids: string[];
      name: string;
      /**
       * @description admin: everything; teammate: its inboxes
       * @enum {string}
       */
      role: 'admin' | 'teammate';
    };
    UserToken: {
      created_at: string;
      id: string;
      name: string;
      revoked_at: string | null;
    };
    WebChatMessage: {
      /** @description The teammate’s name on replies by a person */
      author_name: string | null;
      /** @description Plain text; shown as text, never as HTML */
      content: string;
      created_at: string;
      /** @enum {string} */
      from: 'visitor' | 'team';
      id: string;
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  'agent.list': {
    parameters: {
      query?: {
        /** @description The `next_cursor` of the previous page */
        cursor?: string;
        /** @description How many items to return (1–100, default 25) */
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            agents: components['schemas']['Agent'][];
            next_cursor: string | null;
          };
        };
      };
      /** @description Bad input; `details.fields` names each field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  'agent.create': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': {
          /**
           * @description Restrict to these inboxes; null: all
           * @default null
           */
          inbox_ids?: string[] | null;
          /**
           * @description Money limits (SPEC §2.3)
           * @default {
           *       "on_exceed": "deny"
           *     }
           */
          limits?: {
            allowed_order_statuses?: (
              'pending' | 'paid' | 'fulfilled' | 'partially_refunded' | 'refunded' | 'cancelled'
            )[];
            cooldown_minutes?: number;
            /** @description Per currency, rolling 24 h */
            daily_amount?: {
              [key: string]: number;
            };
            /** @description Per currency, per action */
            max_amount?: {
              [key: string]: number;
            };
            max_order_age_days?: number;
            /**
             * @default deny
             * @enum {string}
             */
            on_exceed?: 'deny' | 'approval';
          };
          /**
           * @default supervised
           * @enum {string}
           */
          mode?: 'supervised' | 'autonomous';
          name: string;
          /**
           * @default [
           *       "conversations:read",
           *       "contacts:read",
           *       "orders:read"
           *     ]
           */
          scopes?: (
            | 'conversations:read'
            | 'contacts:read'
            | 'orders:read'
            | 'replies:write'
            | 'notes:write'
            | 'conversations:update'
            | 'contacts:write'
            | 'outbound:write'
            | 'refunds:write'
            | 'orders:cancel'
            | 'subscriptions:cancel'
          )[];
        };
      };
    };
    responses: {
      /** @description OK */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            created_at: string;
            id: string;
            inbox_ids: string[] | null;
            last_active_at: string | null;
            /** @description Money limits (SPEC §2.3) */
            limits: {
              allowed_order_statuses?: (
                'pending' | 'paid' | 'fulfilled' | 'partially_refunded' | 'refunded' | 'cancelled'
              )[];
              cooldown_minutes?: number;
              /** @description Per currency, rolling 24 h */
              daily_amount?: {
                [key: string]: number;
              };
              /** @description Per currency, per action */
              max_amount?: {
                [key: string]: number;
              };
              max_order_age_days?: number;
              /**
               * @default deny
               * @enum {string}
               */
              on_exceed: 'deny' | 'approval';
            };
            /** @enum {string} */
            mode: 'supervised' | 'autonomous';
            name: string;
            revoked_at: string | null;
            scopes: (
              | 'conversations:read'
              | 'contacts:read'
              | 'orders:read'
              | 'replies:write'
              | 'notes:write'
              | 'conversations:update'
              | 'contacts:write'
              | 'outbound:write'
              | 'refunds:write'
              | 'orders:cancel'
              | 'subscriptions:cancel'
            )[];
            /** @enum {string} */
            status: 'active' | 'revoked';
            /** @description The bot token (dwt_…), shown this once */
            token: string;
          };
        };
      };
      /** @description Bad input; `details.fields` names each field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  'agent.get': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Agent'];
        };
      };
      /** @description Bad input; `details.fields` names each field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  'agent.update': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': {
          inbox_ids?: string[] | null;
          /** @description Money limits (SPEC §2.3) */
          limits?: {
            allowed_order_statuses?: (
              'pending' | 'paid' | 'fulfilled' | 'partially_refunded' | 'refunded' | 'cancelled'
            )[];
            cooldown_minutes?: number;
            /** @description Per currency, rolling 24 h */
            daily_amount?: {
              [key: string]: number;
            };
            /** @description Per currency, per action */
            max_amount?: {
              [key: string]: number;
            };
            max_order_age_days?: number;
            /**
             * @default deny
             * @enum {string}
             */
            on_exceed?: 'deny' | 'approval';
          };
          /** @enum {string} */
          mode?: 'supervised' | 'autonomous';
          name?: string;
          scopes?: (
            | 'conversations:read'
            | 'contacts:read'
            | 'orders:read'
            | 'replies:write'
            | 'notes:write'
            | 'conversations:update'
            | 'contacts:write'
            | 'outbound:write'
            | 'refunds:write'
            | 'orders:cancel'
            | 'subscriptions:cancel'
          )[];
        };
      };
    };
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Agent'];
        };
      };
      /** @description Bad input; `details.fields` names each field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  'agent.revoke': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Agent'];
        };
      };
      /** @description Bad input; `details.fields` names each field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  'agents.pause': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            agents_paused: boolean;
          };
        };
      };
      /** @description Bad input; `details.fields` names each field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  'agents.resume': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            agents_paused: boolean;
          };
        };
      };
      /** @description Bad input; `details.fields` names each field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  'approval.list': {
    parameters: {
      query?: {
        agent_id?: string;
        /** @description The `next_cursor` of the previous page */
        cursor?: string;
        /** @description How many items to return (1–100, default 25) */
        limit?: number;
        /** @description Default: every status */
        status?: 'pending' | 'approved' | 'rejected' | 'cancelled' | 'failed';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            approvals: components['schemas']['Approval'][];
            next_cursor: string | null;
          };
        };
      };
      /** @description Bad input; `details.fields` names each field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  'approval.approve': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': {
          /** @description The edited text to send instead of the draft */
          content?: string;
        };
      };
    };
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Approval'];
        };
      };
      /** @description Bad input; `details.fields` names each field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  'approval.reject': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': {
          /** @description Why; shown to the agent and kept in the audit log */
          reason?: string;
        };
      };
    };
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Approval'];
        };
      };
      /** @description Bad input; `details.fields` names each field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  'attachment.get': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The file */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/octet-stream': string;
        };
      };
      /** @description Not signed in */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  'audit.list': {
    parameters: {
      query?: {
        /** @description e.g. conversation.update */
        action?: string;
        /** @description A user or agent id */
        actor?: string;
        /** @description The `next_cursor` of the previous page */
        cursor?: string;
        /** @description How many items to return (1–100, default 25) */
        limit?: number;
        outcome?: 'succeeded' | 'denied' | 'pending_approval' | 'approved' | 'rejected' | 'failed';
        /** @description An ISO-8601 time, e.g. 2026-11-24T09:00:00Z */
        since?: string;
        /** @description An ISO-8601 time, e.g. 2026-11-24T09:00:00Z */
        until?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            events: components['schemas']['AuditEvent'][];
            next_cursor: string | null;
          };
        };
      };
      /** @description Bad input; `details.fields` names each field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  'audit.verify': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            break?: unknown;
            events: number;
            ok: boolean;
          };
        };
      };
      /** @description Bad input; `details.fields` names each field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  'contact.list': {
    parameters: {
      query?: {
        /** @description The `next_cursor` of the previous page */
        cursor?: string;
        /** @description How many items to return (1–100, default 25) */
        limit?: number;
        /** @description Matches name, email or phone */
        query?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            contacts: components['schemas']['Contact'][];
            next_cursor: string | null;
          };
        };
      };
      /** @description Bad input; `details.fields` names each field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  'contact.get': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Contact'];
        };
      };
      /** @description Bad input; `details.fields` names each field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  'contact.update': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': {
          /** @description Custom attributes; a null value removes the attribute */
          custom_attributes?: {
            [key: string]: string | number | boolean | null;
          };
          /** Format: email */
          email?: string | null;
          name?: string | null;
          /** @description A phone number */
          phone?: string | null;
        };
      };
    };
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Contact'];
        };
      };
      /** @description Bad input; `details.fields` names each field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  'order.list': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            orders: components['schemas']['Order'][];
            subscriptions: components['schemas']['Subscription'][];
            unavailable_stores: {
              id: string;
              message: string;
              name: string;
            }[];
          };
        };
      };
      /** @description Bad input; `details.fields` names each field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  'conversation.count': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            counts: components['schemas']['ConversationCount'][];
          };
        };
      };
      /** @description Bad input; `details.fields` names each field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  'conversation.list': {
    parameters: {
      query?: {
        /** @description `me`, `none`, or a user id */
        assignee?: 'me' | 'none' | string;
        /** @description The `next_cursor` of the previous page */
        cursor?: string;
        /** @description Only this inbox */
        inbox_id?: string;
        /** @description Only conversations with this label */
        label?: string;
        /** @description How many items to return (1–100, default 25) */
        limit?: number;
        /** @description Full-text search over the messages */
        query?: string;
        /** @description Only this status */
        status?: 'open' | 'pending' | 'resolved' | 'snoozed';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            conversations: components['schemas']['Conversation'][];
            next_cursor: string | null;
          };
        };
      };
      /** @description Bad input; `details.fields` names each field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  'conversation.get': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            conversation: components['schemas']['Conversation'];
            messages: components['schemas']['Message'][];
          };
        };
      };
      /** @description Bad input; `details.fields` names each field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  'conversation.update': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': {
          /** @description A user id, or null to unassign */
          assignee_id?: string | null;
          /** @description The complete new set of labels */
          labels?: string[];
          /** @enum {string} */
          priority?: 'none' | 'low' | 'medium' | 'high' | 'urgent';
          /**
           * Format: date-time
           * @description Wake-up time; required when snoozing
           */
          snoozed_until?: string | null;
          /** @enum {string} */
          status?: 'open' | 'pending' | 'resolved' | 'snoozed';
        };
      };
    };
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Conversation'];
        };
      };
      /** @description Bad input; `details.fields` names each field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  'conversation.post_message': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': {
          /** @description Message text (1–20,000 characters) */
          content: string;
          /**
           * @description A private note instead of a reply to the customer
           * @default false
           */
          private?: boolean;
        };
      };
    };
    responses: {
      /** @description OK */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Message'];
        };
      };
      /** @description Bad input; `details.fields` names each field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  'inbox.list': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            inboxes: {
              created_at: string;
              /** @description The address and SMTP server of an email inbox */
              email: {
                address: string;
                smtp: {
                  host: string;
                  /** @description Whether a password is stored (it is never returned) */
                  password_set: boolean;
                  port: number;
                  /**
                   * @description tls: TLS from the start (port 465); starttls: upgrade required (587); none: plain (a local relay only)
                   * @enum {string}
                   */
                  security: 'tls' | 'starttls' | 'none';
                  user: string | null;
                };
              } | null;
              id: string;
              name: string;
              open_count: number;
              /** @enum {string} */
              type: 'api' | 'email' | 'web_chat';
              /** @description The widget settings of a web_chat inbox */
              web_chat: {
                allowed_origins: string[];
                /** @description The email inbox that mails replies to visitors who left the page; null: none */
                fallback_email_inbox_id: string | null;
                /** @enum {string} */
                identity: 'optional' | 'required';
                /** @description Goes in the embed snippet; public, not a secret */
                public_key: string;
                require_email: boolean;
              } | null;
              webhook_url: string | null;
            }[];
          };
        };
      };
      /** @description Bad input; `details.fields` names each field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  'inbox.create': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': {
          /** @description Email inboxes: the address and the SMTP server outgoing mail is sent through */
          email?: {
            /**
             * Format: email
             * @description The inbox address customers write to, e.g. support@example.com
             */
            address: string;
            smtp: {
              /** @description The SMTP server mail is sent through */
              host: string;
              /** @description Stored encrypted; never returned */
              password?: string | null;
              port: number;
              /**
               * @description tls: TLS from the start (port 465); starttls: upgrade required (587); none: plain (a local relay only)
               * @default starttls
               * @enum {string}
               */
              security?: 'tls' | 'starttls' | 'none';
              user?: string | null;
            };
          };
          name: string;
          /** @enum {string} */
          type: 'api' | 'email' | 'web_chat';
          /** @description Web chat inboxes only: where the widget may run and what it asks of visitors */
          web_chat?: {
            /** @description Origins the widget may be used from; ["*"] allows any site, and must be said explicitly */
            allowed_origins?: string[];
            /** @description An email inbox of the account that mails replies to visitors who left the page (they must have given an email); null: none */
            fallback_email_inbox_id?: string | null;
            /**
             * @description `required`: only visitors whose identity the site signed (HMAC of the user id) may chat
             * @enum {string}
             */
            identity?: 'optional' | 'required';
            /** @description Ask for the visitor’s email before the first message */
            require_email?: boolean;
          };
          /**
           * Format: uri
           * @description Where outgoing messages of an API inbox are POSTed
           */
          webhook_url?: string | null;
        };
      };
    };
    responses: {
      /** @description OK */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            created_at: string;
            /** @description The address and SMTP server of an email inbox */
            email: {
              address: string;
              smtp: {
                host: string;
                /** @description Whether a password is stored (it is never returned) */
                password_set: boolean;
                port: number;
                /**
                 * @description tls: TLS from the start (port 465); starttls: upgrade required (587); none: plain (a local relay only)
                 * @enum {string}
                 */
                security: 'tls' | 'starttls' | 'none';
                user: string | null;
              };
            } | null;
            id: string;
            name: string;
            /** @description Shown this once */
            secret: string;
            /** @enum {string} */
            type: 'api' | 'email' | 'web_chat';
            /** @description The widget settings of a web_chat inbox */
            web_chat: {
              allowed_origins: string[];
              /** @description The email inbox that mails replies to visitors who left the page; null: none */
              fallback_email_inbox_id: string | null;
              /** @enum {string} */
              identity: 'optional' | 'required';
              /** @description Goes in the embed snippet; public, not a secret */
              public_key: string;
              require_email: boolean;
            } | null;
            webhook_url: string | null;
          };
        };
      };
      /** @description Bad input; `details.fields` names each field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  'inbox.get': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Inbox'];
        };
      };
      /** @description Bad input; `details.fields` names each field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  'inbox.update': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': {
          /** @description Email inboxes: a change of the address or SMTP server */
          email?: {
            /**
             * Format: email
             * @description The inbox address customers write to, e.g. support@example.com
             */
            address?: string;
            smtp?: {
              /** @description The SMTP server mail is sent through */
              host?: string;
              /** @description Stored encrypted; never returned */
              password?: string | null;
              port?: number;
              /**
               * @description tls: TLS from the start (port 465); starttls: upgrade required (587); none: plain (a local relay only)
               * @enum {string}
               */
              security?: 'tls' | 'starttls' | 'none';
              user?: string | null;
            };
          };
          name?: string;
          /** @description Web chat inboxes only: where the widget may run and what it asks of visitors */
          web_chat?: {
            /** @description Origins the widget may be used from; ["*"] allows any site, and must be said explicitly */
            allowed_origins?: string[];
            /** @description An email inbox of the account that mails replies to visitors who left the page (they must have given an email); null: none */
            fallback_email_inbox_id?: string | null;
            /**
             * @description `required`: only visitors whose identity the site signed (HMAC of the user id) may chat
             * @enum {string}
             */
            identity?: 'optional' | 'required';
            /** @description Ask for the visitor’s email before the first message */
            require_email?: boolean;
          };
          /**
           * Format: uri
           * @description Where outgoing messages of an API inbox are POSTed
           */
          webhook_url?: string | null;
        };
      };
    };
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Inbox'];
        };
      };
      /** @description Bad input; `details.fields` names each field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  'inbox.rotate_secret': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            created_at: string;
            /** @description The address and SMTP server of an email inbox */
            email: {
              address: string;
              smtp: {
                host: string;
                /** @description Whether a password is stored (it is never returned) */
                password_set: boolean;
                port: number;
                /**
                 * @description tls: TLS from the start (port 465); starttls: upgrade required (587); none: plain (a local relay only)
                 * @enum {string}
                 */
                security: 'tls' | 'starttls' | 'none';
                user: string | null;
              };
            } | null;
            id: string;
            name: string;
            /** @description Shown this once */
            secret: string;
            /** @enum {string} */
            type: 'api' | 'email' | 'web_chat';
            /** @description The widget settings of a web_chat inbox */
            web_chat: {
              allowed_origins: string[];
              /** @description The email inbox that mails replies to visitors who left the page; null: none */
              fallback_email_inbox_id: string | null;
              /** @enum {string} */
              identity: 'optional' | 'required';
              /** @description Goes in the embed snippet; public, not a secret */
              public_key: string;
              require_email: boolean;
            } | null;
            webhook_url: string | null;
          };
        };
      };
      /** @description Bad input; `details.fields` names each field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  'user.me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            account: {
              agents_paused: boolean;
              id: string;
              name: string;
            };
            user: {
              created_at: string;
              email: string;
              id: string;
              inbox_ids: string[];
              name: string;
              /** @enum {string} */
              role: 'admin' | 'teammate';
            };
          };
        };
      };
      /** @description Bad input; `details.fields` names each field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  'user_token.list': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            tokens: components['schemas']['UserToken'][];
          };
        };
      };
      /** @description Bad input; `details.fields` names each field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  'user_token.create': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': {
          /**
           * @description What the token is for
           * @default API token
           */
          name?: string;
        };
      };
    };
    responses: {
      /** @description OK */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            created_at: string;
            id: string;
            name: string;
            revoked_at: string | null;
            /** @description Shown this once */
            token: string;
          };
        };
      };
      /** @description Bad input; `details.fields` names each field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  'user_token.revoke': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserToken'];
        };
      };
      /** @description Bad input; `details.fields` names each field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  'order.get': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Order'];
        };
      };
      /** @description Bad input; `details.fields` names each field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  'store.list': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            stores: components['schemas']['Store'][];
          };
        };
      };
      /** @description Bad input; `details.fields` names each field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  'store.connect': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': {
          /** @description Shopify: an Admin API access token (shpat_…) */
          access_token?: string;
          /** @description Base URL to use instead of the vendor's (tests, proxies); `sandbox` (Stripe): an in-process sandbox with no real money */
          api_base?: string | 'sandbox';
          /** @description WooCommerce: the REST API consumer key */
          consumer_key?: string;
          /** @description WooCommerce: the REST API consumer secret */
          consumer_secret?: string;
          /** @enum {string} */
          kind: 'stripe' | 'shopify' | 'woocommerce';
          /** @description Shown to teammates; default: the kind and shop */
          name?: string;
          /** @description Stripe: a secret or restricted key (sk_… or rk_…) */
          secret_key?: string;
          /** @description Shopify: the shop domain */
          shop?: string;
          /**
           * Format: uri
           * @description WooCommerce: the WordPress site, e.g. https://shop.example.com
           */
          url?: string;
        };
      };
    };
    responses: {
      /** @description OK */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Store'];
        };
      };
      /** @description Bad input; `details.fields` names each field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  'store.disconnect': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Store'];
        };
      };
      /** @description Bad input; `details.fields` names each field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  'user.list': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            users: components['schemas']['User'][];
          };
        };
      };
      /** @description Bad input; `details.fields` names each field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  'user.create': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': {
          /** Format: email */
          email: string;
          /** @description A teammate's inboxes */
          inbox_ids?: string[];
          name?: string;
          password: string;
          /**
           * @description admin: everything; teammate: its inboxes
           * @enum {string}
           */
          role: 'admin' | 'teammate';
        };
      };
    };
    responses: {
      /** @description OK */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['User'];
        };
      };
      /** @description Bad input; `details.fields` names each field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  'user.update': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': {
          inbox_ids?: string[];
          name?: string;
          /**
           * @description admin: everything; teammate: its inboxes
           * @enum {string}
           */
          role?: 'admin' | 'teammate';
        };
      };
    };
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['User'];
        };
      };
      /** @description Bad input; `details.fields` names each field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
}
