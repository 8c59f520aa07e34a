import {
  type ChatApi,
  chatApi,
  ChatError,
  type ChatMessage,
  type Identity,
  type WidgetConfig,
} from './api.js';
import { STYLES } from './styles.js';

/**
 * The Deskwoot website chat. A site adds one tag:
 *   <script src="https://desk.example/widget.js" data-inbox="dwc_…" async></script>
 * and, for a signed-in customer, sets `window.DeskwootChat = { user: { id, email, name, hash } }`
 * first (hash: hex HMAC-SHA256 of the id keyed by the inbox secret, computed on the site's server).
 * Every text is set with textContent, never parsed as HTML.
 */

declare global {
  interface Window {
    DeskwootChat?: { user?: { id?: unknown; email?: unknown; name?: unknown; hash?: unknown } };
  }
}

const POLL_MS = 5_000;
const RESTREAM_MS = 30_000;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function identityOf(): Identity | undefined {
  const user = window.DeskwootChat?.user;
  if (!user || typeof user.id !== 'string' || typeof user.hash !== 'string') return undefined;
  return {
    user_id: user.id,
    hash: user.hash,
    ...(typeof user.email === 'string' && { email: user.email }),
    ...(typeof user.name === 'string' && { name: user.name }),
  };
}

class ChatWidget {
  private readonly root: ShadowRoot;
  private readonly launcher = el('button', { class: 'launcher', type: 'button', 'aria-expanded': 'false' });
  private readonly panel = el('div', { class: 'panel', role: 'dialog', 'aria-labelledby': 'dw-title' });
  private readonly body = el('div', { class: 'body' });
  private readonly list = el('ol', { 'aria-live': 'polite', 'aria-label': 'Messages' });
  private readonly status = el('p', { class: 'status', role: 'status' });
  private readonly composer = el('form', { 'aria-label': 'Send a message' });
  private readonly input = el('textarea', { id: 'dw-message', maxlength: '5000', rows: '2' });
  private readonly ids = new Set<string>();
  private token: string | null;
  private lastId: string | undefined;
  private stream: EventSource | null = null;
  private poller: number | undefined;
  private started = false;

  constructor(
    host: HTMLElement,
    private readonly api: ChatApi,
    private readonly config: WidgetConfig,
    private readonly storageKey: string,
    private readonly identity: Identity | undefined,
  ) {
    this.root = host.attachShadow({ mode: 'open' });
    this.token = this.load();
    const style = el('style');
    style.textContent = STYLES;
    this.launcher.setAttribute('aria-label', 'Open chat');
    this.launcher.setAttribute('aria-controls', 'dw-panel');
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
    path.setAttribute('d', 'M4 4h16v12H7l-3 3z');
    svg.append(path);
    this.launcher.append(svg);
    this.panel.id = 'dw-panel';
    this.panel.hidden = true;
    const header = el('header');
    const close = el('button', { type: 'button', 'aria-label': 'Close chat' }, '×');
    header.append(el('h2', { id: 'dw-title' }, 'Chat with us'), close);
    this.body.append(this.list);
    this.composer.append(
      el('label', { for: 'dw-message' }, 'Message'),
      this.input,
      el('button', { class: 'send', type: 'submit' }, 'Send'),
    );
    this.composer.hidden = true;
    this.panel.append(header, this.body, this.status, this.composer);
    this.root.append(style, this.panel, this.launcher);

    this.launcher.addEventListener('click', () => (this.panel.hidden ? this.open() : this.close()));
    close.addEventListener('click', () => this.close());
    this.panel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        this.close();
      }
    });
    this.composer.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.send();
    });
    this.input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey) {
        event.preventDefault();
        void this.send();
      }
    });
  }

  private load(): string | null {
    try {
      return localStorage.getItem(this.storageKey);
    } catch {
      return null;
    }
  }

  private save(token: string | null): void {
    this.token = token;
    try {
      if (token) localStorage.setItem(this.storageKey, token);
      else localStorage.removeItem(this.storageKey);
    } catch {
      // storage unavailable (private mode): the chat lasts as long as the page
    }
  }

  private open(): void {
    this.panel.hidden = false;
    this.launcher.setAttribute('aria-expanded', 'true');
    this.launcher.setAttribute('aria-label', 'Close chat');
    if (!this.started) {
      this.started = true;
      void this.begin();
    } else this.focusFirst();
  }

  private close(): void {
    this.panel.hidden = true;
    this.launcher.setAttribute('aria-expanded', 'false');
    this.launcher.setAttribute('aria-label', 'Open chat');
    this.launcher.focus();
  }

  private focusFirst(): void {
    const field = this.panel.querySelector<HTMLElement>('input, textarea:not([disabled])');
    (this.composer.hidden ? field : this.input)?.focus();
  }

  private say(text: string, error = false): void {
    this.status.textContent = text;
    this.status.className = error ? 'status error' : 'status';
  }

  /** Resume with the stored token or a signed-in identity; otherwise ask for the email first. */
  private async begin(): Promise<void> {
    if (this.token || this.identity) {
      try {
        await this.connect({ visitor_token: this.token ?? undefined, identity: this.identity });
        return;
      } catch (error) {
        if (this.identity || this.config.identity === 'required') return this.say(this.message(error), true);
        this.save(null);
      }
    }
    if (this.config.identity === 'required') return this.say('Please sign in to chat with us.', true);
    this.preChat();
  }

  private preChat(): void {
    const form = el('form', { class: 'prechat', 'aria-label': 'Start the chat' });
    const email = el('input', { id: 'dw-email', type: 'email', autocomplete: 'email', maxlength: '254' });
    if (this.config.require_email) email.required = true;
    const name = el('input', { id: 'dw-name', type: 'text', autocomplete: 'name', maxlength: '200' });
    form.append(
      el('p', {}, 'Leave your email so we can reach you, and start the chat.'),
      el('label', { for: 'dw-email' }, this.config.require_email ? 'Email' : 'Email (optional)'),
      email,
      el('label', { for: 'dw-name' }, 'Name (optional)'),
      name,
      el('button', { class: 'send', type: 'submit' }, 'Start chat'),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.connect({
        email: email.value.trim() || undefined,
        name: name.value.trim() || undefined,
      })
        .then(() => form.remove())
        .catch((error: unknown) => this.say(this.message(error), true));
    });
    this.body.prepend(form);
    email.focus();
  }

  private async connect(body: Parameters<ChatApi['session']>[0]): Promise<void> {
    this.say('Connecting…');
    const session = await this.api.session(body);
    this.save(session.visitor_token);
    this.add(session.messages);
    this.composer.hidden = false;
    this.say('');
    this.input.focus();
    this.listen();
  }

  private add(messages: readonly ChatMessage[]): void {
    for (const message of messages) {
      if (this.ids.has(message.id)) continue;
      this.ids.add(message.id);
      if (!this.lastId || message.id > this.lastId) this.lastId = message.id;
      const item = el('li', { class: message.from });
      item.append(
        el('span', { class: 'who' }, message.from === 'visitor' ? 'You' : (message.author_name ?? 'Support')),
        document.createTextNode(message.content),
      );
      this.list.append(item);
    }
    this.body.scrollTop = this.body.scrollHeight;
  }

  private message(error: unknown): string {
    return error instanceof ChatError ? error.message : 'Something went wrong; please try again.';
  }

  private async send(): Promise<void> {
    const content = this.input.value.trim();
    if (!content || !this.token) return;
    this.input.disabled = true;
    try {
      const sent = await this.api.send(this.token, content);
      this.add([sent.message]);
      this.input.value = '';
      this.say('');
    } catch (error) {
      this.say(this.message(error), true);
      if (error instanceof ChatError && error.status === 401) this.forget();
    } finally {
      this.input.disabled = false;
      if (!this.composer.hidden) this.input.focus();
    }
  }

  /**
   * The server no longer knows this visitor (its token went unused too long): the stream and the
   * polling stop, the old messages leave the page, and the chat begins again, from the form or,
   * signed in, by the user's identity.
   */
  private forget(): void {
    if (!this.token) return;
    this.stream?.close();
    this.stream = null;
    this.stopPolling();
    this.save(null);
    this.list.replaceChildren();
    this.ids.clear();
    this.lastId = undefined;
    this.composer.hidden = true;
    void this.begin();
  }

  /** Realtime over SSE; while the stream is down, say so and poll until it is back. */
  private listen(): void {
    if (!this.token) return;
    this.stream?.close();
    const stream = new EventSource(this.api.streamUrl(this.token, this.lastId));
    this.stream = stream;
    stream.addEventListener('ready', () => {
      this.stopPolling();
      if (this.status.textContent === 'Reconnecting…') this.say('');
    });
    stream.addEventListener('message', (event) => {
      this.add([JSON.parse((event as MessageEvent<string>).data) as ChatMessage]);
    });
    stream.addEventListener('error', () => {
      this.say('Reconnecting…');
      this.startPolling();
      if (stream.readyState === EventSource.CLOSED) {
        // The browser gave up on this stream: try a fresh one later, polling meanwhile.
        window.setTimeout(() => this.stream === stream && this.listen(), RESTREAM_MS);
      }
    });
  }

  private startPolling(): void {
    if (this.poller !== undefined) return;
    this.poller = window.setInterval(() => {
      if (!this.token) return;
      this.api.read(this.token, this.lastId).then(
        (read) => this.add(read.messages),
        (error: unknown) => {
          if (!(error instanceof ChatError && error.status === 401)) return;
          this.say(this.message(error), true);
          this.forget();
        },
      );
    }, POLL_MS);
  }

  private stopPolling(): void {
    if (this.poller !== undefined) window.clearInterval(this.poller);
    this.poller = undefined;
  }
}

async function mount(script: HTMLScriptElement): Promise<void> {
  const key = script.dataset.inbox;
  if (!key) return console.warn('Deskwoot chat: the script tag needs data-inbox="<public key>"');
  const api = chatApi(new URL(script.src).origin, key);
  let config: WidgetConfig;
  try {
    config = await api.config();
  } catch (error) {
    return console.warn(
      `Deskwoot chat is not available here: ${error instanceof Error ? error.message : ''}`,
    );
  }
  const host = document.createElement('deskwoot-chat');
  document.body.append(host);
  new ChatWidget(host, api, config, `deskwoot-chat:${key}`, identityOf());
}

const current = document.currentScript;
if (current instanceof HTMLScriptElement) {
  const start = () => void mount(current);
  if (document.body) start();
  else document.addEventListener('DOMContentLoaded', start, { once: true });
}
