import { connect } from 'node:net';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer/index.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli/main.js';
import { loadConfig } from '../src/config.js';
import { startServer } from '../src/server.js';
import { actorForBotToken } from '../src/agents/agents.repository.js';
import { createAgent } from '../src/agents/create-agent.js';
import { type DeliveryOptions, deliverDue } from '../src/channels/api/deliver-webhooks.js';
import { closeEmailTransports } from '../src/channels/email/send-email.js';
import { type SmtpReceiver, startSmtpReceiver } from '../src/channels/email/smtp-receiver.js';
import { replyToConversation } from '../src/conversations/post-message.js';
import { startConversation } from '../src/conversations/start-conversation.js';
import { perform, performAsAgent } from '../src/core/perform.js';
import { DIALECTS } from './support/databases.js';
import {
  call,
  type Harness,
  seedWorkspace,
  startHarness,
  TEST_SECRET,
  type Workspace,
} from './support/harness.js';
import { type SmtpSink, startSmtpSink } from './support/smtp-sink.js';

/** Backoff in virtual time (the harness clock), so retries need no real waiting. */
const FAST: DeliveryOptions = {
  backoff: (n) => 1_000 * n,
  maxAttempts: 4,
  timeoutMs: 5_000,
  leaseMs: 10_000,
};
const LIMITS = { maxBytes: 2 * 1024 * 1024, maxAttachmentBytes: 512 * 1024, maxAttachments: 3 };
const SMTP_LOGIN = { user: 'mailer', password: 'smtp-pass-Zq81x' };
const ADDRESS = 'support@acme.test';

interface Thread {
  conversation: { id: string; status: string; subject?: string | null };
  messages: {
    id: string;
    type: string;
    content: string;
    delivery_status: string | null;
    delivery_error: string | null;
    attachments: { id: string; filename: string; content_type: string; size: number }[];
  }[];
}

describe.each(DIALECTS)('the email channel on %s', (dialect) => {
  let h: Harness;
  let ws: Workspace;
  let sink: SmtpSink;
  let receiver: SmtpReceiver;
  let inbox: { id: string; secret: string };
  let clock = Date.now();
  const db = () => h.services.db.kysely;
  const advance = (ms: number) => {
    clock += ms;
    h.setNow(new Date(clock));
  };

  /** The customer's mail program, speaking SMTP to Deskwoot's receiver. */
  const customer = () =>
    nodemailer.createTransport({ host: '127.0.0.1', port: receiver.port, secure: false, ignoreTLS: true });
  const send = (mail: Mail.Options) =>
    customer().sendMail({ from: 'Casey Customer <casey@example.com>', to: ADDRESS, ...mail });
  const sendRaw = (raw: string | Buffer, from = 'casey@example.com', to = [ADDRESS]) =>
    customer().sendMail({ envelope: { from, to }, raw });
  const smtpError = async (sending: Promise<unknown>) => {
    const error = (await sending.then(
      () => null,
      (e: unknown) => e,
    )) as { responseCode?: number; response?: string } | null;
    return error && { code: error.responseCode, response: error.response ?? '' };
  };

  const pending = async () =>
    Number(
      (
        await db()
          .selectFrom('deliveries')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('status', '=', 'pending')
          .executeTakeFirstOrThrow()
      ).n,
    );
  /** Sends until nothing is pending, moving the clock past every backoff; bounded. */
  const drain = async () => {
    for (let round = 0; round < 20 && (await pending()) > 0; round += 1) {
      await deliverDue(h.services, FAST);
      advance(60_000);
    }
  };
  const thread = async (conversationId: string) =>
    (await call(h.app, 'GET', `/api/v1/conversations/${conversationId}`, { token: ws.admin.token }))
      .body as Thread;
  const bySource = (sourceId: string) =>
    db().selectFrom('messages').selectAll().where('source_id', '=', sourceId).executeTakeFirstOrThrow();
  const count = async (table: 'messages' | 'conversations' | 'deliveries' | 'attachments') =>
    Number(
      (
        await db()
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .where('account_id', '=', ws.accountId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const reply = async (conversationId: string, content: string) => {
    const res = await call(h.app, 'POST', `/api/v1/conversations/${conversationId}/messages`, {
      token: ws.admin.token,
      body: { content },
    });
    expect(res.status).toBe(201);
    return res.body as { id: string };
  };

  beforeAll(async () => {
    h = await startHarness(dialect);
    h.setNow(new Date(clock));
    ws = await seedWorkspace(h.services);
    sink = await startSmtpSink(SMTP_LOGIN);
    const created = await call(h.app, 'POST', '/api/v1/inboxes', {
      token: ws.admin.token,
      body: {
        type: 'email',
        name: 'Support',
        email: {
          address: 'Support@Acme.test',
          smtp: { host: '127.0.0.1', port: sink.port, security: 'none', ...SMTP_LOGIN },
        },
      },
    });
    expect(created.status).toBe(201);
    inbox = created.body as { id: string; secret: string };
    receiver = await startSmtpReceiver(h.services, { port: 0, limits: LIMITS });
  });

  afterAll(async () => {
    await receiver?.close();
    await sink?.close();
    closeEmailTransports();
    await h?.close();
  });

  it('keeps the SMTP password out of every answer and the audit log', async () => {
    const got = await call(h.app, 'GET', `/api/v1/inboxes/${inbox.id}`, { token: ws.admin.token });
    expect(got.body).toMatchObject({
      type: 'email',
      email: {
        address: ADDRESS,
        smtp: { host: '127.0.0.1', port: sink.port, security: 'none', user: 'mailer', password_set: true },
      },
    });
    const listed = await call(h.app, 'GET', '/api/v1/inboxes', { token: ws.admin.token });
    const patched = await call(h.app, 'PATCH', `/api/v1/inboxes/${inbox.id}`, {
      token: ws.admin.token,
      body: { email: { smtp: { user: SMTP_LOGIN.user, password: SMTP_LOGIN.password } } },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ email: { smtp: { user: 'mailer', password_set: true } } });
    expect(JSON.stringify(patched.body)).not.toContain(SMTP_LOGIN.password);
    const audit = await db().selectFrom('audit_events').select(['input', 'result']).execute();
    const stored = await db().selectFrom('email_settings').selectAll().execute();
    for (const text of [
      JSON.stringify(got.body),
      JSON.stringify(listed.body),
      JSON.stringify(audit),
      JSON.stringify(stored),
    ])
      expect(text).not.toContain(SMTP_LOGIN.password);
  });

  it('refuses email settings that are malformed or on another type of inbox', async () => {
    const before = await db().selectFrom('inboxes').select('id').execute();
    const bad = [
      {
        type: 'email',
        name: 'X',
        email: { address: 'not-an-address', smtp: { host: '127.0.0.1', port: 25 } },
      },
      {
        type: 'email',
        name: 'X',
        email: { address: 'a+b@acme.test', smtp: { host: '127.0.0.1', port: 25 } },
      },
      {
        type: 'email',
        name: 'X',
        email: { address: 'x@acme.test', smtp: { host: 'evil host\r\n', port: 25 } },
      },
      { type: 'email', name: 'X', email: { address: 'x@acme.test', smtp: { host: '127.0.0.1', port: 0 } } },
      { type: 'api', name: 'X', email: { address: 'x@acme.test', smtp: { host: '127.0.0.1', port: 25 } } },
    ];
    for (const body of bad) {
      const res = await call(h.app, 'POST', '/api/v1/inboxes', { token: ws.admin.token, body });
      expect(res.status).toBe(400);
    }
    const taken = await call(h.app, 'POST', '/api/v1/inboxes', {
      token: ws.admin.token,
      body: {
        type: 'email',
        name: 'Dup',
        email: { address: ADDRESS, smtp: { host: '127.0.0.1', port: 25 } },
      },
    });
    expect(taken.status).toBe(409);
    expect(await db().selectFrom('inboxes').select('id').execute()).toEqual(before);

    // An email inbox may be set up later; its first settings must then be complete.
    const later = await call(h.app, 'POST', '/api/v1/inboxes', {
      token: ws.admin.token,
      body: { type: 'email', name: 'Later' },
    });
    expect(later.body).toMatchObject({ type: 'email', email: null });
    const laterId = (later.body as { id: string }).id;
    const partial = await call(h.app, 'PATCH', `/api/v1/inboxes/${laterId}`, {
      token: ws.admin.token,
      body: { email: { address: 'later@acme.test' } },
    });
    expect(partial.status).toBe(400);
    expect(JSON.stringify(partial.body)).toContain('email.smtp');
    const complete = await call(h.app, 'PATCH', `/api/v1/inboxes/${laterId}`, {
      token: ws.admin.token,
      body: { email: { address: 'later@acme.test', smtp: { host: 'smtp.acme.test', port: 587 } } },
    });
    expect(complete.status).toBe(200);
    expect(complete.body).toMatchObject({
      email: { address: 'later@acme.test', smtp: { security: 'starttls', user: null, password_set: false } },
    });
  });

  it('opens a conversation from an inbound email, and an approved agent reply reaches the customer threaded', async () => {
    await send({
      subject: 'Where is my parcel?',
      messageId: '<first-1@example.com>',
      text: 'It has been two weeks.\n\n-- \nCasey\nExample Corp',
    });
    const incoming = await bySource('<first-1@example.com>');
    expect(incoming).toMatchObject({
      type: 'incoming',
      inbox_id: inbox.id,
      content: 'It has been two weeks.',
    });
    const conversation = await db()
      .selectFrom('conversations')
      .selectAll()
      .where('id', '=', incoming.conversation_id)
      .executeTakeFirstOrThrow();
    expect(conversation.subject).toBe('Where is my parcel?');
    const contact = await db()
      .selectFrom('contacts')
      .selectAll()
      .where('id', '=', conversation.contact_id)
      .executeTakeFirstOrThrow();
    expect(contact).toMatchObject({ email: 'casey@example.com', name: 'Casey Customer' });

    const agent = await perform(h.services, ws.system, createAgent, {
      name: 'Robo',
      scopes: ['conversations:read', 'replies:write'],
      mode: 'supervised',
    });
    const actor = await actorForBotToken(db(), agent.token);
    const proposed = await performAsAgent(h.services, actor!, replyToConversation, {
      conversation_id: conversation.id,
      content: 'Your parcel left our warehouse today.\nTracking: 123 <b>not bold</b>',
    });
    expect(proposed.status).toBe('pending_approval');
    await drain();
    expect(sink.mails).toHaveLength(0); // nothing reaches the customer before a teammate approves
    const approved = await call(
      h.app,
      'POST',
      `/api/v1/approvals/${proposed.status === 'pending_approval' ? proposed.approval_id : ''}/approve`,
      { token: ws.admin.token, body: {} },
    );
    expect(approved.status).toBe(200);
    await drain();

    expect(sink.mails).toHaveLength(1);
    const mail = sink.mails[0]!;
    expect(mail.envelope).toEqual({ from: ADDRESS, to: ['casey@example.com'] });
    expect(sink.logins).toContain('mailer');
    expect(mail.parsed.from?.value[0]).toEqual({ name: 'Robo via Support', address: ADDRESS });
    expect(mail.parsed.subject).toBe('Re: Where is my parcel?');
    expect(mail.parsed.inReplyTo).toBe('<first-1@example.com>');
    expect(mail.parsed.references).toBe('<first-1@example.com>');
    expect(mail.parsed.messageId).toMatch(/^<msg_[a-z0-9]+@acme\.test>$/);
    expect(mail.parsed.replyTo?.value[0]?.address).toMatch(/^support\+[a-f0-9]{24}@acme\.test$/);
    expect(mail.parsed.text?.trim()).toBe(
      'Your parcel left our warehouse today.\nTracking: 123 <b>not bold</b>',
    );
    expect(mail.parsed.html).toContain('Tracking: 123 &lt;b&gt;not bold&lt;/b&gt;');
    expect(mail.parsed.html).toContain('<br>');
    expect(mail.parsed.headers.get('auto-submitted')).toBeUndefined();

    const view = await thread(conversation.id);
    const sent = view.messages.at(-1)!;
    expect(sent).toMatchObject({ type: 'outgoing', delivery_status: 'sent', delivery_error: null });

    // The customer answers from their mail program: threaded by In-Reply-To, quote stripped.
    await send({
      subject: 'Re: Where is my parcel?',
      messageId: '<first-2@example.com>',
      inReplyTo: mail.parsed.messageId,
      references: ['<first-1@example.com>', mail.parsed.messageId!],
      text: `Great, thanks!\n\nOn Tue, 1 Dec 2026, Robo via Support <${ADDRESS}> wrote:\n> Your parcel left our warehouse today.`,
    });
    const answer = await bySource('<first-2@example.com>');
    expect(answer).toMatchObject({
      conversation_id: conversation.id,
      type: 'incoming',
      content: 'Great, thanks!',
    });
    const facts = await db()
      .selectFrom('email_messages')
      .selectAll()
      .where('message_id', '=', answer.id)
      .executeTakeFirstOrThrow();
    expect(facts.full_text).toContain('> Your parcel left our warehouse today.');

    // Headers lost (a forward, a web mailer): the reply token in the address still threads it.
    await send({
      to: mail.parsed.replyTo!.value[0]!.address!,
      subject: 'another question',
      messageId: '<first-3@example.com>',
      text: 'Can I change the address?',
    });
    expect((await bySource('<first-3@example.com>')).conversation_id).toBe(conversation.id);

    // A new mail with no thread opens a conversation of its own.
    await send({ subject: 'New topic', messageId: '<other-1@example.com>', text: 'Hello again' });
    expect((await bySource('<other-1@example.com>')).conversation_id).not.toBe(conversation.id);

    // The same mail delivered twice is stored once.
    const before = await count('messages');
    await send({ subject: 'New topic', messageId: '<other-1@example.com>', text: 'Hello again' });
    expect(await count('messages')).toBe(before);
  });

  it('records a bounce on the message it bounced, and notes an auto-reply, without any mail going back', async () => {
    await send({ subject: 'Bounce me', messageId: '<bounce-thread@example.com>', text: 'Help' });
    const first = await bySource('<bounce-thread@example.com>');
    const ours = await reply(first.conversation_id, 'We are on it.');
    await drain();
    const ourMail = sink.mails.at(-1)!;
    expect(ourMail.parsed.inReplyTo).toBe('<bounce-thread@example.com>');
    expect(
      (
        await db()
          .selectFrom('messages')
          .select('delivery_status')
          .where('id', '=', ours.id)
          .executeTakeFirstOrThrow()
      ).delivery_status,
    ).toBe('sent');

    const mailsBefore = sink.mails.length;
    const incomingBefore = await db()
      .selectFrom('messages')
      .select('id')
      .where('type', '=', 'incoming')
      .execute();
    const dsn = [
      'From: Mail Delivery System <MAILER-DAEMON@mx.example.com>',
      `To: ${ADDRESS}`,
      'Subject: Undelivered Mail Returned to Sender',
      'Message-ID: <dsn-1@mx.example.com>',
      'Auto-Submitted: auto-replied',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="BOUND"',
      '',
      '--BOUND',
      'Content-Type: text/plain',
      '',
      'Your message could not be delivered.',
      '--BOUND',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.example.com',
      '',
      'Final-Recipient: rfc822; casey@example.com',
      'Action: failed',
      'Status: 5.1.1',
      'Diagnostic-Code: smtp; 550 5.1.1 <casey@example.com>: Recipient address rejected',
      '--BOUND',
      'Content-Type: text/rfc822-headers',
      '',
      `Message-ID: ${ourMail.parsed.messageId}`,
      `From: ${ADDRESS}`,
      '--BOUND--',
      '',
    ].join('\r\n');
    await sendRaw(dsn, '');
    const bounced = await db()
      .selectFrom('messages')
      .selectAll()
      .where('id', '=', ours.id)
      .executeTakeFirstOrThrow();
    expect(bounced.delivery_status).toBe('failed');
    expect(bounced.delivery_error).toContain('550 5.1.1');
    const view = await thread(first.conversation_id);
    expect(view.messages.find((m) => m.id === ours.id)).toMatchObject({ delivery_status: 'failed' });
    expect(view.messages.at(-1)).toMatchObject({ type: 'activity' });

    // An out-of-office answer to a resolved conversation: noted, not reopened, nothing sent back.
    await call(h.app, 'PATCH', `/api/v1/conversations/${first.conversation_id}`, {
      token: ws.admin.token,
      body: { status: 'resolved' },
    });
    await send({
      subject: 'Out of office: Re: Bounce me',
      messageId: '<ooo-1@example.com>',
      inReplyTo: ourMail.parsed.messageId,
      headers: { 'Auto-Submitted': 'auto-replied', 'X-Autoreply': 'yes' },
      text: 'I am away until Monday.',
    });
    const after = await thread(first.conversation_id);
    expect(after.conversation.status).toBe('resolved');
    expect(after.messages.at(-1)).toMatchObject({ type: 'activity' });
    expect(after.messages.at(-1)!.content).toContain('Automatic reply');
    // An auto-reply with no thread opens nothing.
    const conversations = await count('conversations');
    await send({
      subject: 'Auto',
      messageId: '<ooo-2@example.com>',
      headers: { Precedence: 'bulk' },
      text: 'Away',
    });
    expect(await count('conversations')).toBe(conversations);

    await drain();
    expect(sink.mails).toHaveLength(mailsBefore);
    expect(await db().selectFrom('messages').select('id').where('type', '=', 'incoming').execute()).toEqual(
      incomingBefore,
    );
    expect(await pending()).toBe(0);
  });

  it('fails a reply at once on a permanent SMTP refusal, and retries a temporary one', async () => {
    await send({ subject: 'Refusals', messageId: '<refuse-1@example.com>', text: 'Hi' });
    const { conversation_id } = await bySource('<refuse-1@example.com>');
    sink.refuseNext(550, '5.1.1 No such user here');
    const refused = await reply(conversation_id, 'First try');
    await deliverDue(h.services, FAST);
    const failed = await db()
      .selectFrom('deliveries')
      .selectAll()
      .where('message_id', '=', refused.id)
      .executeTakeFirstOrThrow();
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    const row = await db()
      .selectFrom('messages')
      .selectAll()
      .where('id', '=', refused.id)
      .executeTakeFirstOrThrow();
    expect(row.delivery_error).toContain('No such user here');

    const mails = sink.mails.length;
    sink.refuseNext(451, '4.3.0 Try again later');
    const retried = await reply(conversation_id, 'Second try');
    await deliverDue(h.services, FAST);
    expect(
      await db()
        .selectFrom('deliveries')
        .selectAll()
        .where('message_id', '=', retried.id)
        .executeTakeFirstOrThrow(),
    ).toMatchObject({
      status: 'pending',
      attempts: 1,
      last_error: expect.stringContaining('Try again later'),
    });
    await drain();
    expect(
      await db()
        .selectFrom('deliveries')
        .select('status')
        .where('message_id', '=', retried.id)
        .executeTakeFirstOrThrow(),
    ).toEqual({
      status: 'sent',
    });
    expect(sink.mails).toHaveLength(mails + 1);
    expect(sink.mails.at(-1)!.parsed.text?.trim()).toBe('Second try');
  });

  it('lets an agent with outbound:write email one contact, and only one who has an address', async () => {
    const withEmail = await db()
      .selectFrom('contacts')
      .selectAll()
      .where('email', '=', 'casey@example.com')
      .executeTakeFirstOrThrow();
    const noEmail = ws.conversations[0]!.contactId;
    const cleared = await call(h.app, 'PATCH', `/api/v1/contacts/${noEmail}`, {
      token: ws.admin.token,
      body: { email: null },
    });
    expect(cleared.status).toBe(200);
    const agent = await perform(h.services, ws.system, createAgent, {
      name: 'Outreach',
      scopes: ['contacts:read', 'outbound:write'],
      mode: 'autonomous',
    });
    const actor = (await actorForBotToken(db(), agent.token))!;
    const before = await count('conversations');
    const refused = await performAsAgent(h.services, actor, startConversation, {
      contact_id: noEmail,
      inbox_id: inbox.id,
      content: 'Hello',
    }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toMatchObject({
      code: 'unprocessable',
      message: expect.stringContaining('no email address'),
    });
    expect(await count('conversations')).toBe(before);

    const started = await performAsAgent(h.services, actor, startConversation, {
      contact_id: withEmail.id,
      inbox_id: inbox.id,
      content: 'Your refund is on its way\nDetails follow.',
    });
    expect(started.status).toBe('succeeded');
    await drain();
    const mail = sink.mails.at(-1)!;
    expect(mail.envelope.to).toEqual(['casey@example.com']);
    expect(mail.parsed.subject).toBe('Your refund is on its way');
    expect(mail.parsed.inReplyTo).toBeUndefined();
    expect(mail.parsed.from?.value[0]).toEqual({ name: 'Outreach via Support', address: ADDRESS });
  });

  it('keeps attachments, served only to those who may read the conversation', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2000, 7)]);
    await send({
      subject: 'Invoice',
      messageId: '<att-1@example.com>',
      text: 'See attached',
      attachments: [{ filename: 'invoice.pdf', content: pdf, contentType: 'application/pdf' }],
    });
    const message = await bySource('<att-1@example.com>');
    const view = await thread(message.conversation_id);
    const shown = view.messages.find((m) => m.id === message.id)!;
    expect(shown.attachments).toEqual([
      {
        id: expect.stringMatching(/^att_/),
        filename: 'invoice.pdf',
        content_type: 'application/pdf',
        size: pdf.length,
      },
    ]);
    const id = shown.attachments[0]!.id;
    const res = await h.app.request(`/api/v1/attachments/${id}`, {
      headers: { authorization: `Bearer ${ws.admin.token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('attachment; filename="invoice.pdf"');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await res.arrayBuffer()).equals(pdf)).toBe(true);
    // The teammate is not a member of the email inbox: the file does not exist for them.
    const hidden = await call(h.app, 'GET', `/api/v1/attachments/${id}`, { token: ws.teammate.token });
    expect(hidden.status).toBe(404);
    expect((await call(h.app, 'GET', `/api/v1/attachments/${id}`)).status).toBe(401);
  });

  it('refuses oversized mail, oversized and executable attachments with a clear SMTP reply, storing nothing', async () => {
    const before = { messages: await count('messages'), attachments: await count('attachments') };
    const huge = await smtpError(send({ subject: 'Huge', text: 'x'.repeat(LIMITS.maxBytes + 1000) }));
    expect(huge?.code).toBe(552);
    const big = await smtpError(
      send({
        subject: 'Big file',
        text: 'see',
        attachments: [{ filename: 'big.bin', content: Buffer.alloc(600 * 1024, 1) }],
      }),
    );
    expect(big).toMatchObject({ code: 552, response: expect.stringContaining('big.bin') });
    const many = await smtpError(
      send({
        subject: 'Many',
        text: 'see',
        attachments: [1, 2, 3, 4].map((n) => ({ filename: `f${n}.txt`, content: `file ${n}` })),
      }),
    );
    expect(many?.code).toBe(552);
    for (const file of [
      { filename: 'setup.exe', content: Buffer.from('MZ\x90\x00rest') },
      { filename: 'invoice.pdf', content: Buffer.from('MZ\x90\x00disguised') },
      { filename: 'run.js', content: 'alert(1)' },
      { filename: 'x.bin', content: 'data', contentType: 'application/x-msdownload' },
    ]) {
      const refused = await smtpError(send({ subject: 'Program', text: 'run this', attachments: [file] }));
      expect(refused).toMatchObject({ code: 554, response: expect.stringContaining('refused') });
    }
    const nobody = await smtpError(send({ to: 'nobody@acme.test', subject: 'Hi', text: 'Hi' }));
    expect(nobody?.code).toBe(550);
    expect({ messages: await count('messages'), attachments: await count('attachments') }).toEqual(before);
  });

  it('stores malformed MIME safely or refuses it clearly, and keeps receiving', async () => {
    const noHeaders = await smtpError(sendRaw('this is not a mail at all'));
    expect(noHeaders?.code).toBe(554);
    const noFrom = await smtpError(sendRaw('Subject: hi\r\n\r\nbody'));
    expect(noFrom).toMatchObject({ code: 554, response: expect.stringContaining('From') });
    // A broken multipart (no closing boundary, bad encodings, NUL bytes) is stored as text.
    const broken = [
      'From: casey@example.com',
      `To: ${ADDRESS}`,
      'Subject: =?utf-8?B?broken?= =?x-unknown?Q?=ZZ?=',
      'Message-ID: <broken-1@example.com>',
      'Content-Type: multipart/mixed; boundary="never-closed"',
      '',
      '--never-closed',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: base64',
      '',
      '!!!not base64\u0000\u0000',
      '--never-closed',
      'Content-Type: text/html',
      '',
      '<script>alert(1)</script><p>Hello',
    ].join('\r\n');
    expect(await smtpError(sendRaw(broken))).toBeNull();
    const stored = await bySource('<broken-1@example.com>');
    expect(stored.type).toBe('incoming');
    expect(stored.content).not.toContain('\u0000');
    // Protocol garbage on a raw connection: answered (5xx), and the receiver keeps serving.
    const replies = await new Promise<string>((resolve) => {
      let heard = '';
      const socket = connect(receiver.port, '127.0.0.1');
      socket.on('data', (chunk) => {
        const greeted = heard === '';
        heard += chunk.toString();
        // Only after the greeting: the receiver hangs up on clients that talk first.
        if (greeted) {
          socket.write('\u0000\u00ff\r\nEHLO \r\nMAIL FROM:<<<>>>\r\nRCPT TO:<x@>\r\nDATA\r\n');
          socket.write(`${'A'.repeat(10_000)}\r\nQUIT\r\n`);
        }
      });
      socket.on('close', () => resolve(heard));
      socket.on('error', () => resolve(heard));
      socket.setTimeout(5_000, () => socket.destroy());
    });
    expect(replies).toMatch(/^220 /);
    expect(replies).toMatch(/^5\d\d /m);
    // HTML-only mail is stored as its text: never as markup, never run.
    await send({
      subject: 'Styled',
      messageId: '<html-1@example.com>',
      html: '<p>Hello <b>there</b></p><script>alert(1)</script><img src="https://tracker.example/x.gif">',
    });
    const html = await bySource('<html-1@example.com>');
    expect(html.content).toContain('Hello there');
    expect(html.content).not.toMatch(/<script|<b>|<img/);
    // Still receiving.
    await send({ subject: 'After', messageId: '<after-1@example.com>', text: 'still here' });
    expect((await bySource('<after-1@example.com>')).content).toBe('still here');
  });

  it('sends header injection attempts in names and subjects as plain text', async () => {
    const injected = Buffer.from('Order 7\r\nBcc: evil@evil.test', 'utf8').toString('base64');
    await sendRaw(
      [
        'From: "Casey\r\n Bcc: evil@evil.test" <casey@example.com>',
        `To: ${ADDRESS}`,
        `Subject: =?utf-8?B?${injected}?=`,
        'Message-ID: <inject-1@example.com>',
        '',
        'Hello',
      ].join('\r\n'),
    );
    const message = await bySource('<inject-1@example.com>');
    const conversation = await db()
      .selectFrom('conversations')
      .selectAll()
      .where('id', '=', message.conversation_id)
      .executeTakeFirstOrThrow();
    expect(conversation.subject).toBe('Order 7 Bcc: evil@evil.test');
    const renamed = await call(h.app, 'PATCH', `/api/v1/inboxes/${inbox.id}`, {
      token: ws.admin.token,
      body: { name: 'Support\r\nBcc: evil@evil.test' },
    });
    expect(renamed.status).toBe(200);
    await reply(message.conversation_id, 'Thanks');
    await drain();
    const mail = sink.mails.at(-1)!;
    expect(mail.envelope.to).toEqual(['casey@example.com']);
    expect(mail.parsed.bcc).toBeUndefined();
    expect(mail.raw).not.toMatch(/^bcc:/im);
    expect(mail.parsed.subject).toBe('Re: Order 7 Bcc: evil@evil.test');
    expect(mail.parsed.from?.value[0]).toEqual({
      name: 'Acme Admin via Support Bcc: evil@evil.test',
      address: ADDRESS,
    });
    await call(h.app, 'PATCH', `/api/v1/inboxes/${inbox.id}`, {
      token: ws.admin.token,
      body: { name: 'Support' },
    });
  });

  it('runs the SMTP receiver with the server only when a port is configured', async () => {
    const off = await startServer(loadConfig({ databaseUrl: h.url, port: 0 }, {}), h.services);
    expect(off.smtpPort).toBeNull();
    await off.close();
    const on = await startServer(loadConfig({ databaseUrl: h.url, port: 0, smtpPort: 0 }, {}), h.services);
    try {
      expect(on.smtpPort).toBeGreaterThan(0);
      await nodemailer
        .createTransport({ host: '127.0.0.1', port: on.smtpPort!, secure: false, ignoreTLS: true })
        .sendMail({
          from: 'casey@example.com',
          to: ADDRESS,
          subject: 'Via the server',
          messageId: '<server-1@example.com>',
          text: 'Hi',
        });
      expect((await bySource('<server-1@example.com>')).content).toBe('Hi');
    } finally {
      await on.close();
    }
  });

  it('creates an email inbox from the command line, never printing the SMTP password', async () => {
    const cli = async (...args: string[]) => {
      let out = '';
      const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
        out += chunk.toString();
        return true;
      });
      const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
        out += chunk.toString();
        return true;
      });
      vi.stubEnv('DESKWOOT_SECRET', TEST_SECRET);
      vi.stubEnv('DESKWOOT_SMTP_PASSWORD', 'cli-pass-77aa');
      try {
        const code = await main([...args, '--database-url', h.url, '--account', ws.accountId, '--json']);
        return { code, out };
      } finally {
        write.mockRestore();
        err.mockRestore();
        vi.unstubAllEnvs();
      }
    };
    const made = await cli(
      'inboxes',
      'create',
      '--type',
      'email',
      '--name',
      'Billing',
      '--address',
      'billing@acme.test',
      '--smtp-host',
      '127.0.0.1',
      '--smtp-port',
      String(sink.port),
      '--smtp-security',
      'none',
      '--smtp-user',
      'mailer',
    );
    expect(made.code).toBe(0);
    expect(JSON.parse(made.out)).toMatchObject({
      type: 'email',
      email: { address: 'billing@acme.test', smtp: { port: sink.port, user: 'mailer', password_set: true } },
    });
    expect(made.out).not.toContain('cli-pass-77aa');
    const settings = await db()
      .selectFrom('email_settings')
      .selectAll()
      .where('address', '=', 'billing@acme.test')
      .executeTakeFirstOrThrow();
    expect(h.services.box.open(settings.smtp_password_sealed!)).toBe('cli-pass-77aa');
    const bad = await cli(
      'inboxes',
      'create',
      '--type',
      'email',
      '--name',
      'Bad',
      '--address',
      'nope',
      '--smtp-host',
      'x',
      '--smtp-port',
      '99999',
    );
    expect(bad.code).not.toBe(0);
    expect(bad.out).toContain('email.address');
  });

  describe('the HTTP inbound route', () => {
    const raw = (id: string, extra = '') =>
      [
        `From: Dana <dana@example.com>`,
        `To: ${ADDRESS}`,
        'Subject: Via webhook',
        `Message-ID: <${id}@example.com>`,
        extra,
        '',
        'Posted by a provider',
      ]
        .filter((l, i) => i !== 4 || l)
        .join('\r\n');
    const post = (body: string | Buffer, secret: string | null = inbox.secret, type = 'message/rfc822') =>
      h.app.request(`/api/v1/inboxes/${inbox.id}/email`, {
        method: 'POST',
        headers: { 'content-type': type, ...(secret !== null && { authorization: `Bearer ${secret}` }) },
        body: typeof body === 'string' ? body : new Uint8Array(body),
      });

    it('stores a raw MIME post once, authenticated by the inbox secret', async () => {
      const first = await post(raw('hook-1'));
      expect(first.status).toBe(201);
      const body = (await first.json()) as { outcome: string; conversation_id: string };
      expect(body.outcome).toBe('stored');
      expect((await thread(body.conversation_id)).messages.at(-1)).toMatchObject({
        content: 'Posted by a provider',
      });
      const again = await post(raw('hook-1'));
      expect(again.status).toBe(200);
      expect(await again.json()).toMatchObject({
        outcome: 'duplicate',
        conversation_id: body.conversation_id,
      });
    });

    it('answers bad input with clear 4xx errors and stores nothing', async () => {
      const before = await count('messages');
      expect((await post(raw('hook-2'), 'dwi_wrong')).status).toBe(401);
      expect((await post(raw('hook-2'), ws.inboxes[0]!.secret)).status).toBe(401);
      expect((await post(raw('hook-2'), null)).status).toBe(401);
      expect((await post(raw('hook-2'), inbox.secret, 'application/json')).status).toBe(400);
      expect((await post('no headers here')).status).toBe(400);
      const exe = [
        'From: dana@example.com',
        `To: ${ADDRESS}`,
        'Subject: file',
        'Content-Type: multipart/mixed; boundary="b"',
        '',
        '--b',
        'Content-Type: text/plain',
        '',
        'see',
        '--b',
        'Content-Type: application/octet-stream; name="tool.exe"',
        'Content-Disposition: attachment; filename="tool.exe"',
        'Content-Transfer-Encoding: base64',
        '',
        Buffer.from('MZ executable').toString('base64'),
        '--b--',
      ].join('\r\n');
      const refused = await post(exe);
      expect(refused.status).toBe(422);
      expect(await refused.json()).toMatchObject({
        error: { code: 'unprocessable', message: expect.stringContaining('tool.exe') },
      });
      const tooLarge = await post(
        Buffer.concat([Buffer.from(raw('hook-3')), Buffer.alloc(26 * 1024 * 1024, 97)]),
      );
      expect(tooLarge.status).toBe(413);
      expect(await count('messages')).toBe(before);
      // The other routes keep their own, small limit.
      const bigJson = await call(h.app, 'POST', `/api/v1/conversations/${ws.conversations[0]!.id}/messages`, {
        token: ws.admin.token,
        body: { content: 'x'.repeat(300 * 1024) },
      });
      expect(bigJson.status).toBe(413);
    });
  });
});
