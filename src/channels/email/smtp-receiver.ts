import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { Services } from '../../core/services.js';
import type { Actor } from '../../core/actor.js';
import { EmailRefused } from './parse-email.js';
import { actorForAddress, receiveRawEmail } from './receive-raw.js';
import { DEFAULT_EMAIL_LIMITS, type EmailLimits } from './email.types.js';

/** Recipients one mail may name at this server: a mail is for an inbox, not a mailing list. */
const MAX_RECIPIENTS = 50;

export interface SmtpReceiverOptions {
  port: number;
  /** Default 127.0.0.1: listen publicly only on purpose (or behind a relay). */
  host?: string;
  limits?: EmailLimits;
  /** The name the server greets with. */
  name?: string;
}

export interface SmtpReceiver {
  port: number;
  close(): Promise<void>;
}

/** An SMTP reply to a sender: the code and why. */
function reply(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

/** Reads the message while counting bytes; past the limit it only drains, so memory stays bounded. */
function readMessage(stream: SMTPServerDataStream, maxBytes: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    let over = false;
    stream.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > maxBytes) over = true;
      if (!over) chunks.push(chunk);
    });
    stream.on('error', reject);
    stream.on('end', () => resolve(over || stream.sizeExceeded ? null : Buffer.concat(chunks)));
  });
}

/**
 * The built-in receiving MTA: takes mail for the address of any email inbox (or its `+token`
 * reply addresses) and hands each message to the same action as the HTTP inbound route. Unknown
 * recipients get 550, too big 552, refused content 554, an internal failure 451 (the sender
 * retries). Nothing a client sends can crash it: every failure becomes a reply and a log line
 * without the mail's content.
 */
export async function startSmtpReceiver(
  services: Services,
  options: SmtpReceiverOptions,
): Promise<SmtpReceiver> {
  const limits = options.limits ?? DEFAULT_EMAIL_LIMITS;
  const log = services.logger.child({ component: 'smtp-receiver' });

  async function deliver(raw: Buffer, session: SMTPServerSession): Promise<void> {
    const recipients = session.envelope.rcptTo.map((r) => r.address);
    const mailFrom = session.envelope.mailFrom;
    const envelope = { to: recipients, nullSender: mailFrom === false || mailFrom.address === '' };
    const actors = new Map<string, Actor>();
    for (const address of recipients) {
      const actor = await actorForAddress(services.db.kysely, address);
      if (actor?.kind === 'channel') actors.set(actor.inboxId, actor);
    }
    for (const actor of actors.values()) {
      const outcome = await receiveRawEmail(services, actor, raw, envelope, limits);
      log.info(
        { session: session.id, inbox: actor.kind === 'channel' ? actor.inboxId : null, ...outcome },
        'mail received',
      );
    }
  }

  const server = new SMTPServer({
    name: options.name ?? 'deskwoot',
    banner: 'Deskwoot',
    size: limits.maxBytes,
    authOptional: true,
    disabledCommands: ['AUTH'],
    disableReverseLookup: true,
    logger: false,
    maxClients: 100,
    socketTimeout: 60_000,
    closeTimeout: 5_000,
    onRcptTo(address, session, callback) {
      if (session.envelope.rcptTo.length >= MAX_RECIPIENTS) {
        callback(reply(452, 'Too many recipients'));
        return;
      }
      actorForAddress(services.db.kysely, address.address)
        .then((actor) => callback(actor ? undefined : reply(550, 'No such mailbox here')))
        .catch((error: unknown) => {
          log.error({ err: error, session: session.id }, 'recipient lookup failed');
          callback(reply(451, 'Temporary failure, try again later'));
        });
    },
    onData(stream, session, callback) {
      readMessage(stream, limits.maxBytes)
        .then(async (raw) => {
          if (!raw)
            throw new EmailRefused('payload_too_large', 552, `Message larger than ${limits.maxBytes} bytes`);
          await deliver(raw, session);
          callback();
        })
        .catch((error: unknown) => {
          if (error instanceof EmailRefused) {
            log.info({ session: session.id, code: error.smtpCode, reason: error.message }, 'mail refused');
            callback(reply(error.smtpCode, error.message));
            return;
          }
          log.error({ err: error, session: session.id }, 'mail could not be stored');
          callback(reply(451, 'Temporary failure, try again later'));
        });
    },
  });
  // A client's broken connection or protocol error must never take the process down.
  server.on('error', (error: Error) => log.warn({ err: error }, 'SMTP connection error'));

  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.server.once('error', onError);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      server.server.off('error', onError);
      resolve();
    });
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
