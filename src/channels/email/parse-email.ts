import { createHash } from 'node:crypto';
import type { AddressObject } from 'mailparser';
import { ZEmailSchema } from '../../contacts/contacts.types.js';
import { AppError, type ErrorCode } from '../../core/errors.js';
import { headerText, messageIds } from './headers.js';
import { type LoopHeaders, loopKind, readBounce } from './loops.js';
import { stripQuotes } from './strip-quotes.js';
import { DEFAULT_EMAIL_LIMITS, type EmailLimits, type TReceivedEmail } from './email.types.js';

/**
 * An inbound mail Deskwoot will not take, with the reply code the SMTP receiver gives (552: too
 * big, 554: refused content, 550: no such mailbox) and the HTTP status of its code.
 */
export class EmailRefused extends AppError {
  constructor(
    code: ErrorCode,
    readonly smtpCode: 550 | 552 | 554,
    message: string,
  ) {
    super(code, message);
  }
}

/** File types that run when opened: refused whatever the sender calls them. */
const REFUSED_EXTENSIONS = new Set(
  'exe com bat cmd scr pif msi msp msc js jse vbs vbe wsf wsh ws ps1 psm1 psc1 jar app dll cpl hta lnk reg scf inf sh bash apk dmg iso vhd'.split(
    ' ',
  ),
);
const REFUSED_TYPES = new Set([
  'application/x-msdownload',
  'application/x-msdos-program',
  'application/x-ms-installer',
  'application/x-msi',
  'application/x-dosexec',
  'application/x-executable',
  'application/vnd.microsoft.portable-executable',
  'application/x-sh',
  'application/x-shellscript',
  'application/javascript',
  'application/x-javascript',
  'text/javascript',
  'application/java-archive',
  'application/hta',
  'application/x-apple-diskimage',
]);

/** Windows (MZ) and ELF executables, recognised by their first bytes whatever the name says. */
function isExecutable(content: Buffer): boolean {
  return (
    (content.length >= 2 && content[0] === 0x4d && content[1] === 0x5a) ||
    (content.length >= 4 && content.readUInt32BE(0) === 0x7f454c46)
  );
}

/** Text as both databases store it: no NUL, no lone surrogates, bounded. */
function storable(text: string, max: number): string {
  return [...text.replaceAll('\u0000', '').replace(/\p{Cs}/gu, '\uFFFD')].slice(0, max).join('');
}

function safeFilename(name: string | undefined, index: number): string {
  const base = headerText(name ?? '', 255)
    .split(/[/\\]/)
    .pop()!
    .replace(/^\.+/, '');
  return base || `attachment-${index + 1}`;
}

function safeContentType(type: string | undefined): string {
  const lower = (type ?? '').toLowerCase().trim();
  return /^[a-z0-9!#$&^_.+-]{1,100}\/[a-z0-9!#$&^_.+-]{1,150}$/.test(lower)
    ? lower
    : 'application/octet-stream';
}

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  const objects = Array.isArray(value) ? value : value ? [value] : [];
  return objects.flatMap((o) => o.value.map((a) => a.address?.toLowerCase() ?? '')).filter(Boolean);
}

const ZRfcId = /^<[^<>\s]{1,996}>$/;

/**
 * Parses raw MIME into what the email action takes: the sender, the thread's Message-IDs, the text
 * without quoted history and signature (HTML-only mail as its text; HTML is never stored or
 * rendered), attachments within the limits, and whether a machine wrote it. Refuses with a clear
 * `EmailRefused`; never throws anything else for bad input.
 */
export async function parseEmail(
  raw: Buffer,
  envelope: { to: string[]; nullSender: boolean } = { to: [], nullSender: false },
  limits: EmailLimits = DEFAULT_EMAIL_LIMITS,
): Promise<TReceivedEmail> {
  if (raw.length > limits.maxBytes) {
    throw new EmailRefused('payload_too_large', 552, `The message is larger than ${limits.maxBytes} bytes`);
  }
  if (raw.length === 0 || raw.subarray(0, 8192).indexOf(':') < 0) {
    throw new EmailRefused('bad_request', 554, 'The body is not a MIME message (no headers)');
  }
  // Loaded with the first mail: a help desk without an email inbox never pays for the parser.
  const { simpleParser } = await import('mailparser');
  let parsed;
  try {
    parsed = await simpleParser(raw, {
      skipImageLinks: true,
      skipTextToHtml: true,
      skipTextLinks: true,
      maxHtmlLengthToParse: 5 * 1024 * 1024,
    });
  } catch {
    throw new EmailRefused('bad_request', 554, 'The message could not be parsed as MIME');
  }

  const lines = new Map<string, string>();
  for (const { key, line } of parsed.headerLines) {
    if (!lines.has(key)) lines.set(key, line.slice(line.indexOf(':') + 1).trim());
  }
  const headers: LoopHeaders = { get: (name) => lines.get(name) };

  const fromAddress = parsed.from?.value[0]?.address?.toLowerCase() ?? '';
  if (!ZEmailSchema.safeParse(fromAddress).success) {
    throw new EmailRefused('bad_request', 554, 'The message has no valid From address');
  }
  const fromName = headerText(parsed.from?.value[0]?.name ?? '', 200) || null;

  if (parsed.attachments.length > limits.maxAttachments) {
    throw new EmailRefused(
      'payload_too_large',
      552,
      `The message has more than ${limits.maxAttachments} attachments`,
    );
  }
  const attachments = parsed.attachments.map((a, index) => {
    const filename = safeFilename(a.filename, index);
    const contentType = safeContentType(a.contentType);
    const extension = filename.includes('.') ? filename.split('.').pop()!.toLowerCase() : '';
    if (a.content.length > limits.maxAttachmentBytes) {
      throw new EmailRefused(
        'payload_too_large',
        552,
        `The attachment "${filename}" is larger than ${limits.maxAttachmentBytes} bytes`,
      );
    }
    if (REFUSED_EXTENSIONS.has(extension) || REFUSED_TYPES.has(contentType) || isExecutable(a.content)) {
      throw new EmailRefused(
        'unprocessable',
        554,
        `The attachment "${filename}" is a program; such files are refused`,
      );
    }
    return {
      filename,
      content_type: contentType,
      size: a.content.length,
      content: new Uint8Array(a.content),
    };
  });

  const messageId = parsed.messageId && ZRfcId.test(parsed.messageId) ? parsed.messageId : null;
  const references = messageIds(parsed.references).slice(-100);
  const threadIds = [...new Set([...messageIds(parsed.inReplyTo), ...[...references].reverse()])].slice(
    0,
    100,
  );
  const recipients = [
    ...addresses(parsed.to),
    ...addresses(parsed.cc),
    ...['delivered-to', 'x-original-to', 'envelope-to'].flatMap((name) =>
      parsed.headerLines
        .filter((h) => h.key === name)
        .map((h) =>
          h.line
            .slice(h.line.indexOf(':') + 1)
            .trim()
            .replace(/^<|>$/g, '')
            .toLowerCase(),
        ),
    ),
  ].slice(0, 500);

  const loop = loopKind(headers, fromAddress, envelope.nullSender);
  const fullText = storable(parsed.text ?? '', 1_000_000).trim();
  const digest = createHash('sha256').update(raw).digest('hex');
  return {
    envelope_to: envelope.to.map((a) => a.toLowerCase()).slice(0, 100),
    from: { address: fromAddress, name: fromName },
    recipients: recipients.map((a) => a.slice(0, 320)),
    subject: headerText(storable(parsed.subject ?? '', 998), 998),
    message_id: messageId,
    thread_ids: threadIds,
    references,
    text: storable(stripQuotes(fullText), 200_000),
    full_text: fullText,
    loop,
    bounce:
      loop === 'bounce' ? readBounce(raw.subarray(0, 2 * 1024 * 1024).toString('latin1'), messageId) : null,
    source_id:
      messageId && messageId.length <= 200
        ? messageId
        : `sha256:${messageId ? createHash('sha256').update(messageId).digest('hex') : digest}`,
    attachments,
  };
}
