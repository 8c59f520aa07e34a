import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.js';
import { type Harness, seedWorkspace, startHarness, type Workspace } from '../support/harness.js';
import { callTool, connectAgent, makeAgent } from '../support/mcp.js';
import { assertBuilt, killAllServers, type ServerProcess, spawnServer } from '../support/server-process.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';
import { assertWebBuilt, launchBrowser, screenshot, signIn } from './support/browser.js';

const PASSWORD = 'correct horse battery';
const E2E = { timeout: 60_000 };

let browser: Browser;
beforeAll(async () => {
  assertBuilt();
  assertWebBuilt();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await killAllServers();
});

/**
 * The dashboard in Chromium against the built server (`deskwoot start`) on a real database, with
 * an AI agent on the real MCP client and a real webhook receiver behind the API inbox. The steps
 * run in order, as a person would take them.
 */
describe.each(DIALECTS)('the dashboard on %s', (dialect) => {
  let h: Harness;
  let ws: Workspace;
  let receiver: WebhookReceiver;
  let server: ServerProcess;
  let context: BrowserContext;
  let page: Page;
  let agent: { id: string; token: string };
  let agentClient: Client;
  const clients: Client[] = [];
  const shot = (name: string, on: Page = page) => screenshot(on, dialect, name);

  beforeAll(async () => {
    h = await startHarness(dialect);
    receiver = await startWebhookReceiver();
    ws = await seedWorkspace(h.services, 'Acme', receiver.url);
    server = await spawnServer(h.url);
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    agent = await makeAgent(h.services, ws.system, { scopes: ['conversations:read', 'replies:write'] });
    agentClient = await connectAgent(server.url, agent.token);
    clients.push(agentClient);
  });
  afterAll(async () => {
    await Promise.allSettled(clients.map((c) => c.close()));
    await context?.close();
    await server?.kill('SIGTERM');
    await receiver?.stop();
    await h?.close();
  });

  /** The agent's draft of a reply to the first conversation (inbox Support, whose webhook is the receiver). */
  const propose = async (content: string) => {
    const outcome = await callTool(agentClient, 'reply_to_conversation', {
      conversation_id: ws.conversations[0]!.id,
      content,
    });
    expect(outcome.body).toMatchObject({ status: 'pending_approval' });
  };
  const approvalsBadge = (count: number) => page.getByRole('link', { name: `Approvals ${count} pending` });
  const messagesWith = (content: string) =>
    h.services.db.kysely.selectFrom('messages').select('id').where('content', '=', content).execute();

  it('signs in with email and password and shows the inbox with counts', E2E, async () => {
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('Email').fill(`admin@acme.test`);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('That email and password do not match').waitFor();
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const list = page.getByRole('listbox', { name: 'Conversations' });
    await list.waitFor();
    expect(await list.getByRole('option').count()).toBe(2);
    await page.getByRole('link', { name: /All inboxes\s*2 open/ }).waitFor();
    await shot('inbox');
  });

  it('shows an agent’s supervised reply, made through the real MCP client, in Approvals', E2E, async () => {
    await propose('Your parcel is delayed; it leaves the warehouse tomorrow.');
    // Heard over the event stream: no reload.
    await approvalsBadge(1).click();
    const card = page.getByRole('article', { name: /Draft reply by Test agent/ });
    await card.getByText('Your parcel is delayed; it leaves the warehouse tomorrow.').waitFor();
    await card.getByText('Hello from Acme: my order never arrived').waitFor();
    await shot('approvals');
  });

  it('edit & approve delivers only the edited text to the API inbox’s webhook', E2E, async () => {
    const edited = 'Sorry for the wait: your parcel ships tomorrow morning, with tracking.';
    const card = page.getByRole('article', { name: /Draft reply by Test agent/ });
    await card.getByRole('button', { name: 'Edit & approve' }).click();
    await card.getByLabel('Edit the reply before it is sent').fill(edited);
    await card.getByRole('button', { name: 'Approve edited reply' }).click();
    await page.getByText('Edited and sent').waitFor();
    await receiver.waitForHits(1);
    expect(receiver.hits.map((hit) => hit.body.message)).toEqual([
      expect.objectContaining({ content: edited }),
    ]);
    expect(receiver.hits.some((hit) => hit.rawBody.includes('leaves the warehouse tomorrow'))).toBe(false);
    expect(await messagesWith('Your parcel is delayed; it leaves the warehouse tomorrow.')).toEqual([]);
    await page.getByText('Nothing waits for approval').waitFor();
  });

  it('reject delivers nothing', E2E, async () => {
    const draft = 'We will refund you twice, as a gesture.';
    await propose(draft);
    const card = page.getByRole('article', { name: /Draft reply by Test agent/ });
    await card.getByText(draft).waitFor();
    await card.getByRole('button', { name: 'Reject' }).click();
    await card.getByLabel('Reason for rejecting').fill('We never refund twice');
    await card.getByRole('button', { name: 'Reject' }).click();
    await page.getByText('Rejected: nothing was sent').waitFor();
    // No message was written, so there is nothing for the webhook to ever deliver.
    expect(await messagesWith(draft)).toEqual([]);
    expect(receiver.hits).toHaveLength(1);
    await page.getByRole('link', { name: 'Decided' }).click();
    await page
      .getByRole('article', { name: /Draft reply/ })
      .filter({ hasText: 'We never refund twice' })
      .waitFor();
  });

  let created: { name: string; token: string };

  it('creates an agent and shows its token once, with ready MCP configs', E2E, async () => {
    await page.getByRole('link', { name: 'Agents' }).click();
    await page.getByRole('button', { name: 'New agent' }).click();
    await page.getByLabel('Name', { exact: true }).fill('E2E bot');
    await page.getByRole('checkbox', { name: /replies:write/ }).check();
    const money = page.getByRole('group', { name: 'Money (off by default)' }).getByRole('checkbox');
    expect(await money.count()).toBe(3);
    for (const box of await money.all()) expect(await box.isChecked()).toBe(false);
    await shot('agent-form');
    await page.getByRole('button', { name: 'Create agent' }).click();
    const token = await page.getByRole('textbox', { name: 'Bot token' }).inputValue();
    expect(token).toMatch(/^dwt_/);
    await page.getByRole('button', { name: 'Copy the bot token' }).waitFor();
    await page.getByText(`claude mcp add --transport http deskwoot ${server.url}/mcp`).waitFor();
    expect(await page.locator('pre').filter({ hasText: '"mcpServers"' }).textContent()).toContain(token);
    await shot('agent-token');
    await page.getByRole('button', { name: 'I have saved the token' }).click();
    await page.getByRole('row', { name: /E2E bot/ }).waitFor();
    expect(await page.content()).not.toContain(token);
    await page.reload();
    await page.getByRole('row', { name: /E2E bot/ }).waitFor();
    expect(await page.content()).not.toContain(token);
    created = { name: 'E2E bot', token };
    await shot('agents');
  });

  it('revokes an agent with one click and a confirmation, and its next MCP call fails', E2E, async () => {
    const client = await connectAgent(server.url, created.token);
    clients.push(client);
    expect((await callTool(client, 'list_conversations', {})).isError).toBe(false);
    await page.getByRole('button', { name: `Revoke ${created.name}` }).click();
    const dialog = page.getByRole('dialog', { name: `Revoke ${created.name}?` });
    await dialog.getByRole('button', { name: 'Revoke' }).click();
    await page.getByText(`${created.name} revoked: its token no longer works`).waitFor();
    await page.getByRole('row', { name: /E2E bot.*revoked/ }).waitFor();
    await expect(callTool(client, 'list_conversations', {})).rejects.toThrow();
    await expect(connectAgent(server.url, created.token)).rejects.toThrow();
  });

  it(
    'pauses every agent with one switch, shows it on every page while paused, and resumes',
    E2E,
    async () => {
      const pause = page.getByRole('switch', { name: 'Pause all agents' });
      await pause.click();
      await page.getByText('All agents are paused.').waitFor();
      expect(await pause.getAttribute('aria-checked')).toBe('true');
      const paused = await connectAgent(server.url, agent.token);
      clients.push(paused);
      expect((await callTool(paused, 'list_conversations', {})).body).toMatchObject({
        error: { code: 'paused' },
      });
      await page.getByRole('link', { name: 'Inbox' }).click();
      await page.getByText('All agents are paused.').waitFor();
      await shot('paused');
      await page.getByRole('button', { name: 'Resume agents' }).click();
      await page.getByText('Agents resumed').waitFor();
      expect(await page.getByText('All agents are paused.').count()).toBe(0);
      agentClient = await connectAgent(server.url, agent.token);
      clients.push(agentClient);
      expect((await callTool(agentClient, 'list_conversations', {})).isError).toBe(false);
    },
  );

  it(
    'lists the agent’s actions in the audit log, each with its inputs, and says the chain verifies',
    E2E,
    async () => {
      await page.getByRole('link', { name: 'Audit log' }).click();
      await page.getByText(/Chain verified: \d+ events/).waitFor();
      await page.getByLabel('Actor').selectOption({ label: 'Test agent (agent)' });
      await page.getByRole('button', { name: 'Apply' }).click();
      const events = page.getByRole('list', { name: 'Audit events, newest first' }).getByRole('listitem');
      await events.filter({ hasText: 'conversation.reply' }).first().waitFor();
      const texts = await events.allTextContents();
      expect(texts.every((t) => t.includes('Test agent (agent)'))).toBe(true);
      expect(
        texts.filter((t) => t.includes('conversation.reply') && t.includes('pending approval')),
      ).toHaveLength(2);
      expect(
        texts.some((t) => t.includes('conversation.list') && t.includes('denied') && t.includes('paused')),
      ).toBe(true);
      const draft = events.filter({ hasText: 'conversation.reply' }).last();
      await draft.locator('summary').click();
      await draft.getByText('leaves the warehouse tomorrow').waitFor();
      await shot('audit');
    },
  );

  it('shows a new customer message and changes without a reload, and keeps notes private', E2E, async () => {
    await page.getByRole('link', { name: 'Inbox' }).click();
    const list = page.getByRole('listbox', { name: 'Conversations' });
    await list.waitFor();
    const incoming = await fetch(`${server.url}/api/v1/inboxes/${ws.inboxes[1]!.id}/incoming`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ws.inboxes[1]!.secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        contact: { email: 'noor@example.com', name: 'Noor' },
        content: 'Do you ship to Norway?',
      }),
    });
    expect(incoming.status).toBe(201);
    await list.getByRole('option', { name: /Noor.*Do you ship to Norway\?/ }).waitFor();
    // Keyboard: the newest is first; Home opens it, Enter goes to the reply box.
    await list.focus();
    await page.keyboard.press('Home');
    await page.getByRole('heading', { name: 'Noor' }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('radio', { name: 'Private note' }).check();
    await page.getByLabel('Private note (only teammates see it)').fill('Ask the carrier about Norway');
    await page.getByRole('button', { name: 'Add note' }).click();
    const note = page.getByRole('article', { name: /Private note from Acme Admin/ });
    await note.getByText('not sent to the customer').waitFor();
    await page.getByRole('combobox', { name: 'Status' }).selectOption('pending');
    await page.getByRole('link', { name: /Pending\s*1/ }).waitFor();
    await shot('conversation');
  });

  it('keeps the page when the session expires, and carries on after signing in again', E2E, async () => {
    const cookie = (await context.cookies()).find((c) => c.name === 'dw_session');
    expect(cookie).toBeDefined();
    const out = await fetch(`${server.url}/api/v1/auth/logout`, {
      method: 'POST',
      headers: { cookie: `dw_session=${cookie!.value}` },
    });
    expect(out.status).toBe(200);
    const dialog = page.getByRole('dialog', { name: 'Your session has expired' });
    await dialog.waitFor();
    await dialog.getByLabel('Password').fill(PASSWORD);
    await dialog.getByRole('button', { name: 'Sign in and continue' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: 'Noor' }).waitFor();
  });

  it('shows the admin settings: inboxes with their webhook URL, teammates, stores', E2E, async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    expect(await page.getByLabel('Webhook URL for Support').inputValue()).toBe(receiver.url);
    await shot('settings-inboxes');
    await page.getByRole('link', { name: 'Teammates' }).click();
    await page.getByRole('heading', { name: 'Acme Mate' }).waitFor();
    await page.getByRole('link', { name: 'Stores' }).click();
    await page.getByRole('heading', { name: 'Connect a store' }).waitFor();
  });

  it('works at a phone’s width, and signs out', E2E, async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
    try {
      const small = await phone.newPage();
      await signIn(small, server.url, 'mate@acme.test', PASSWORD);
      await shot('phone-inbox', small);
      await small.getByRole('listbox', { name: 'Conversations' }).getByRole('option').first().click();
      await small.getByRole('button', { name: '← Conversations' }).waitFor();
      await shot('phone-conversation', small);
      await small.getByRole('button', { name: 'Menu' }).click();
      expect(await small.getByRole('link', { name: 'Agents' }).count()).toBe(0);
      await small.getByRole('button', { name: 'Sign out' }).click();
      await small.getByRole('heading', { name: 'Sign in' }).waitFor();
    } finally {
      await phone.close();
    }
  });
});
