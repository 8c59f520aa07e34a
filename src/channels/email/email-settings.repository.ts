import type { Executor, Trx } from '../../db/database.js';
import type { EmailSettings } from '../../db/schema.js';
import type { SecretBox } from '../../core/crypto.js';
import { AppError } from '../../core/errors.js';
import {
  type TEmailSettings,
  type TEmailSettingsInput,
  type TEmailSettingsPatch,
  ZEmailSettingsInputSchema,
} from './email.types.js';

/** The public shape: the password only as "is one set". */
export function toEmailSettingsJson(settings: EmailSettings): TEmailSettings {
  return {
    address: settings.address,
    smtp: {
      host: settings.smtp_host,
      port: settings.smtp_port,
      security: settings.smtp_security,
      user: settings.smtp_user,
      password_set: settings.smtp_password_sealed !== null,
    },
  };
}

export async function findEmailSettings(db: Executor, inboxId: string): Promise<EmailSettings | undefined> {
  return db.selectFrom('email_settings').selectAll().where('inbox_id', '=', inboxId).executeTakeFirst();
}

/** Settings of several inboxes at once, for lists. */
export async function emailSettingsOf(
  db: Executor,
  inboxIds: readonly string[],
): Promise<Map<string, EmailSettings>> {
  if (!inboxIds.length) return new Map();
  const rows = await db.selectFrom('email_settings').selectAll().where('inbox_id', 'in', inboxIds).execute();
  return new Map(rows.map((row) => [row.inbox_id, row]));
}

async function checkAddressFree(trx: Trx, address: string, inboxId: string): Promise<void> {
  const taken = await trx
    .selectFrom('email_settings')
    .select('inbox_id')
    .where('address', '=', address)
    .where('inbox_id', '!=', inboxId)
    .executeTakeFirst();
  if (taken) {
    throw new AppError('conflict', 'Another inbox already receives mail at this address', {
      fields: [{ field: 'email.address', message: 'Already in use' }],
    });
  }
}

export async function insertEmailSettings(
  trx: Trx,
  box: SecretBox,
  inbox: { id: string; account_id: string },
  input: TEmailSettingsInput,
  now: string,
): Promise<EmailSettings> {
  await checkAddressFree(trx, input.address, inbox.id);
  const row: EmailSettings = {
    inbox_id: inbox.id,
    account_id: inbox.account_id,
    address: input.address,
    smtp_host: input.smtp.host,
    smtp_port: input.smtp.port,
    smtp_security: input.smtp.security,
    smtp_user: input.smtp.user ?? null,
    smtp_password_sealed: input.smtp.password ? box.seal(input.smtp.password) : null,
    created_at: now,
    updated_at: now,
  };
  await trx.insertInto('email_settings').values(row).execute();
  return row;
}

export async function updateEmailSettings(
  trx: Trx,
  box: SecretBox,
  current: EmailSettings,
  patch: TEmailSettingsPatch,
  now: string,
): Promise<EmailSettings> {
  if (patch.address !== undefined) await checkAddressFree(trx, patch.address, current.inbox_id);
  const smtp = patch.smtp ?? {};
  const next: EmailSettings = {
    ...current,
    address: patch.address ?? current.address,
    smtp_host: smtp.host ?? current.smtp_host,
    smtp_port: smtp.port ?? current.smtp_port,
    smtp_security: smtp.security ?? current.smtp_security,
    smtp_user: smtp.user === undefined ? current.smtp_user : smtp.user,
    smtp_password_sealed:
      smtp.password === undefined ? current.smtp_password_sealed : smtp.password && box.seal(smtp.password),
    updated_at: now,
  };
  await trx
    .updateTable('email_settings')
    .set({ ...next, inbox_id: undefined, account_id: undefined, created_at: undefined })
    .where('inbox_id', '=', current.inbox_id)
    .execute();
  return next;
}

/**
 * Email settings belong to email inboxes only. An email inbox may be made without them (set them up
 * later); until then its replies fail at once with that reason instead of being queued.
 */
export function checkEmailSettingsFor(type: string, given: unknown): void {
  if (given !== undefined && type !== 'email') {
    throw new AppError('bad_request', 'email settings are only for email inboxes', {
      fields: [{ field: 'email', message: 'Only for inboxes of type email' }],
    });
  }
}

/** The public email settings of these inboxes (only email inboxes have any). */
export async function emailSettingsJsonOf(
  db: Executor,
  inboxIds: readonly string[],
): Promise<Map<string, TEmailSettings>> {
  const rows = await emailSettingsOf(db, inboxIds);
  return new Map([...rows].map(([id, row]) => [id, toEmailSettingsJson(row)]));
}

/** Changes an email inbox's settings; the first ones must be complete (address and SMTP server). */
export async function setEmailSettings(
  trx: Trx,
  services: { box: SecretBox; now: () => Date },
  inbox: { id: string; account_id: string },
  patch: TEmailSettingsPatch,
): Promise<void> {
  const now = services.now().toISOString();
  const current = await findEmailSettings(trx, inbox.id);
  if (current) {
    await updateEmailSettings(trx, services.box, current, patch, now);
    return;
  }
  const complete = ZEmailSettingsInputSchema.safeParse(patch);
  if (!complete.success) {
    throw new AppError(
      'bad_request',
      'This inbox has no email settings yet: give the address and the SMTP host and port',
      {
        fields: complete.error.issues.map((issue) => ({
          field: ['email', ...issue.path.map(String)].join('.'),
          message: issue.message,
        })),
      },
    );
  }
  await insertEmailSettings(trx, services.box, inbox, complete.data, now);
}
