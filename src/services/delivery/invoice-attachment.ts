import { invoicePdf } from '../documents/invoice-files.ts';
import { DELIVERY_ACTOR } from './message-events.ts';
import type { AttachmentRenderer } from './types.ts';

/**
 * `{ kind: 'invoice_pdf', invoiceId }` in a message's payload.attachments: the invoice as the PDF in the
 * customer's language, rendered when the message is sent. An invoice that cannot be rendered makes the
 * send wait and retry rather than go out without it.
 */
export const invoicePdfAttachment: AttachmentRenderer = async (db, orgId, _row, request, clock) => {
  if (typeof request.invoiceId !== 'string') throw new Error('an invoice_pdf attachment needs an invoiceId');
  const file = await invoicePdf({ db, orgId, actor: DELIVERY_ACTOR, clock }, request.invoiceId);
  if (!file.ok) throw new Error(`${file.code}: ${file.message}`);
  return { filename: file.value.filename, contentType: file.value.contentType, content: Buffer.from(file.value.body) };
};
