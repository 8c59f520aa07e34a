/** The widget's side of the public web chat API (src/http/routes/web-chat.ts). */

export interface ChatMessage {
  id: string;
  from: 'visitor' | 'team';
  author_name: string | null;
  content: string;
  created_at: string;
}

export interface Session {
  visitor_token: string;
  conversation_id: string | null;
  verified: boolean;
  email: string | null;
  messages: ChatMessage[];
}

export interface WidgetConfig {
  require_email: boolean;
  identity: 'optional' | 'required';
}

/** What a signed-in site sets in `window.DeskwootChat.user` before the script tag. */
export interface Identity {
  user_id: string;
  email?: string;
  name?: string;
  hash: string;
}

/** A refusal by the server, with its readable message and status. */
export class ChatError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export function chatApi(base: string, key: string) {
  const url = (path: string, query: Record<string, string | undefined> = {}) => {
    const u = new URL(`/api/v1/widget/${path}`, base);
    u.searchParams.set('key', key);
    for (const [k, v] of Object.entries(query)) if (v !== undefined) u.searchParams.set(k, v);
    return u.toString();
  };
  const request = async <T>(method: 'GET' | 'POST', path: string, body?: unknown, query = {}): Promise<T> => {
    let response: Response;
    try {
      response = await fetch(url(path, query), {
        method,
        credentials: 'omit',
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ChatError('The chat cannot be reached right now.', 0);
    }
    const data = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    if (!response.ok)
      throw new ChatError(data?.error?.message ?? `Error ${response.status}`, response.status);
    return data as T;
  };
  return {
    config: () => request<WidgetConfig>('GET', 'config'),
    session: (body: { visitor_token?: string; email?: string; name?: string; identity?: Identity }) =>
      request<Session>('POST', 'sessions', body),
    send: (visitor_token: string, content: string) =>
      request<{ conversation_id: string; message: ChatMessage }>('POST', 'messages', {
        visitor_token,
        content,
      }),
    read: (visitor_token: string, after?: string) =>
      request<{ messages: ChatMessage[] }>('GET', 'messages', undefined, { visitor_token, after }),
    streamUrl: (visitor_token: string, after?: string) => url('stream', { visitor_token, after }),
  };
}

export type ChatApi = ReturnType<typeof chatApi>;
