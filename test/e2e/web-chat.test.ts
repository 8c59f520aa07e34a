import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityHash } from '../../src/channels/web-chat/identity.js';
import { perform } from '../../src/core/perform.js';
import { createInbox } from '../../src/inboxes/create-inbox.js';
import { DIALECTS } from '../support/databases.js';
import { type Harness, seedWorkspace, startHarness, type Workspace } from '../support/harness.js';
import { callTool, connectAgent, makeAgent } from '../support/mcp.js';
import { assertBuilt, killAllServers, type ServerProcess, spawnServer } from '../support/server-process.js';
import { assertWebBuilt, launchBrowser, screenshot, signIn } from './support/browser.js';

const PASSWORD = 'correct horse battery';
const E2E = { timeout: 60_000 };
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The widget is built with the rest (`npm run build`); refuse a missing or stale one. */
function assertWidgetBuilt(): void {
  try {
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-widget.mjs'), '--check'], { stdio: 'pipe' });
  } catch {
    throw new Error('dist/widget is missing or older than widget/: run `npm run build` first');
  }
}

/**
 * A customer's website on its own loopback port: a page that embeds the widget with one script tag,
 * under hostile styles that must not reach into the widget, and a page for a signed-in customer.
 */
async function startSite(
  widgetSrc: () => string,
  key: () => string,
): Promise<{ url: string; close(): Promise<void> }> {
  const page = (
    head: string,
  ) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>
<style>* { color: rgb(255, 0, 0) !important; font-size: 40px !important; } li { list-style: square; }</style>
${head}</head><body><h1>Our shop</h1><ul><li id="host-item">A host list item</li></ul>
<script src="${widgetSrc()}" data-inbox="${key()}" async></script></body></html>`;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let head = '';
    if (url.pathname === '/signed') {
      const user = {
        id: url.searchParams.get('id'),
        email: 'signed@example.com',
        hash: url.searchParams.get('hash'),
      };
      head = `<script>window.DeskwootChat = { user: ${JSON.stringify(user).replace(/</g, '\\u003c')} };</script>`;
    } else if (url.pathname !== '/') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(head));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let browser: Browser;
beforeAll(async () => {
  assertBuilt();
  assertWebBuilt();
  assertWidgetBuilt();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await killAllServers();
});

describe.each(DIALECTS)('the website chat widget on %s', (dialect) => {
  let h: Harness;
  let ws: Workspace;
  let server: ServerProcess;
  let site: { url: string; close(): Promise<void> };
  let elsewhere: { url: string; close(): Promise<void> };
  let inbox: { id: string; secret: string; key: string };
  let mailInbox: { id: string };
  let context: BrowserContext;
  let visitor: Page;
  let agentClient: Client;
  const shot = (page: Page, name: string) => screenshot(page, dialect, `web-chat-${name}`);
  const chat = (page: Page): Locator => page.locator('deskwoot-chat');
  const visitorCount = async () =>
    Number(
      (
        await h.services.db.kysely
          .selectFrom('web_chat_visitors')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    h = await startHarness(dialect);
    ws = await seedWorkspace(h.services, 'Acme');
    site = await startSite(
      () => `${server.url}/widget.js`,
      () => inbox.key,
    );
    elsewhere = await startSite(
      () => `${server.url}/widget.js`,
      () => inbox.key,
    );
    const made = await perform(h.services, ws.system, createInbox, {
      type: 'web_chat',
      name: 'Website',
      web_chat: { allowed_origins: [site.url], require_email: true },
    });
    inbox = { id: made.id, secret: made.secret, key: made.web_chat!.public_key };
    // An email inbox for the offline fallback (its SMTP server is never reached here).
    mailInbox = await perform(h.services, ws.system, createInbox, {
      type: 'email',
      name: 'Mail',
      email: { address: 'help@acme.test', smtp: { host: '127.0.0.1', port: 2525, security: 'none' } },
    });
    server = await spawnServer(h.url);
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    visitor = await context.newPage();
    visitor.setDefaultTimeout(15_000);
    const agent = await makeAgent(h.services, ws.system, {
      scopes: ['conversations:read', 'replies:write'],
      mode: 'autonomous',
      name: 'Chat bot',
    });
    agentClient = await connectAgent(server.url, agent.token);
  });
  afterAll(async () => {
    await agentClient?.close();
    await context?.close();
    await server?.kill('SIGTERM');
    await site?.close();
    await elsewhere?.close();
    await h?.close();
  });

  const hostile =
    '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script> Where is my order?';
  let conversationId: string;

  it('serves a small, cacheable script that any listed site can load', E2E, async () => {
    const res = await fetch(`${server.url}/widget.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('javascript');
    expect(res.headers.get('cache-control')).toContain('max-age');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    const body = Buffer.from(await res.arrayBuffer());
    expect(gzipSync(body).length).toBeLessThan(50 * 1024);
    const again = await fetch(`${server.url}/widget.js`, {
      headers: { 'if-none-match': res.headers.get('etag') ?? '' },
    });
    expect(again.status).toBe(304);
    await again.body?.cancel();
  });

  it(
    'lets a visitor open the chat by keyboard, give an email and send a message, shown as text',
    E2E,
    async () => {
      await visitor.goto(site.url);
      const launcher = chat(visitor).getByRole('button', { name: 'Open chat' });
      await launcher.waitFor();
      // The host page's `* { font-size: 40px !important }` does not reach into the widget.
      expect(await launcher.evaluate((b) => getComputedStyle(b).width)).toBe('56px');
      await launcher.focus();
      await visitor.keyboard.press('Enter');
      const dialog = chat(visitor).getByRole('dialog', { name: 'Chat with us' });
      await dialog.waitFor();
      const email = dialog.getByLabel('Email');
      await expect
        .poll(() =>
          email.evaluate((e) => {
            const root = e.getRootNode();
            return root instanceof ShadowRoot && root.activeElement === e;
          }),
        )
        .toBe(true);
      await dialog.getByRole('button', { name: 'Start chat' }).click();
      // Required: the browser's own validation keeps the form from going out empty.
      expect(await visitorCount()).toBe(0);
      await email.fill('pat@example.com');
      await dialog.getByRole('button', { name: 'Start chat' }).click();
      const message = dialog.getByRole('textbox', { name: 'Message' });
      await message.waitFor();
      await message.fill(hostile);
      await visitor.keyboard.press('Enter');
      const list = dialog.getByRole('list', { name: 'Messages' });
      await list.getByText(hostile).waitFor();
      expect(await list.getAttribute('aria-live')).toBe('polite');
      expect(await visitor.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
      expect(await list.locator('img, script').count()).toBe(0);
      // Nor does the widget's CSS leak out onto the host page.
      expect(await visitor.locator('#host-item').evaluate((e) => getComputedStyle(e).borderRadius)).toBe(
        '0px',
      );
      const stored = await h.services.db.kysely
        .selectFrom('messages')
        .select(['conversation_id', 'type'])
        .where('content', '=', hostile)
        .executeTakeFirstOrThrow();
      expect(stored.type).toBe('incoming');
      conversationId = stored.conversation_id;
      await shot(visitor, 'visitor');
    },
  );

  it('shows the chat in the dashboard as text, and to an agent over MCP', E2E, async () => {
    const desk = await context.browser()!.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const page = await desk.newPage();
      page.setDefaultTimeout(15_000);
      await signIn(page, server.url, 'admin@acme.test', PASSWORD);
      const list = page.getByRole('listbox', { name: 'Conversations' });
      await list.getByRole('option').filter({ hasText: 'Where is my order?' }).click();
      const incoming = page
        .getByRole('article', { name: /Message from/ })
        .filter({ hasText: 'Where is my order?' });
      await incoming.getByText(hostile).waitFor();
      expect(await page.locator('.message-body img, .message-body script').count()).toBe(0);
      expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();

      // A new chat message shows up in the open conversation without a reload.
      const composer = chat(visitor).getByRole('textbox', { name: 'Message' });
      await composer.fill('Are you there?');
      await composer.press('Enter');
      await page
        .getByRole('article', { name: /Message from/ })
        .filter({ hasText: 'Are you there?' })
        .waitFor();

      const seen = await callTool(agentClient, 'get_conversation', { conversation_id: conversationId });
      expect(seen.isError).toBe(false);
      expect(JSON.stringify(seen.body)).toContain('Where is my order?');

      // A teammate's reply from the dashboard reaches the widget at once.
      await page.getByLabel('Reply to the customer').fill('Hello Pat, it left the warehouse today.');
      await page.getByRole('button', { name: 'Send reply' }).click();
      await page.getByText('Delivered').first().waitFor();
      await chat(visitor).getByText('Hello Pat, it left the warehouse today.').waitFor();
      await shot(page, 'dashboard');
      // Settings show the embed snippet an admin copies into the site.
      await page.getByRole('link', { name: 'Settings' }).click();
      const snippet = await page.getByLabel('Embed snippet for Website').inputValue();
      expect(snippet).toBe(`<script src="${server.url}/widget.js" data-inbox="${inbox.key}" async></script>`);
      expect(await page.getByLabel('Allowed origins for Website').inputValue()).toBe(site.url);
      // Replies to visitors who left are mailed through the email inbox chosen here.
      const fallback = page.getByLabel('Mail replies to visitors who left Website');
      await fallback.selectOption({ label: 'From Mail (help@acme.test)' });
      await page.locator('form', { has: fallback }).getByRole('button', { name: 'Save' }).click();
      await page.getByText('Website: chat settings saved').waitFor();
      const settings = await h.services.db.kysely
        .selectFrom('web_chat_settings')
        .select('fallback_email_inbox_id')
        .where('inbox_id', '=', inbox.id)
        .executeTakeFirstOrThrow();
      expect(settings.fallback_email_inbox_id).toBe(mailInbox.id);
      await shot(page, 'settings');
    } finally {
      await desk.close();
    }
  });

  it('brings an agent’s reply, made over MCP, to the widget in realtime', E2E, async () => {
    const reply = await callTool(agentClient, 'reply_to_conversation', {
      conversation_id: conversationId,
      content: 'Your tracking number is 1Z999AA10123456784.',
    });
    expect(reply.isError).toBe(false);
    const dialog = chat(visitor).getByRole('dialog', { name: 'Chat with us' });
    await dialog.getByText('Your tracking number is 1Z999AA10123456784.').waitFor();
    await shot(visitor, 'replies');
    // Escape closes the dialog and gives the focus back to the launcher.
    await dialog.getByRole('textbox', { name: 'Message' }).focus();
    await visitor.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    const launcher = chat(visitor).getByRole('button', { name: 'Open chat' });
    expect(
      await launcher.evaluate((b) => {
        const root = b.getRootNode();
        return root instanceof ShadowRoot && root.activeElement === b;
      }),
    ).toBe(true);
  });

  it('keeps the visitor in the browser: a reload resumes the same chat', E2E, async () => {
    await visitor.reload();
    await chat(visitor).getByRole('button', { name: 'Open chat' }).click();
    const dialog = chat(visitor).getByRole('dialog', { name: 'Chat with us' });
    await dialog.getByText('Your tracking number is 1Z999AA10123456784.').waitFor();
    expect(await dialog.getByLabel('Email').count()).toBe(0);
    expect(await visitorCount()).toBe(1);
  });

  it('says it is reconnecting while the stream is down, and polls meanwhile', E2E, async () => {
    await visitor.route('**/api/v1/widget/stream**', (route) => route.abort('connectionrefused'));
    try {
      await visitor.reload();
      await chat(visitor).getByRole('button', { name: 'Open chat' }).click();
      await chat(visitor).getByRole('status').getByText('Reconnecting…').waitFor();
      const reply = await fetch(`${server.url}/api/v1/conversations/${conversationId}/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ws.admin.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ content: 'Still here, while your connection recovers.' }),
      });
      expect(reply.status).toBe(201);
      await chat(visitor).getByText('Still here, while your connection recovers.').waitFor();
      await shot(visitor, 'reconnecting');
    } finally {
      await visitor.unroute('**/api/v1/widget/stream**');
    }
  });

  it('starts over when the visitor’s token has gone unused too long: the form comes back', E2E, async () => {
    // The stream stays down, so the widget polls; then the token is made 31 days idle.
    await visitor.route('**/api/v1/widget/stream**', (route) => route.abort('connectionrefused'));
    try {
      await visitor.reload();
      await chat(visitor).getByRole('button', { name: 'Open chat' }).click();
      const dialog = chat(visitor).getByRole('dialog', { name: 'Chat with us' });
      await dialog.getByText('Your tracking number is 1Z999AA10123456784.').waitFor();
      await h.services.db.kysely
        .updateTable('web_chat_visitors')
        .set({ last_seen_at: new Date(Date.now() - 31 * 86_400_000).toISOString() })
        .where('inbox_id', '=', inbox.id)
        .execute();
      await dialog.getByLabel('Email').waitFor();
      await dialog.getByText('start a new chat session').waitFor();
      expect(await dialog.getByRole('textbox', { name: 'Message' }).isVisible()).toBe(false);
      expect(await dialog.getByText('Your tracking number is 1Z999AA10123456784.').count()).toBe(0);
      expect(
        await visitor.evaluate((key) => localStorage.getItem(key), `deskwoot-chat:${inbox.key}`),
      ).toBeNull();
      await shot(visitor, 'expired');
    } finally {
      await visitor.unroute('**/api/v1/widget/stream**');
    }
  });

  it('refuses a forged verified identity, and accepts a true one', E2E, async () => {
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const before = await visitorCount();
    await page.goto(`${site.url}/signed?id=user-9&hash=${identityHash('dwi_not-the-secret', 'user-9')}`);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await chat(page).getByRole('button', { name: 'Open chat' }).click();
    await chat(page).getByRole('status').getByText('The identity could not be verified').waitFor();
    expect(await visitorCount()).toBe(before);
    await page.goto(`${site.url}/signed?id=user-9&hash=${identityHash(inbox.secret, 'user-9')}`);
    await chat(page).getByRole('button', { name: 'Open chat' }).click();
    await chat(page).getByRole('textbox', { name: 'Message' }).waitFor();
    expect(await visitorCount()).toBe(before + 1);
    await page.close();
  });

  it('refuses a site whose origin is not allowed: no widget, and its requests fail', E2E, async () => {
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    // The browser refuses the server's 403 (it carries no CORS headers); the widget says so and stays out.
    const warned = page.waitForEvent('console', (m) =>
      m.text().includes('Deskwoot chat is not available here'),
    );
    await page.goto(elsewhere.url);
    await warned;
    const direct = await fetch(`${server.url}/api/v1/widget/config?key=${inbox.key}`, {
      headers: { origin: elsewhere.url },
    });
    expect(direct.status).toBe(403);
    expect(direct.headers.get('access-control-allow-origin')).toBeNull();
    await direct.body?.cancel();
    expect(await chat(page).count()).toBe(0);
    const outcome = await page.evaluate(
      async ([url, key]) => {
        try {
          const r = await fetch(`${url}/api/v1/widget/sessions?key=${key}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ email: 'evil@example.com' }),
          });
          return `status ${r.status}`;
        } catch (error) {
          return `blocked: ${String(error)}`;
        }
      },
      [server.url, inbox.key],
    );
    expect(outcome).toMatch(/^blocked/);
    await shot(page, 'refused-origin');
    await page.close();
  });
});
