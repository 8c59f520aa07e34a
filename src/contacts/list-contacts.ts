import { z } from 'zod';
import { defineAction } from '../core/action.js';
import { decodeCursor, type Page, toPage } from '../core/pagination.js';
import { ZIdSchema } from '../core/text.js';
import { findVisibleContact, listContactRows, toContactJson } from './contacts.repository.js';
import { type TContact, ZContactIdInputSchema, ZListContactsInputSchema } from './contacts.types.js';

export const listContacts = defineAction({
  name: 'contact.list',
  summary: 'List or search the contacts the caller can see, newest first',
  input: ZListContactsInputSchema,
  kind: 'read',
  allow: { roles: ['admin', 'teammate'] },
  agent: { scope: 'contacts:read' },
  async handler({ db, actor, input }): Promise<Page<TContact>> {
    const beforeId = input.cursor ? decodeCursor(input.cursor, z.tuple([ZIdSchema]))[0] : undefined;
    const rows = await listContactRows(db, actor, { query: input.query, beforeId, limit: input.limit });
    const page = toPage(
      rows,
      input.limit,
      (r) => [r.id],
      (r) => r,
    );
    return { items: await toContactJson(db, page.items), next_cursor: page.next_cursor };
  },
});

export const getContact = defineAction({
  name: 'contact.get',
  summary: 'Read one contact',
  input: ZContactIdInputSchema,
  kind: 'read',
  allow: { roles: ['admin', 'teammate'] },
  agent: { scope: 'contacts:read' },
  async handler({ db, actor, input }): Promise<TContact> {
    const [contact] = await toContactJson(db, [await findVisibleContact(db, actor, input.contact_id)]);
    return contact!;
  },
});
