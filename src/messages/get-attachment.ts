import { z } from 'zod';
import { defineAction } from '../core/action.js';
import { ZIdSchema } from '../core/text.js';
import { findVisibleAttachment } from './attachments.repository.js';

export const ZAttachmentIdInputSchema = z.object({ attachment_id: ZIdSchema }).strict();

/** A file that came with a customer's message, for whoever may read its conversation. */
export const getAttachment = defineAction({
  name: 'attachment.get',
  summary: 'Download a file that came with a message',
  input: ZAttachmentIdInputSchema,
  kind: 'read',
  allow: { roles: ['admin', 'teammate'] },
  async handler({ db, actor, input }) {
    const row = await findVisibleAttachment(db, actor, input.attachment_id);
    return { filename: row.filename, content_type: row.content_type, content: Buffer.from(row.content) };
  },
});
