import { defineAction } from '../core/action.js';
import { AppError } from '../core/errors.js';
import { findVisibleContact, toContactJson } from './contacts.repository.js';
import { type TContact, ZUpdateContactInputSchema } from './contacts.types.js';

export const updateContact = defineAction({
  name: 'contact.update',
  summary: "Change a contact's name, email, phone or custom attributes",
  input: ZUpdateContactInputSchema,
  kind: 'write',
  allow: { roles: ['admin', 'teammate'] },
  agent: { scope: 'contacts:write' },
  async handler({ db: trx, actor, input, services, audit }): Promise<TContact> {
    const contact = await findVisibleContact(trx, actor, input.contact_id);
    const email = input.email === undefined ? undefined : (input.email?.toLowerCase() ?? null);
    if (email && email !== contact.email) {
      const taken = await trx
        .selectFrom('contacts')
        .select('id')
        .where('account_id', '=', actor.accountId)
        .where('email', '=', email)
        .where('id', '!=', contact.id)
        .executeTakeFirst();
      if (taken) {
        throw new AppError('conflict', 'Another contact has this email', {
          fields: [{ field: 'email', message: 'Already used by another contact' }],
        });
      }
    }
    const attributes = { ...(JSON.parse(contact.custom_attributes) as Record<string, unknown>) };
    for (const [key, value] of Object.entries(input.custom_attributes ?? {})) {
      if (value === null) delete attributes[key];
      else attributes[key] = value;
    }
    if (Object.keys(attributes).length > 50) {
      throw new AppError('unprocessable', 'A contact has at most 50 custom attributes', {
        fields: [{ field: 'custom_attributes', message: 'At most 50 attributes' }],
      });
    }
    const changes = {
      ...(input.name !== undefined && { name: input.name }),
      ...(email !== undefined && { email }),
      ...(input.phone !== undefined && { phone: input.phone }),
      ...(input.custom_attributes !== undefined && { custom_attributes: JSON.stringify(attributes) }),
    };
    const before = Object.fromEntries(
      Object.keys(changes).map((key) => [key, contact[key as keyof typeof changes]]),
    );
    const updated = { ...contact, ...changes, updated_at: services.now().toISOString() };
    await trx
      .updateTable('contacts')
      .set({ ...changes, updated_at: updated.updated_at })
      .where('id', '=', contact.id)
      .execute();
    audit({ before });
    const [json] = await toContactJson(trx, [updated]);
    return json!;
  },
  target: (input) => ({ type: 'contact', id: input.contact_id }),
});
