import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SunkMail {
  envelope: { from: string; to: string[] };
  raw: string;
  parsed: ParsedMail;
}

export interface SmtpSink {
  port: number;
  mails: SunkMail[];
  /** Logins the sink saw, as user names (passwords are only checked). */
  logins: string[];
  /** The next delivery is answered with this SMTP code and text instead of being taken. */
  refuseNext(code: number, message: string): void;
  close(): Promise<void>;
}

/**
 * A receiving MTA on loopback, built on smtp-server: what Deskwoot's outbound SMTP reaches in tests.
 * It checks the login it is given and keeps every mail it takes, raw and parsed.
 */
export async function startSmtpSink(
  auth: { user: string; password: string } | null = null,
): Promise<SmtpSink> {
  const mails: SunkMail[] = [];
  const logins: string[] = [];
  const refusals: { code: number; message: string }[] = [];
  const server = new SMTPServer({
    logger: false,
    disabledCommands: auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !auth,
    allowInsecureAuth: true,
    onAuth(login, _session, callback) {
      if (auth && login.username === auth.user && login.password === auth.password) {
        logins.push(login.username ?? '');
        callback(null, { user: login.username });
      } else {
        callback(Object.assign(new Error('Invalid login'), { responseCode: 535 }));
      }
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const refusal = refusals.shift();
        if (refusal) {
          callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
          return;
        }
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then((parsed) => {
            const from = session.envelope.mailFrom;
            mails.push({
              envelope: {
                from: from === false ? '' : from.address,
                to: session.envelope.rcptTo.map((r) => r.address),
              },
              raw: raw.toString('utf8'),
              parsed,
            });
            callback();
          })
          .catch((error: unknown) => callback(error instanceof Error ? error : new Error('parse failed')));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.server.address() as AddressInfo).port,
    mails,
    logins,
    refuseNext: (code, message) => void refusals.push({ code, message }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
